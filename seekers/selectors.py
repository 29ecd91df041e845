from django.db.models import Prefetch
from django.forms.models import model_to_dict

from .models import AK1Card, JobSeeker


def seeker_for_dashboard(user):
    """The user's profile with everything the dashboard shows, in a fixed number of queries."""
    seeker = (
        JobSeeker.objects.filter(user=user)
        .select_related("domicile_kecamatan", "domicile_desa", "education_level")
        .prefetch_related(
            "educations",
            "skills",
            "documents",
            Prefetch("cards", queryset=AK1Card.objects.current(), to_attr="current_cards"),
        )
        .first()
    )
    if seeker is not None:
        seeker.current_card = seeker.current_cards[0] if seeker.current_cards else None
    return seeker


def seeker_personal_data(user) -> dict:
    """Everything stored about `user`, for the "download my data" export."""
    data = {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "full_name": user.full_name,
            "language": user.language,
            "date_joined": user.date_joined,
        },
        "consents": list(user.consents.values("purpose", "notice_version", "given_at", "withdrawn_at")),
    }
    seeker = JobSeeker.objects.filter(user=user).first()
    if seeker is None:
        return data
    profile = model_to_dict(seeker, exclude=["id", "user", "skills", "preferred_sectors"])
    profile["skills"] = list(seeker.skills.values_list("name", flat=True))
    profile["preferred_sectors"] = list(seeker.preferred_sectors.values_list("code", flat=True))
    data["profile"] = profile
    data["education"] = list(seeker.educations.values("level__name", "school", "major", "graduation_year"))
    data["non_formal_training"] = list(seeker.trainings.values("name", "organiser", "year", "certified"))
    data["experience"] = list(
        seeker.experiences.values("employer", "position", "start_date", "end_date", "description")
    )
    data["languages"] = list(seeker.languages.values("language", "level"))
    data["documents"] = list(seeker.documents.values("kind", "content_type", "size", "uploaded_at"))
    data["ak1_cards"] = [
        {
            **model_to_dict(card, fields=["number", "status", "issued_at", "valid_until", "next_report_due"]),
            "reports": list(card.reports.values("reported_at", "still_looking", "employer", "position", "start_date")),
        }
        for card in seeker.cards.prefetch_related("reports")
    ]
    return data
