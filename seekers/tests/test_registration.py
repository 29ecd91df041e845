import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.models import AuditLog, Desa, Kecamatan
from seekers.models import Consent, JobSeeker
from seekers.tests.factories import JobSeekerFactory

User = get_user_model()
PASSWORD = "kopi tubruk pagi hari"


def _personal(**overrides):
    kecamatan = Kecamatan.objects.get(code="32.16.09")
    data = {
        "nik": "3216 0957 0895 0002",
        "full_name": "Rina Marlina",
        "birth_place": "Bekasi",
        "birth_date": "1995-08-17",
        "gender": "P",
        "marital_status": "single",
        "religion": "islam",
        "address": "Jl. Kenanga No. 5 RT 02/RW 03",
        "domicile_kecamatan": kecamatan.pk,
        "domicile_desa": Desa.objects.filter(kecamatan=kecamatan).first().pk,
        "domicile_outside": "",
        "phone": "0812 3456 7890",
    }
    data.update(overrides)
    return data


def test_a_seeker_registers_with_a_mobile_number_and_consent_is_recorded(client, db):
    response = client.post(
        reverse("seekers:register"),
        {"full_name": "Rina Marlina", "identifier": "0812-3456-7890", "password1": PASSWORD,
         "password2": PASSWORD, "consent": "on"},
    )  # fmt: skip
    assert response.status_code == 302 and response.url == reverse("seekers:profile_personal")
    user = User.objects.get(phone="+6281234567890")
    consent = Consent.objects.get(user=user)
    assert consent.purpose == Consent.Purpose.JOB_SEEKER_SERVICES and consent.notice_version
    assert client.get(reverse("seekers:dashboard")).status_code == 200  # logged in


def test_nothing_is_stored_without_consent(client, db):
    response = client.post(
        reverse("seekers:register"),
        {"full_name": "Rina", "identifier": "rina@example.id", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert not User.objects.exists()


def test_an_existing_number_gets_a_clear_message(client, seeker):
    response = client.post(
        reverse("seekers:register"),
        {"full_name": "X", "identifier": "+62 812 3456 7890", "password1": PASSWORD, "password2": PASSWORD,
         "consent": "on"},
    )  # fmt: skip
    assert "identifier" in response.context["form"].errors
    assert User.objects.count() == 1


def test_the_personal_data_step_creates_the_profile_and_reads_the_nik(client, seeker):
    client.force_login(seeker)
    response = client.post(reverse("seekers:profile_personal"), _personal())
    assert response.status_code == 302, response.context["form"].errors
    profile = JobSeeker.objects.get(user=seeker)
    assert profile.nik == "3216095708950002"
    assert profile.phone == "+6281234567890"
    assert profile.is_local and not profile.nik_flagged


def test_a_birth_date_that_disagrees_with_the_nik_is_accepted_but_flagged(client, seeker):
    client.force_login(seeker)
    client.post(reverse("seekers:profile_personal"), _personal(birth_date="1995-08-18"))
    profile = JobSeeker.objects.get(user=seeker)
    assert profile.nik_flagged
    assert "1995-08-17" in profile.nik_flag_note


@pytest.mark.parametrize(
    "bad", ["3216095708950", "32160957O8950002", "０２１６０９５７０８９５０００２", "0000000000000000"]
)
def test_a_malformed_nik_gets_a_field_error_and_nothing_is_saved(client, seeker, bad):
    client.force_login(seeker)
    response = client.post(reverse("seekers:profile_personal"), _personal(nik=bad))
    assert response.status_code == 200
    assert response.context["form"].errors["nik"]
    assert not JobSeeker.objects.exists()


def test_a_duplicate_nik_gets_nik_sudah_terdaftar(client, other_seeker, seeker):
    JobSeekerFactory(user=other_seeker, nik="3216095708950002")
    client.force_login(seeker)
    response = client.post(reverse("seekers:profile_personal"), _personal())
    assert response.status_code == 200
    assert "NIK sudah terdaftar" in str(response.context["form"].errors["nik"])
    assert JobSeeker.objects.count() == 1


def test_someone_living_outside_the_regency_is_not_local_whatever_the_nik_says(client, seeker):
    client.force_login(seeker)
    response = client.post(
        reverse("seekers:profile_personal"),
        _personal(domicile_kecamatan="", domicile_desa="", domicile_outside="Kota Bekasi"),
    )
    assert response.status_code == 302
    profile = JobSeeker.objects.get(user=seeker)
    assert profile.nik.startswith("3216") and not profile.is_local


def test_a_desa_from_another_kecamatan_is_refused(client, seeker):
    client.force_login(seeker)
    other_desa = Desa.objects.exclude(kecamatan__code="32.16.09").first()
    response = client.post(reverse("seekers:profile_personal"), _personal(domicile_desa=other_desa.pk))
    assert "domicile_desa" in response.context["form"].errors
    assert not JobSeeker.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_of_one_nik_leave_one_profile_and_a_clean_message():
    users = [User.objects.create_user(f"u{i}@example.id", PASSWORD, full_name=f"U{i}") for i in range(8)]
    barrier = threading.Barrier(len(users))
    statuses, errors = [], []

    def register(user):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            response = client.post(reverse("seekers:profile_personal"), _personal())
            statuses.append(response.status_code)
            if response.status_code == 200:
                errors.append(str(response.context["form"].errors))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] * 7 + [302]
    assert all("NIK sudah terdaftar" in e for e in errors), errors
    assert JobSeeker.objects.count() == 1


def test_changing_personal_data_later_is_audited_by_field_name_only(client, seeker):
    client.force_login(seeker)
    client.post(reverse("seekers:profile_personal"), _personal())
    client.post(reverse("seekers:profile_personal"), _personal(full_name="Rina Marlina Sari", birth_place="Karawang"))
    entry = AuditLog.objects.get(action="profile_updated")
    assert entry.reason == "full_name, birth_place"
    assert "Karawang" not in entry.reason


def test_the_consent_names_the_version_of_the_privacy_notice_shown_on_the_site():
    from core.privacy import NOTICE_VERSION
    from seekers.models import CONSENT_NOTICE_VERSION

    assert CONSENT_NOTICE_VERSION == NOTICE_VERSION
