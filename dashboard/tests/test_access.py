"""Who may see what: the dashboard for TKP3D members and Disnaker staff, the open statistics for
everyone, nothing personal for a TKP3D member."""

import pytest
from django.urls import reverse

from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.tests.factories import BatchFactory

from .factories import YEAR

pytestmark = pytest.mark.django_db

DASHBOARD_PAGES = ["dashboard:index", "dashboard:export_xlsx", "dashboard:report_pdf"]


@pytest.mark.parametrize("name", DASHBOARD_PAGES)
def test_tkp3d_members_and_disnaker_staff_open_the_dashboard_pages(client, tkp3d_member, disnaker_staff, name):
    for user in (tkp3d_member, disnaker_staff):
        client.force_login(user)
        assert client.get(reverse(name), {"year": YEAR, "period": "01"}).status_code == 200


@pytest.mark.parametrize("name", DASHBOARD_PAGES)
def test_seekers_partners_and_bank_officers_get_403_and_anonymous_people_the_login(
    client, seeker, partner_staff, bank_officer, name
):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for user in (seeker, partner_staff, bank_officer):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_a_tkp3d_member_gets_403_on_every_admin_and_personal_data_page(client, tkp3d_member):
    person = CompleteJobSeekerFactory()
    batch = BatchFactory()
    photo = person.documents.get()
    client.force_login(tkp3d_member)
    pages = [
        reverse("admin:index"),
        reverse("admin:seekers_jobseeker_changelist"),
        reverse("admin:seekers_jobseeker_change", args=[person.pk]),
        reverse("admin:trainings_enrolment_changelist"),
        reverse("admin:dashboard_target_changelist"),
        reverse("trainings:partner_home"),
        reverse("trainings:partner_batch", args=[batch.pk]),
        reverse("trainings:partner_export_csv", args=[batch.pk]),
    ]
    for page in pages:
        assert client.get(page, follow=True).status_code == 403, page
    # Someone else's document does not even exist for them (the portal's rule for other people's files).
    assert client.get(reverse("seekers:document", args=[photo.pk])).status_code == 404


def test_the_open_statistics_need_no_login(client):
    for name in ("statistics:index", "statistics:json", "statistics:csv"):
        assert client.get(reverse(name)).status_code == 200


def test_bad_filters_fall_back_to_their_defaults_with_a_message_never_an_error(client, tkp3d_member):
    client.force_login(tkp3d_member)
    response = client.get(reverse("dashboard:index"), {"year": "1850", "kecamatan": "32.75.01", "period": "q9"})
    assert response.status_code == 200
    assert len(response.context["problems"]) == 3
    assert response.context["filters"].kecamatan == "" and response.context["filters"].period == ""
    response = client.get(reverse("statistics:json"), {"tahun": "abc"})
    assert response.status_code == 200


def test_the_permission_given_to_one_account_opens_the_dashboard_too(client, seeker):
    from django.contrib.auth.models import Permission

    client.force_login(seeker)
    assert client.get(reverse("dashboard:index")).status_code == 403
    seeker.user_permissions.add(Permission.objects.get(codename="view_tkp3d_dashboard"))
    assert client.get(reverse("dashboard:index")).status_code == 200
