import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create, user_deactivate, user_erase, user_set_language
from accounts.tests.factories import PASSWORD, UserFactory
from core.models import AuditLog


def test_creating_a_user_normalises_email_and_number(db):
    user = user_create(email="Rina@Example.ID", phone="0812-3456-7890", password=PASSWORD, full_name="Rina")
    assert (user.email, user.phone) == ("rina@example.id", "+6281234567890")
    assert not AuditLog.objects.exists()  # a self sign-up; the caller audits with its own context


def test_staff_creating_a_user_is_audited(disnaker_staff):
    user = user_create(email="baru@example.id", password=None, full_name="Baru", actor=disnaker_staff)
    entry = AuditLog.objects.get()
    assert (entry.actor, entry.object_id, entry.action) == (disnaker_staff, user.pk, "user_created")
    assert not user.has_usable_password()


@pytest.mark.parametrize("taken", [{"email": "RINA@example.id"}, {"phone": "+62 812 3456 7890"}])
def test_an_email_or_number_in_use_is_a_clear_error_not_a_crash(db, taken):
    user_create(email="rina@example.id", phone="081234567890", password=PASSWORD, full_name="Rina")
    with pytest.raises(ValidationError) as excinfo:
        user_create(password=PASSWORD, full_name="Rina Lain", **taken)
    assert excinfo.value.code == "account_taken"
    assert User.objects.count() == 1


def test_the_language_is_remembered_only_when_it_is_offered(seeker):
    user_set_language(user=seeker, language="en")
    user_set_language(user=seeker, language="fr")
    assert User.objects.get(pk=seeker.pk).language == "en"


def test_switching_the_language_on_the_site_remembers_it_on_the_account(client, seeker):
    client.force_login(seeker)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert User.objects.get(pk=seeker.pk).language == "en"


def test_a_deactivated_user_cannot_log_in_and_the_deactivation_is_audited(seeker, disnaker_staff):
    request = RequestFactory().post("/")
    user_deactivate(user=seeker, actor=disnaker_staff, reason="akun ganda")
    assert authenticate(request, username=seeker.email, password=PASSWORD) is None
    entry = AuditLog.objects.get(action="user_deactivated")
    assert (entry.actor, entry.object_id, entry.reason) == (disnaker_staff, seeker.pk, "akun ganda")


def test_erasing_a_user_removes_the_account(db):
    user = UserFactory()
    user_erase(user=user)
    assert not User.objects.filter(pk=user.pk).exists()
