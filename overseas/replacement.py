"""Re-placement of returnees at home, through the placements app (below this one)."""

from django.utils.translation import gettext as _

from .services import OverseasError


def matching_vacancies(candidacy, *, limit=3):
    return []


def link_placement(request, candidacy):
    raise OverseasError(_("Placements are not available yet."), code="no_placements")
