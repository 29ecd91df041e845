"""'My internship candidacy' is kept in the shared cache per person, language and day
(views.my_candidacy, under the version keys of seekers/sections.py): every change to what it shows,
by the person or by staff, shows at once; no one sees another's; the withdraw form's CSRF token is
this request's own; a cache outage costs only speed."""

import datetime
import re

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from overseas import services
from overseas.models import Candidacy, Prefecture
from seekers.tests.factories import CompleteJobSeekerFactory

from .conftest import TODAY
from .factories import IntakeFactory

URL = reverse("overseas:my_candidacy")
S = Candidacy.Status


def _page(client):
    return client.get(URL).content.decode()


def _status(client):
    return re.search(r'data-testid="candidacy-status">([^<]*)<', _page(client)).group(1)


def _label(status):
    with translation.override("id"):
        return str(status.label)


def _apply(intake, profile):
    return services.candidacy_apply(intake=intake, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)


def test_the_cached_page_takes_two_queries_and_withdraws_with_this_requests_token(
    profile, intake, django_assert_num_queries
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(profile.user)
    candidacy = _apply(intake, profile)
    _page(client)  # rendered and cached (the unread badge too)
    with django_assert_num_queries(2):  # session, user (role groups cached too): the content is cached
        html = _page(client)
    action = reverse("overseas:withdraw", args=[candidacy.pk])
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert "csrf-" not in html  # no placeholder left
    response = client.post(action, {"csrfmiddlewaretoken": token, "reason": "Bekerja di Cikarang"})
    assert response.status_code == 302
    html = _page(client)
    assert _label(S.WITHDRAWN) in html and "Bekerja di Cikarang" in html  # shows at once
    assert f'action="{action}"' not in html  # no withdraw form any more
    client.logout()
    client.force_login(profile.user)
    assert token not in _page(client)  # another session, another token: never a cached one


def test_applying_and_each_stage_result_show_at_once(client, profile, intake, record_until, disnaker_staff):
    client.force_login(profile.user)
    assert intake.name not in _page(client)  # "not registered yet", cached
    candidacy = _apply(intake, profile)
    assert intake.name in _page(client) and _status(client) == _label(S.APPLIED)
    candidacy = record_until(candidacy, 1)
    html = _page(client)
    assert _status(client) == _label(S.IN_SELECTION) and "text-bg-success" in html
    second = intake.stages.get(position=2)
    assert re.search(r'data-testid="what-next">[^<]*<strong>' + re.escape(second.name), html)
    services.stage_record(
        candidacy=candidacy,
        stage=second,
        held_on=TODAY.date(),
        result="failed",
        note="Tinggi kurang",
        actor=disnaker_staff,
    )
    html = _page(client)
    assert _status(client) == _label(S.FAILED) and "Tinggi kurang" in html


def test_schedules_documents_departure_and_return_show_at_once(client, profile, intake, record_until, disnaker_staff):
    client.force_login(profile.user)
    candidacy = _apply(intake, profile)
    _page(client)
    services.stage_schedule(
        stage=intake.stages.get(position=1), day=datetime.date(2026, 6, 30), place="GOR Patriot", actor=disnaker_staff
    )
    assert "GOR Patriot" in _page(client)  # a stage: shared by everyone in the intake
    services.document_save(
        candidacy=candidacy, kind="passport", number="C7654321", issued_on=datetime.date(2021, 1, 1),
        expires_on=datetime.date(2031, 1, 1), actor=disnaker_staff,
    )  # fmt: skip
    assert "C7654321" in _page(client)
    candidacy = record_until(candidacy)
    assert _status(client) == _label(S.PASSED)
    departure = TODAY.date() + datetime.timedelta(days=20)
    deployment = services.deployment_create(
        candidacy=candidacy, host_company="Yazaki Shizuoka", prefecture=Prefecture.SHIZUOKA, job_field="Kabel",
        departure_date=departure, emergency_contact_name="Ayah", emergency_contact_phone="0812", actor=disnaker_staff,
    )  # fmt: skip
    html = _page(client)
    assert 'data-testid="deployment"' in html and "Yazaki Shizuoka" in html and _status(client) == _label(S.DEPARTED)
    with time_machine.travel(TODAY + datetime.timedelta(days=400), tick=False):
        client.force_login(profile.user)  # a year later: a new session
        _page(client)  # cached on that day
        services.return_record(
            candidacy=deployment.candidacy, returned_on=departure + datetime.timedelta(days=300), early=True,
            reason="Sakit", intention="local_job", actor=disnaker_staff,
        )  # fmt: skip
        html = _page(client)
    assert "Selamat datang kembali!" in html and _status(client) == _label(S.RETURNED)


def test_intake_scheme_and_organisation_changes_show_at_once(client, profile, intake):
    client.force_login(profile.user)
    _apply(intake, profile)
    _page(client)
    intake.name = "Magang Jepang 2026 gelombang khusus"
    intake.save()
    assert "gelombang khusus" in _page(client)
    intake.scheme.name = "Skema Pekerja Berketerampilan"
    intake.scheme.save()
    assert "Skema Pekerja Berketerampilan" in _page(client)
    intake.organisation.name = "LPK Sakura Baru"
    intake.organisation.save()
    assert "LPK Sakura Baru" in _page(client)


def test_a_document_expiring_shows_as_expired_the_next_day_without_any_change(client, profile, intake, disnaker_staff):
    client.force_login(profile.user)
    client.cookies["django_language"] = "en"
    candidacy = _apply(intake, profile)
    services.document_save(
        candidacy=candidacy, kind="passport", number="C1", issued_on=datetime.date(2016, 6, 16),
        expires_on=TODAY.date(), actor=disnaker_staff,
    )  # fmt: skip
    assert "expired" not in _page(client)  # valid through today (it expires before the departure)
    with time_machine.travel(TODAY + datetime.timedelta(days=1), tick=False):
        client.force_login(profile.user)  # sessions last less than a day
        assert "expired" in _page(client)


def test_no_one_sees_another_persons_candidacy(client, profile, intake, other_seeker):
    other = CompleteJobSeekerFactory(user=other_seeker)
    _apply(intake, other)
    client.force_login(other_seeker)
    assert intake.name in _page(client)
    client.force_login(profile.user)
    assert intake.name not in _page(client)
    own = IntakeFactory(name="Magang Jepang 2026 gelombang Rina")
    _apply(own, profile)
    html = _page(client)
    assert own.name in html and intake.name not in html
    client.force_login(other_seeker)
    client.cookies["django_language"] = "en"
    english = _page(client)
    assert intake.name in english and own.name not in english and "Registered" in english  # its own entry


def test_a_cache_outage_costs_only_speed(cache_down, client, profile, intake):
    candidacy = _apply(intake, profile)
    client.force_login(profile.user)
    with cache_down():
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and intake.name in html
    assert reverse("overseas:withdraw", args=[candidacy.pk]) in html and "csrf-" not in html
