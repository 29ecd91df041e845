import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import User
from bekasi_jobs import settings as production_settings


def test_argon2_is_the_production_password_hasher():
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashes_new_passwords(db, settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = User.objects.create_user("a@example.id", "kopi-tubruk-pagi-hari", full_name="A")
    assert user.password.startswith("argon2")
    assert user.check_password("kopi-tubruk-pagi-hari")


@pytest.mark.parametrize("password", ["short-pw1", "password1234", "123123123123"])
def test_short_and_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_password_like_the_users_email_is_refused():
    user = User(email="rinamarlina@example.id", full_name="Rina Marlina")
    with pytest.raises(ValidationError):
        validate_password("rinamarlina@example", user=user)


def test_a_long_lowercase_passphrase_is_accepted_without_composition_rules():
    validate_password("nasi uduk di cikarang")
