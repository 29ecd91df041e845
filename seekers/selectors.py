from datetime import timedelta

from django.db.models import FilteredRelation, Q
from django.forms.models import model_to_dict
from django.utils import timezone

from notifications.models import NotificationPreference

from .models import AK1Card, JobSeeker
from .sections import collect_personal_data


def seeker_for_dashboard(user):
    """The user's profile with everything the dashboard shows, in a fixed number of queries."""
    # One query: the profile, its completeness (EXISTS) and its current card (at most one, by a
    # unique constraint) joined as a filtered relation.
    current = FilteredRelation(
        "cards", condition=Q(cards__status__in=[AK1Card.Status.ACTIVE, AK1Card.Status.SUSPENDED])
    )
    seeker = (
        JobSeeker.objects.filter(user=user)
        .with_completeness()
        .annotate(current_card=current)
        .select_related("education_level", "current_card")
        .first()
    )
    if seeker is not None and not hasattr(seeker, "current_card"):
        seeker.current_card = None
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
    data["notifications"] = list(
        user.notifications.filter(channel="inbox").values("event", "subject", "body", "created_at", "read_at")
    )
    data["notification_preferences"] = list(
        NotificationPreference.objects.filter(user=user).values("email", "sms", "whatsapp")
    )
    data["deletion_requests"] = list(user.deletion_requests.values("reason", "status", "requested_at"))
    data.update(collect_personal_data(user))  # training and what later apps add
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


def _active_cards_between(field, first, last):
    # Served by the partial indexes on next_report_due / valid_until (status = 'active').
    return (
        AK1Card.objects.filter(
            status=AK1Card.Status.ACTIVE, seeker__user__is_active=True, **{f"{field}__range": (first, last)}
        )
        .select_related("seeker__user__notification_preference")
        .order_by("pk")
    )


def cards_report_due_in(*, days, today=None):
    """Cards whose report is due within `days` days. A window, not one day: after a day the
    scheduler missed, the next run catches up; the reminder's key keeps it to once per card and
    due date."""
    today = today or timezone.localdate()
    return _active_cards_between("next_report_due", today, today + timedelta(days=days))


def cards_expiring_in(*, days, today=None):
    """Cards that expire within `days` days (a window, as above)."""
    today = today or timezone.localdate()
    return _active_cards_between("valid_until", today, today + timedelta(days=days))


# --- For aggregate statistics (the TKP3D dashboard and /statistik/): rows to count, never to list.


def seekers_for_statistics():
    """Every registered job seeker: a `JobSeeker` profile (an account without one is not a job
    seeker). Dated by `created_at`; domicile, gender, birth date and education for breakdowns."""
    return JobSeeker.objects.order_by()


def cards_for_statistics():
    """Every AK/1 card ever issued, whatever its status now (a renewal keeps its issue date)."""
    return AK1Card.objects.order_by()
