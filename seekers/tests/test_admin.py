import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.tests.factories import UserFactory
from core.models import Kecamatan
from seekers import services
from seekers.models import AK1Card, JobSeeker
from seekers.tests.factories import CompleteJobSeekerFactory, JobSeekerFactory

CHANGELIST = reverse("admin:seekers_jobseeker_changelist")


@pytest.fixture
def staff_client(client, disnaker_staff):
    client.force_login(disnaker_staff)
    return client


def test_the_staff_list_query_count_does_not_grow_with_the_number_of_seekers(staff_client, django_assert_num_queries):
    JobSeekerFactory.create_batch(3)
    # session, user, COUNT, the page's rows (with their newest AK/1 card's status), the user's
    # groups (navbar roles); on PostgreSQL the table-size estimate first (core.pagination: then kept for
    # a minute). The first time also the user's own and group permissions and the kecamatan and
    # education levels of the list filters: then from the cache (accounts/permissions_cache.py,
    # cached_choices_filter)
    expected = 5
    with django_assert_num_queries(expected + 4 + (connection.vendor == "postgresql")):
        assert staff_client.get(CHANGELIST).status_code == 200
    JobSeekerFactory.create_batch(40)
    with django_assert_num_queries(expected - 1):  # the same, the user's roles cached since the first page
        response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 25  # a page of the 43
    html = response.content.decode()
    newest = response.context["cl"].result_list[0]
    assert f'name="_selected_action" value="{newest.pk}" class="action-select"' in html  # lean checkbox


def test_staff_find_a_seeker_by_nik_name_or_any_spelling_of_the_phone(staff_client):
    rina = JobSeekerFactory(full_name="Rina Marlina", phone="+6281299998888")
    JobSeekerFactory(full_name="Budi Santoso")
    for term in [rina.nik, "marlina", "0812-9999-8888"]:
        result = staff_client.get(CHANGELIST, {"q": term}).context["cl"].result_list
        assert list(result) == [rina], term


def test_filters_by_kecamatan_gender_age_band_card_status_and_flag(staff_client, time_machine):
    time_machine.move_to("2026-11-28 10:00:00+07:00", tick=False)
    setu = Kecamatan.objects.get(code="32.16.18")
    young = CompleteJobSeekerFactory()  # born 2000: 26 years old
    services.card_issue(seeker=young, actor=None)
    flagged = JobSeekerFactory(domicile_kecamatan=setu, domicile_desa=None, nik_flagged=True)
    cases = [
        ({"domicile_kecamatan__id__exact": setu.pk}, [flagged]),
        ({"age": "25-34"}, [young, flagged]),
        ({"age": "15-24"}, []),
        ({"card": "active"}, [young]),
        ({"card": "none"}, [flagged]),
        ({"nik_flagged__exact": "1"}, [flagged]),
        ({"gender__exact": "P"}, []),
    ]
    for params, expected in cases:
        result = staff_client.get(CHANGELIST, params).context["cl"].result_list
        assert {s.pk for s in result} == {s.pk for s in expected}, params


def test_the_card_column_shows_the_newest_card_of_each_person(staff_client):
    renewed, without = CompleteJobSeekerFactory(), CompleteJobSeekerFactory()
    old = services.card_issue(seeker=renewed, actor=None)
    AK1Card.objects.filter(pk=old.pk).update(status=AK1Card.Status.EXPIRED)
    services.card_issue(seeker=renewed, actor=None)  # the newer card, active
    html = staff_client.get(CHANGELIST).content.decode()
    rows = {s.pk: html[html.index(f'name="_selected_action" value="{s.pk}"') :][:1500] for s in (renewed, without)}
    with translation.override("id"):
        active = str(AK1Card.Status.ACTIVE.label)
    assert f'<td class="field-card_status">{active}</td>' in rows[renewed.pk]
    assert '<td class="field-card_status">–</td>' in rows[without.pk]


def _export(client, action, seekers):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [s.pk for s in seekers], "index": 0})


def test_the_csv_export_is_safe_against_formula_injection(staff_client):
    evil = JobSeekerFactory(full_name='=HYPERLINK("http://evil.example","klik")')
    response = _export(staff_client, "export_csv", [evil])
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][0] == evil.nik  # Disnaker staff have the full-NIK permission
    assert rows[1][1] == "'" + evil.full_name


def test_the_excel_export_has_a_row_per_selected_seeker(staff_client):
    seekers = JobSeekerFactory.create_batch(3)
    response = _export(staff_client, "export_xlsx", seekers)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    assert {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)} == {s.full_name for s in seekers}


def test_the_issue_card_action_issues_to_complete_profiles_and_explains_the_rest(staff_client):
    complete, incomplete = CompleteJobSeekerFactory(), JobSeekerFactory()
    response = staff_client.post(
        CHANGELIST, {"action": "issue_card", "_selected_action": [complete.pk, incomplete.pk]}, follow=True
    )
    assert AK1Card.objects.filter(seeker=complete).exists()
    assert not AK1Card.objects.filter(seeker=incomplete).exists()
    assert incomplete.full_name in response.content.decode()


def test_the_suspend_action_asks_for_a_reason_first(staff_client):
    card = services.card_issue(seeker=CompleteJobSeekerFactory(), actor=None)
    url = reverse("admin:seekers_ak1card_changelist")
    response = staff_client.post(url, {"action": "suspend", "_selected_action": [card.pk]})
    assert response.status_code == 200 and "reason" in response.context["form"].fields
    assert AK1Card.objects.get(pk=card.pk).status == AK1Card.Status.ACTIVE
    staff_client.post(url, {"action": "suspend", "_selected_action": [card.pk], "reason": "Duplikat"})
    card.refresh_from_db()
    assert (card.status, card.status_reason) == (AK1Card.Status.SUSPENDED, "Duplikat")


def test_the_seeker_change_page_renders(staff_client):
    seeker = CompleteJobSeekerFactory()
    assert staff_client.get(reverse("admin:seekers_jobseeker_change", args=[seeker.pk])).status_code == 200
    assert JobSeeker.objects.count() == 1


def test_without_the_full_nik_permission_the_export_cannot_rebuild_the_nik(client, db):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_jobseeker"))
    client.force_login(viewer)
    seeker = JobSeekerFactory()
    response = _export(client, "export_csv", [seeker])
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == seeker.masked_nik
    assert seeker.birth_date.isoformat() not in ",".join(rows[1])
    assert rows[1][3] == str(seeker.age)


def test_card_actions_say_what_was_done(client, disnaker_staff, profile):
    from django.urls import reverse

    from seekers import services
    from seekers.models import AK1Card

    card = services.card_issue(seeker=profile, actor=None)
    client.force_login(disnaker_staff)
    url = reverse("admin:seekers_ak1card_changelist")
    response = client.post(
        url, {"action": "suspend", "_selected_action": [card.pk], "reason": "Periksa data"}, follow=True,
        HTTP_ACCEPT_LANGUAGE="id",
    )  # fmt: skip
    assert "1 kartu ditangguhkan." in [str(m) for m in response.context["messages"]]
    assert AK1Card.objects.get(pk=card.pk).status == AK1Card.Status.SUSPENDED
