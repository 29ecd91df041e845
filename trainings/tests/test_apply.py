"""Applying for a batch: eligibility with reasons, one application per batch, first come first served, withdrawal."""

import datetime

import pytest
from django.urls import reverse

from core.models import EducationLevel
from seekers.tests.factories import CompleteJobSeekerFactory, JobSeekerFactory
from trainings import services
from trainings.eligibility import eligibility_problems, seekers_with_profile
from trainings.models import Batch, Enrolment
from trainings.services import TrainingError

from .factories import BatchFactory, ProgramFactory, today

S = Enrolment.Status


def _codes(problems):
    return {p.code for p in problems}


def test_a_seeker_with_a_complete_profile_applies(client, seeker, profile, batch):
    client.force_login(seeker)
    response = client.post(reverse("trainings:apply", args=[batch.pk]), {"motivation": "Ingin jadi juru las"})
    assert response.status_code == 302 and response.url == reverse("trainings:my_trainings")
    enrolment = Enrolment.objects.get(batch=batch, seeker=profile)
    assert enrolment.status == S.APPLIED and enrolment.local_resident and enrolment.motivation == "Ingin jadi juru las"


def test_an_ineligible_seeker_sees_why_on_the_programme_page_and_when_applying(client, seeker, db):
    JobSeekerFactory(user=seeker, outside=True, birth_date=datetime.date(1980, 1, 1))  # incomplete, 46, not local
    program = ProgramFactory(
        min_education=EducationLevel.objects.get(code="D3"), min_age=18, max_age=35, local_only=True
    )
    batch = BatchFactory(program=program)
    client.force_login(seeker)

    page = client.get(program.get_absolute_url()).content.decode()
    assert 'data-testid="ineligible"' in page
    assert "Lengkapi profil Anda terlebih dahulu" in page  # incomplete profile
    assert "Diploma III" in page  # education
    assert "46" in page  # age on the first day
    assert "penduduk Kabupaten Bekasi" in page  # domicile
    assert 'data-testid="apply"' not in page

    response = client.post(reverse("trainings:apply", args=[batch.pk]), follow=True)
    assert not Enrolment.objects.exists()
    assert "Diploma III" in response.content.decode()


def test_eligibility_rules_each_have_their_reason(db):
    seeker = CompleteJobSeekerFactory(outside=True)  # SMK, 26 years old in 2026
    program = ProgramFactory(min_education=EducationLevel.objects.get(code="S1"), min_age=30, local_only=True)
    batch = BatchFactory(
        program=program,
        start_date=datetime.date(2026, 12, 1),
        end_date=datetime.date(2026, 12, 30),
        registration_opens=datetime.date(2026, 11, 1),
        registration_closes=datetime.date(2026, 11, 30),
    )
    seeker = seekers_with_profile().get(pk=seeker.pk)
    problems = eligibility_problems(seeker=seeker, batch=batch, day=datetime.date(2026, 11, 20))
    assert _codes(problems) == {"education", "age", "not_local"}


def test_a_person_without_a_profile_is_told_to_create_one(client, seeker, batch):
    client.force_login(seeker)
    response = client.post(reverse("trainings:apply", args=[batch.pk]), follow=True)
    assert "Buat profil pencari kerja Anda terlebih dahulu" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_registration_outside_the_window_is_refused(profile):
    batch = BatchFactory(registration_opens=today() + datetime.timedelta(days=1))
    with pytest.raises(TrainingError) as exc:
        services.enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    assert exc.value.error_list[0].code == "registration_closed"


def test_one_active_application_per_batch(profile, batch):
    services.enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    with pytest.raises(TrainingError, match="sudah mendaftar"):
        services.enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    assert Enrolment.objects.count() == 1


def test_after_withdrawing_the_seeker_may_apply_again(profile, batch):
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    services.enrolment_withdraw(enrolment=enrolment, actor=profile.user)
    services.enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    assert list(Enrolment.objects.values_list("status", flat=True).order_by("pk")) == [S.WITHDRAWN, S.APPLIED]


def test_the_database_keeps_one_active_application_even_if_the_check_is_skipped(profile, batch):
    from django.db import IntegrityError, transaction

    Enrolment.objects.create(batch=batch, seeker=profile)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(batch=batch, seeker=profile)


def test_first_come_batches_give_seats_then_waitlist_places(apply):
    batch = BatchFactory(capacity=2, admission=Batch.Admission.FIRST_COME)
    statuses = [apply(batch).status for _ in range(3)]
    assert statuses == [S.ACCEPTED, S.ACCEPTED, S.WAITLISTED]
    batch.refresh_from_db()
    assert batch.seats_taken == 2


def test_withdrawal_is_possible_only_before_the_start(client, seeker, profile, time_machine):
    batch = BatchFactory()
    enrolment = services.enrolment_apply(batch=batch, seeker=profile, actor=seeker)
    time_machine.move_to(batch.start_date)
    client.force_login(seeker)  # sessions last 12 hours
    response = client.post(reverse("trainings:withdraw", args=[enrolment.pk]), follow=True)
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED
    assert "Angkatan sudah dimulai" in response.content.decode()

    time_machine.move_to(batch.start_date - datetime.timedelta(days=1))
    client.force_login(seeker)
    client.post(reverse("trainings:withdraw", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN


def test_a_seeker_cannot_withdraw_someone_elses_application(client, other_seeker, apply, batch):
    enrolment = apply(batch)
    client.force_login(other_seeker)
    assert client.post(reverse("trainings:withdraw", args=[enrolment.pk])).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


def test_applying_needs_post_and_login(client, batch):
    response = client.post(reverse("trainings:apply", args=[batch.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("full", [False, True])
def test_what_a_seeker_reads_after_applying_for_a_selection_batch_matches_the_status_they_got(client, db, full):
    profile = CompleteJobSeekerFactory()
    batch = BatchFactory(admission=Batch.Admission.SELECTION, capacity=1)
    if full:
        Batch.objects.filter(pk=batch.pk).update(seats_taken=1)
    client.force_login(profile.user)
    response = client.post(reverse("trainings:apply", args=[batch.pk]), {"motivation": "x"}, follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert Enrolment.objects.get(batch=batch, seeker=profile).status == S.APPLIED
    assert "menunggu seleksi" in message
    assert "diterima" not in message  # "accepted": what it said before, whatever the status
    assert ("daftar tunggu" in message) is full


def test_a_full_first_come_batch_says_waitlist_and_the_seeker_is_waitlisted(client, db):
    profile = CompleteJobSeekerFactory()
    batch = BatchFactory(admission=Batch.Admission.FIRST_COME, capacity=1)
    Batch.objects.filter(pk=batch.pk).update(seats_taken=1)
    client.force_login(profile.user)
    response = client.post(reverse("trainings:apply", args=[batch.pk]), {"motivation": "x"}, follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert Enrolment.objects.get(batch=batch, seeker=profile).status == S.WAITLISTED
    assert "daftar tunggu" in message
