import pytest
from django.urls import reverse

from overseas.models import Candidacy, StageResult

from .conftest import TODAY
from .factories import IntakeFactory


@pytest.fixture
def own_and_other(sending_org_staff, apply):
    """A candidate of the staff member's organisation, and one of another organisation."""
    own_intake = IntakeFactory(organisation=sending_org_staff.sending_organisation_staff.organisation)
    other_intake = IntakeFactory()
    return apply(own_intake, full_name="Andi Milik Sendiri"), apply(other_intake, full_name="Bayu Lain Lembaga")


def test_sending_organisation_staff_list_and_export_only_their_own_candidates(client, sending_org_staff, own_and_other):
    own, other = own_and_other
    client.force_login(sending_org_staff)

    listed = client.get(reverse("overseas:staff_candidates"))
    exported = b"".join(client.get(reverse("overseas:staff_export_csv")).streaming_content).decode()
    filtered = client.get(reverse("overseas:staff_candidates"), {"intake": other.intake_id})

    assert [c.pk for c in listed.context["page"]] == [own.pk]
    assert "Andi" in exported and "Bayu" not in exported
    assert not filtered.context["form"].is_valid()  # another organisation's intake is not a choice


def test_another_organisations_candidate_intake_and_stage_answer_404(client, sending_org_staff, own_and_other):
    own, other = own_and_other
    client.force_login(sending_org_staff)
    stage = other.intake.stages.get(position=1)

    assert client.get(reverse("overseas:staff_candidacy", args=[own.pk])).status_code == 200
    assert client.get(reverse("overseas:staff_candidacy", args=[other.pk])).status_code == 404
    assert client.get(reverse("overseas:staff_intake", args=[other.intake_id])).status_code == 404
    assert client.get(reverse("overseas:staff_stage", args=[other.intake_id, stage.pk])).status_code == 404
    assert (
        client.post(
            reverse("overseas:staff_candidacy", args=[other.pk]),
            {
                "action": "stage",
                "stage-stage": stage.pk,
                "stage-held_on": TODAY.date().isoformat(),
                "stage-result": "passed",
            },  # fmt: skip
        ).status_code
        == 404
    )
    assert not StageResult.objects.exists()


def test_a_bulk_form_tampered_with_another_organisations_candidate_records_nothing(
    client, sending_org_staff, own_and_other
):
    own, other = own_and_other
    client.force_login(sending_org_staff)
    url = reverse("overseas:staff_stage", args=[own.intake_id, own.intake.stages.get(position=1).pk])
    data = {"action": "bulk", "held_on": TODAY.date().isoformat(), "rows-TOTAL_FORMS": 2, "rows-INITIAL_FORMS": 2}
    data.update({"rows-0-candidacy": own.pk, "rows-0-result": "passed"})
    data.update({"rows-1-candidacy": other.pk, "rows-1-result": "passed"})

    response = client.post(url, data)

    assert response.status_code == 200
    assert not StageResult.objects.exists()


def test_seekers_and_other_roles_cannot_open_staff_pages(client, seeker, partner_staff, bank_officer):
    for user in (seeker, partner_staff, bank_officer):
        client.force_login(user)
        assert client.get(reverse("overseas:staff_home")).status_code == 403
    client.logout()
    assert client.get(reverse("overseas:staff_candidates")).status_code == 302


def test_a_seeker_cannot_withdraw_someone_elses_candidacy(client, other_seeker, intake, apply):
    candidacy = apply(intake)
    client.force_login(other_seeker)

    response = client.post(reverse("overseas:withdraw", args=[candidacy.pk]), {"reason": "iseng"})

    assert response.status_code == 404
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.APPLIED


def test_exports_are_formula_safe_and_mask_niks_without_the_permission(client, sending_org_staff, own_and_other):
    own, _other = own_and_other
    own.seeker.full_name = '=HYPERLINK("http://evil")'
    own.seeker.save()
    client.force_login(sending_org_staff)

    text = b"".join(client.get(reverse("overseas:staff_export_csv")).streaming_content).decode()

    assert "'=HYPERLINK" in text
    assert own.seeker.nik not in text and own.seeker.masked_nik in text
