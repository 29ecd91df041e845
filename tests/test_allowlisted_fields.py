"""Forms accept only their allowlisted fields (issue 14): extra POST fields such as `status`,
`provider`, `user`, `seats_taken` are ignored, whoever sends them."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from seekers.models import JobSeeker
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.models import Batch, Enrolment
from trainings.tests.factories import BatchFactory, ProviderFactory

from .admin_form import change_form_data

pytestmark = pytest.mark.django_db

TAMPERING = {
    "status": "accepted", "seats_taken": "0", "provider": "1", "bank": "1", "employer": "1", "user": "1",
    "seeker": "1", "nik_flagged": "on", "is_staff": "on", "is_superuser": "on", "local_resident": "on",
}  # fmt: skip


def test_an_application_with_a_status_field_is_still_just_applied(client):
    profile = CompleteJobSeekerFactory()
    batch = BatchFactory(admission=Batch.Admission.SELECTION, capacity=3)
    client.force_login(profile.user)
    client.post(reverse("trainings:apply", args=[batch.pk]), {"motivation": "x", **TAMPERING})
    enrolment = Enrolment.objects.get(batch=batch, seeker=profile)
    assert enrolment.status == Enrolment.Status.APPLIED
    batch.refresh_from_db()
    assert batch.seats_taken == 0


def test_the_personal_data_form_ignores_owner_flags_and_the_account_fields(client):
    profile = CompleteJobSeekerFactory()
    other = UserFactory()
    client.force_login(profile.user)
    form = client.get(reverse("seekers:profile_personal")).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, [])}
    data["address"] = "Jl. Baru 3"
    response = client.post(reverse("seekers:profile_personal"), {**data, **TAMPERING, "user": str(other.pk)})
    assert response.status_code == 302, response.context["form"].errors
    assert JobSeeker.objects.get(pk=profile.pk).address == "Jl. Baru 3"  # the allowed fields were saved
    profile.refresh_from_db()
    assert profile.user_id != other.pk and not profile.nik_flagged
    assert not JobSeeker.objects.filter(user=other).exists()
    profile.user.refresh_from_db()
    assert not profile.user.is_staff and not profile.user.is_superuser


def test_the_batch_admin_ignores_status_and_seats_and_a_partner_cannot_move_a_batch_to_another_provider(client):
    batch = BatchFactory(capacity=5)
    other_provider = ProviderFactory()
    client.force_login(UserFactory(is_staff=True, role=Role.DISNAKER))
    url = reverse("admin:trainings_batch_change", args=[batch.pk])
    data = change_form_data(client.get(url), "batch_form")
    data.update({"status": ["running"], "seats_taken": ["4"], "provider": [str(other_provider.pk)]})
    assert client.post(url, data).status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.seats_taken) == (Batch.Status.PUBLISHED, 0)
    assert batch.program.provider_id != other_provider.pk
