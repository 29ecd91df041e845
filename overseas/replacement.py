"""Re-placement of returnees at home, through the placements app (below this one): its
selectors find open vacancies, its services record proposals and placements."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from placements import selectors as placement_selectors
from placements.models import Application

from .models import JapaneseAffiliation


def matching_vacancies(seeker, *, limit=3, day=None):
    """Open vacancies a returnee could take, Japanese-affiliated employers first, then those
    closing soonest; not the ones already applied or proposed for. One query."""
    vacancies = placement_selectors.open_vacancies(day=day or timezone.localdate()).exclude(
        Exists(Application.objects.filter(vacancy=OuterRef("pk"), seeker=seeker))
    )
    if seeker.education_level_id:
        vacancies = vacancies.filter(
            Q(min_education__isnull=True) | Q(min_education__rank__lte=seeker.education_level.rank)
        )
    else:
        vacancies = vacancies.filter(min_education__isnull=True)
    return list(
        vacancies.annotate(
            japanese_affiliated=Exists(JapaneseAffiliation.objects.filter(employer=OuterRef("employer")))
        )
        .select_related("employer", "kecamatan")
        .defer("description", "search_text", "employer__address")
        .order_by("-japanese_affiliated", "closing_date", "id")[:limit]
    )


def placements_to_link(seeker, *, since):
    """The returnee's placements that started on or after the return (to link one)."""
    return placement_selectors.placements_for_seeker(seeker).filter(start_date__gte=since)
