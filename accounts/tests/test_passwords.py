import pytest
from django.contrib.auth.hashers import identify_hasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.services import user_create
from bekasi_jobs import settings as production_settings


def test_a_new_account_stores_its_password_as_an_argon2_hash(db, settings):
    # The test settings hash with MD5 for speed; production's list is what is under test here.
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = user_create(email="a@example.id", password="kopi-tubruk-pagi-hari", full_name="A")
    stored = User.objects.values_list("password", flat=True).get(pk=user.pk)
    assert identify_hasher(stored).algorithm == "argon2"
    assert stored.startswith("argon2$argon2id$")
    assert "kopi-tubruk" not in stored
    assert User.objects.get(pk=user.pk).check_password("kopi-tubruk-pagi-hari")


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
