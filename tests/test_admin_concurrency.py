"""Two staff members edit the same record in the admin (issue 14): no lost update, both told,
both audited. On PostgreSQL, where the row lock is real."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import AuditLog
from seekers.models import JobSeeker
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.models import Batch
from trainings.tests.factories import BatchFactory

from .admin_form import change_form_data

pytestmark = pytest.mark.django_db


def _staff_client(**extra):
    client = Client()
    client.force_login(UserFactory(is_staff=True, role=Role.DISNAKER, **extra))
    return client


def _two_sessions_open(url, form_id):
    first, second = _staff_client(), _staff_client(is_superuser=True)
    pages = [client.get(url) for client in (first, second)]
    assert [p.status_code for p in pages] == [200, 200]
    return (first, change_form_data(pages[0], form_id)), (second, change_form_data(pages[1], form_id))


def _audited(obj, action="admin_changed"):
    return AuditLog.objects.filter(object_id=obj.pk, action=action).values_list("actor_id", flat=True)


def test_every_registered_model_admin_carries_the_concurrency_guard():
    unguarded = [m.__name__ for m, a in admin.site._registry.items() if not getattr(a, "concurrency_guarded", False)]
    assert unguarded == []


@pytest.mark.postgres
def test_two_admins_editing_one_seeker_the_second_is_refused_and_told_nothing_is_lost_both_audited():
    seeker = CompleteJobSeekerFactory(full_name="Rina Marlina", address="Jl. Lama 1")
    url = reverse("admin:seekers_jobseeker_change", args=[seeker.pk])
    (first, first_data), (second, second_data) = _two_sessions_open(url, "jobseeker_form")

    first_data["full_name"] = ["Rina Marlina Sari"]
    assert first.post(url, first_data).status_code == 302

    second_data["address"] = ["Jl. Baru 2"]
    refused = second.post(url, second_data)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Rina Marlina Sari" in page  # what changed, with its new value
    seeker.refresh_from_db()
    assert (seeker.full_name, seeker.address) == ("Rina Marlina Sari", "Jl. Lama 1")

    # Saving again applies the second person's change on top of the first's.
    assert second.post(url, change_form_data(refused, "jobseeker_form")).status_code == 302
    seeker.refresh_from_db()
    assert (seeker.full_name, seeker.address) == ("Rina Marlina Sari", "Jl. Baru 2")
    assert len(set(_audited(seeker))) == 2


@pytest.mark.postgres
def test_two_admins_editing_one_batch_the_second_is_refused_and_told_nothing_is_lost_both_audited():
    batch = BatchFactory(capacity=5, name="Angkatan 1")
    url = reverse("admin:trainings_batch_change", args=[batch.pk])
    (first, first_data), (second, second_data) = _two_sessions_open(url, "batch_form")

    first_data["capacity"] = ["12"]
    assert first.post(url, first_data).status_code == 302

    second_data["name"] = ["Angkatan Pagi"]
    refused = second.post(url, second_data)
    assert refused.status_code == 200
    assert "12" in refused.content.decode()
    batch.refresh_from_db()
    assert (batch.capacity, batch.name) == (12, "Angkatan 1")

    assert second.post(url, change_form_data(refused, "batch_form")).status_code == 302
    batch.refresh_from_db()
    assert (batch.capacity, batch.name) == (12, "Angkatan Pagi")
    assert len(set(_audited(batch))) == 2


def test_a_save_without_a_concurrent_change_passes_and_writes_the_portal_audit_row():
    seeker = CompleteJobSeekerFactory(full_name="Budi")
    url = reverse("admin:seekers_jobseeker_change", args=[seeker.pk])
    client = _staff_client()
    data = change_form_data(client.get(url), "jobseeker_form")
    data["full_name"] = ["Budi Santoso"]
    assert client.post(url, data).status_code == 302
    assert JobSeeker.objects.get(pk=seeker.pk).full_name == "Budi Santoso"
    [entry] = AuditLog.objects.filter(object_id=seeker.pk, action="admin_changed")
    assert "name" in entry.reason.lower() or "nama" in entry.reason.lower()


def test_a_tampered_fingerprint_is_treated_as_stale_not_trusted():
    batch = BatchFactory(name="Angkatan 2")
    url = reverse("admin:trainings_batch_change", args=[batch.pk])
    client = _staff_client()
    data = change_form_data(client.get(url), "batch_form")
    data["concurrency_fingerprint"] = ["forged"]
    data["name"] = ["Forged"]
    assert client.post(url, data).status_code == 200
    assert Batch.objects.get(pk=batch.pk).name == "Angkatan 2"


def test_two_admins_editing_one_inline_row_the_second_is_refused_and_told_nothing_is_lost():
    """An employer's hiring commitment, edited as an inline row of the employer's change page."""
    from placements.models import HiringCommitment
    from placements.tests.factories import EmployerFactory

    employer = EmployerFactory(name="PT Inline Contoh")
    commitment = HiringCommitment.objects.create(employer=employer, year=2026, committed_number=10, note="awal")
    url = reverse("admin:placements_employer_change", args=[employer.pk])
    (first, first_data), (second, second_data) = _two_sessions_open(url, "employer_form")
    row = next(k[: -len("-id")] for k, v in first_data.items() if k.endswith("-id") and v == [str(commitment.pk)])

    first_data[f"{row}-committed_number"] = ["25"]
    assert first.post(url, first_data).status_code == 302

    second_data[f"{row}-note"] = ["disepakati di rapat TKP3D"]
    refused = second.post(url, second_data)
    assert refused.status_code == 200
    errors = [
        e
        for fs in refused.context["inline_admin_formsets"]
        for row in fs.formset.errors
        for e in row.get("__all__", [])
    ]
    assert len(errors) == 1 and "“25”" in errors[0]  # the row that changed, with its new value
    assert errors[0] in refused.content.decode()
    commitment.refresh_from_db()
    assert (commitment.committed_number, commitment.note) == (25, "awal")

    # Saving again applies the second person's change on top of the first's.
    assert second.post(url, change_form_data(refused, "employer_form")).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.committed_number, commitment.note) == (25, "disepakati di rapat TKP3D")
