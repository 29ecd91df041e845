"""Yearly targets: edited by Disnaker staff in the admin, with their history, shown as progress."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.models import AuditLog, Kecamatan
from dashboard.figures import VERSION_KEY
from dashboard.models import Target, TargetRevision
from dashboard.services import target_save
from dashboard.summaries import refresh

from .factories import YEAR, seeker

pytestmark = pytest.mark.django_db


def test_disnaker_staff_set_and_change_a_target_in_the_admin_and_the_history_keeps_both(client, disnaker_staff):
    client.force_login(disnaker_staff)
    add = reverse("admin:dashboard_target_add")
    inline = {"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0", "revisions-MIN_NUM_FORMS": "0",
              "revisions-MAX_NUM_FORMS": "1000"}  # fmt: skip
    response = client.post(
        add, {"indicator": "seekers_registered", "year": YEAR, "value": "1000", "note": "RPJMD", **inline}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    target = Target.objects.get()
    change = reverse("admin:dashboard_target_change", args=[target.pk])
    response = client.post(
        change,
        {"indicator": "seekers_registered", "year": YEAR, "value": "1200", "note": "RPJMD",
         "change_note": "APBD-P", "revisions-TOTAL_FORMS": "1", "revisions-INITIAL_FORMS": "1",
         "revisions-MIN_NUM_FORMS": "0", "revisions-MAX_NUM_FORMS": "1000",
         "revisions-0-id": str(target.revisions.get().pk), "revisions-0-target": str(target.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    history = list(
        TargetRevision.objects.filter(target=target).order_by("pk").values_list("old_value", "new_value", "note")
    )
    assert history == [(None, Decimal("1000"), "RPJMD"), (Decimal("1000"), Decimal("1200"), "APBD-P")]
    assert AuditLog.objects.filter(action="target_saved", actor=disnaker_staff).count() == 2
    assert client.get(change).status_code == 200


def test_tkp3d_members_cannot_edit_targets(client, tkp3d_member):
    client.force_login(tkp3d_member)
    url = reverse("admin:dashboard_target_add")
    response = client.post(url, {"indicator": "seekers_registered", "year": YEAR, "value": "1"}, follow=True)
    assert response.status_code == 403
    assert not Target.objects.exists()


def test_a_target_of_an_unknown_indicator_is_refused_with_a_message(client, disnaker_staff):
    client.force_login(disnaker_staff)
    url = reverse("admin:dashboard_target_add")
    response = client.post(url, {"indicator": "nonsense", "year": YEAR, "value": "5", "revisions-TOTAL_FORMS": "0",
                                 "revisions-INITIAL_FORMS": "0"})  # fmt: skip
    assert response.status_code == 200
    assert "indicator" in response.context["adminform"].form.errors
    assert not Target.objects.exists()


def test_the_dashboard_shows_progress_against_the_target_of_exactly_the_chosen_scope(
    client, tkp3d_member, disnaker_staff
):
    for _ in range(10):
        seeker(3)
    refresh()
    target_save(target=Target(indicator="seekers_registered", year=YEAR, value=40), actor=disnaker_staff)
    cikarang_utara = Kecamatan.objects.get(code="32.16.09")
    target_save(target=Target(indicator="seekers_registered", year=YEAR, kecamatan=cikarang_utara, value=20),
                actor=disnaker_staff)  # fmt: skip
    cache.clear()
    client.force_login(tkp3d_member)
    cards = {c["key"]: c for c in client.get(reverse("dashboard:index"), {"year": YEAR}).context["cards"]}
    assert cards["seekers_registered"]["progress"] == 25 and cards["seekers_registered"]["target"] == 40
    cards = {
        c["key"]: c
        for c in client.get(reverse("dashboard:index"), {"year": YEAR, "kecamatan": "32.16.09"}).context["cards"]
    }
    assert cards["seekers_registered"]["progress"] == 50
    cards = {
        c["key"]: c
        for c in client.get(reverse("dashboard:index"), {"year": YEAR, "kecamatan": "32.16.01"}).context["cards"]
    }
    assert cards["seekers_registered"]["target"] is None  # no kecamatan target: not the regency's


def test_changing_a_target_forgets_the_cached_figures(django_capture_on_commit_callbacks, disnaker_staff):
    cache.set(VERSION_KEY, 7, None)
    with django_capture_on_commit_callbacks(execute=True):
        target_save(target=Target(indicator="cards_issued", year=YEAR, value=5), actor=disnaker_staff)
    assert cache.get(VERSION_KEY) == 8
