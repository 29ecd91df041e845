import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from overseas.models import Candidacy, Deployment, Intake, ReturnRecord, StageResult

pytestmark = pytest.mark.django_db


def test_the_scale_data_set_is_consistent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()

    call_command("seed_scale", seekers=120, no_vacuum=True, stdout=out)

    assert "overseas:" in out.getvalue()
    active = Count("candidacies", filter=Q(candidacies__status__in=Candidacy.ACTIVE_STATUSES))
    for intake in Intake.objects.annotate(active=active):
        assert intake.candidates_count == intake.active <= intake.quota
    for candidacy in Candidacy.objects.filter(status__in=Candidacy.SELECTION_STATUSES).select_related("next_stage"):
        assert StageResult.objects.filter(candidacy=candidacy).count() == candidacy.next_stage.position - 1
    assert Deployment.objects.count() == Candidacy.objects.filter(status__in=["departed", "returned"]).count()
    assert ReturnRecord.objects.count() == Candidacy.objects.filter(status="returned").count()
