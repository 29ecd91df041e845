from django.urls import reverse

from overseas.models import Candidacy


def test_staff_open_every_overseas_admin_list_and_candidacies_cannot_be_edited_there(
    client, disnaker_staff, intake, apply
):
    candidacy = apply(intake)
    client.force_login(disnaker_staff)

    for model in (
        "scheme",
        "sendingorganisation",
        "intake",
        "candidacy",
        "deployment",
        "returnrecord",
        "datatransfer",
        "japaneseaffiliation",
    ):
        assert client.get(reverse(f"admin:overseas_{model}_changelist")).status_code == 200
    page = client.get(reverse("admin:overseas_candidacy_change", args=[candidacy.pk]))
    posted = client.post(reverse("admin:overseas_candidacy_change", args=[candidacy.pk]), {"status": "passed"})

    assert page.status_code == 200 and b'name="status"' not in page.content
    assert posted.status_code == 403
    assert Candidacy.objects.get(pk=candidacy.pk).status == Candidacy.Status.APPLIED


def test_the_intake_admin_saves_stages_inline_as_data(client, disnaker_staff, intake):
    client.force_login(disnaker_staff)

    response = client.get(reverse("admin:overseas_intake_change", args=[intake.pk]))

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.queryset.count() == 8
