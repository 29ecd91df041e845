import csv
import io

from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.models import AuditLog
from placements.models import Placement, Vacancy
from seekers.tests.factories import CompleteJobSeekerFactory

from .factories import ApplicationFactory, PlacementFactory, VacancyFactory


def test_disnaker_publishes_in_bulk_from_the_admin(client, disnaker_staff):
    ok = VacancyFactory(status=Vacancy.Status.SUBMITTED)
    unverified = VacancyFactory(status=Vacancy.Status.SUBMITTED, employer__verified_at=None)
    client.force_login(disnaker_staff)
    response = client.post(
        reverse("admin:placements_vacancy_changelist"),
        {"action": "publish", "_selected_action": [ok.pk, unverified.pk]},
        follow=True,
    )
    ok.refresh_from_db()
    unverified.refresh_from_db()
    assert ok.status == Vacancy.Status.PUBLISHED and unverified.status == Vacancy.Status.SUBMITTED
    assert unverified.employer.name in response.content.decode()


def test_disnaker_verifies_placements_in_bulk(client, disnaker_staff):
    placements = PlacementFactory.create_batch(2, status=Placement.Status.REPORTED)
    client.force_login(disnaker_staff)
    client.post(
        reverse("admin:placements_placement_changelist"),
        {"action": "verify", "_selected_action": [p.pk for p in placements]},
    )
    assert set(Placement.objects.values_list("status", flat=True)) == {"verified"}


def test_rejecting_in_the_admin_asks_for_a_reason_first(client, disnaker_staff):
    placement = PlacementFactory(status=Placement.Status.REPORTED)
    client.force_login(disnaker_staff)
    url = reverse("admin:placements_placement_changelist")
    response = client.post(url, {"action": "reject", "_selected_action": [placement.pk]})
    assert response.status_code == 200 and b"reason-confirm" in response.content
    client.post(url, {"action": "reject", "_selected_action": [placement.pk], "apply": "1", "reason": "Palsu"})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.REJECTED and placement.status_reason == "Palsu"


def test_exports_are_formula_safe_masked_and_audited(client, disnaker_staff):
    seeker = CompleteJobSeekerFactory(full_name='=HYPERLINK("http://evil")')
    application = ApplicationFactory(seeker=seeker)
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_application", "change_application"]))
    for user, nik_shown in ((clerk, seeker.masked_nik), (disnaker_staff, seeker.nik)):
        client.force_login(user)
        response = client.post(
            reverse("admin:placements_application_changelist"),
            {"action": "export_csv", "_selected_action": [application.pk]},
        )
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[1][0].startswith("'=")
        assert rows[1][1] == nik_shown
        assert AuditLog.objects.filter(action="lamaran_exported", actor=user).exists()


def test_every_admin_list_opens(client, disnaker_staff):
    PlacementFactory()
    ApplicationFactory()
    client.force_login(disnaker_staff)
    for model in ("employer", "employerstaff", "vacancy", "application", "placement", "followup", "brokerreport",
                  "occupationgroup", "minimumwage", "industrialestate"):  # fmt: skip
        url = reverse(f"admin:placements_{model}_changelist")
        assert client.get(url).status_code == 200, model
    assert client.get(reverse("admin:placements_placement_add")).status_code == 200
    assert client.get(reverse("admin:placements_vacancy_add")).status_code == 200
