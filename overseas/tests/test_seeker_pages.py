import datetime

from django.urls import reverse

from overseas import services
from overseas.models import Prefecture

from .conftest import TODAY


def test_my_candidacy_shows_each_stage_what_comes_next_and_document_warnings(
    client, profile, intake, record_until, disnaker_staff
):
    candidacy = services.candidacy_apply(intake=intake, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)
    record_until(candidacy, 2)
    services.stage_schedule(
        stage=intake.stages.get(position=3), day=datetime.date(2026, 6, 30), place="GOR", actor=disnaker_staff
    )
    services.document_save(
        candidacy=candidacy,
        kind="passport",
        number="C9",
        issued_on=datetime.date(2021, 1, 1),
        expires_on=datetime.date(2027, 1, 1),
        actor=disnaker_staff,
    )
    client.force_login(profile.user)

    response = client.get(reverse("overseas:my_candidacy"))

    content = response.content.decode()
    assert [result is not None for _stage, result in response.context["stages"]] == [True, True] + [False] * 6
    assert "Tes fisik dan ketahanan" in content and "GOR" in content
    assert [d.number for d, _problem in response.context["warnings"]] == ["C9"]


def test_the_seeker_dashboard_shows_the_candidacy_and_the_departure_date(
    client, profile, intake, record_until, disnaker_staff
):
    candidacy = services.candidacy_apply(intake=intake, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)
    candidacy = record_until(candidacy)
    services.deployment_create(
        candidacy=candidacy,
        host_company="Yazaki Shizuoka",
        prefecture=Prefecture.SHIZUOKA,
        job_field="Kabel",
        departure_date=TODAY.date() + datetime.timedelta(days=20),
        emergency_contact_name="Ayah",
        emergency_contact_phone="0812",
        actor=disnaker_staff,
    )
    client.force_login(profile.user)

    content = client.get(reverse("seekers:dashboard")).content.decode()

    assert 'data-testid="seeker-overseas"' in content and "Yazaki Shizuoka" in content
    assert "5 Juli 2026" in content or "5 July 2026" in content


def test_a_seeker_without_candidacy_sees_the_open_intakes_link(client, profile):
    client.force_login(profile.user)

    content = client.get(reverse("seekers:dashboard")).content.decode()

    assert reverse("overseas:index") in content


def test_download_my_data_includes_the_candidacy(profile, intake):
    from seekers.sections import collect_personal_data

    services.candidacy_apply(intake=intake, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)

    data = collect_personal_data(profile.user)["overseas"]

    assert data["candidacies"][0]["intake__name"] == intake.name and data["candidacies"][0]["height_cm"] == 170
