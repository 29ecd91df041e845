from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from overseas.models import Candidacy, Intake, ReturnRecord, Scheme


def test_the_demo_has_both_schemes_candidates_at_every_step_and_a_scoped_sending_org_account(client, db):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent

    assert Scheme.objects.count() == 2
    assert {"applied", "in_selection", "failed", "departed", "returned"} <= set(
        Candidacy.objects.values_list("status", flat=True)
    )
    assert ReturnRecord.objects.count() == 1
    lpk = User.objects.get(email="lpkso@demo.bekasikab.go.id")
    client.force_login(lpk)
    names = [i.name for i in client.get(reverse("overseas:staff_home")).context["page"]]
    assert names == list(Intake.objects.filter(organisation__short_name="LPK-SO Sakura").values_list("name", flat=True))
    staff = User.objects.get(email="staf@demo.bekasikab.go.id")
    client.force_login(staff)
    assert len(client.get(reverse("overseas:staff_returnees")).context["rows"]) == 1
