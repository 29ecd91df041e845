import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import RequestFactory

from accounts.phone import normalize_phone

User = get_user_model()


@pytest.fixture
def request_(rf: RequestFactory):
    return rf.post("/akun/masuk/", REMOTE_ADDR="10.0.0.1")


@pytest.mark.parametrize(
    "raw",
    ["081234567890", "0812-3456-7890", "+62 812 3456 7890", "6281234567890", "81234567890", "(0812) 3456.7890"],
)
def test_phone_numbers_are_normalised_to_plus62(raw):
    assert normalize_phone(raw) == "+6281234567890"


@pytest.mark.parametrize(
    "raw", ["", "12345", "0212345678", "08123", "0812345678901234", "０８１２３４５６７８９０", "08a2345678"]
)
def test_malformed_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)


def test_user_created_with_email_logs_in_by_email_in_any_case(db, request_):
    user = User.objects.create_user("Rina@Example.ID", "a-long-password-123", full_name="Rina")
    assert user.email == "rina@example.id"
    assert user.phone is None
    assert authenticate(request_, username="RINA@example.id", password="a-long-password-123") == user


def test_user_created_with_phone_logs_in_by_any_spelling_of_the_number(db, request_):
    user = User.objects.create_user(phone="0812 3456 7890", password="a-long-password-123", full_name="Budi")
    assert user.phone == "+6281234567890"
    assert user.email is None
    assert authenticate(request_, username="+62 812-3456-7890", password="a-long-password-123") == user
    assert authenticate(request_, username="081234567890", password="wrong-password-xyz") is None


def test_a_user_needs_an_email_or_a_phone(db):
    with pytest.raises(ValueError):
        User.objects.create_user(password="a-long-password-123", full_name="Nobody")


def test_the_database_refuses_a_user_with_neither_email_nor_phone(db):
    with pytest.raises(IntegrityError):
        User.objects.create(full_name="Nobody")


def test_email_and_phone_are_unique(db):
    User.objects.create_user("a@example.id", "a-long-password-123", phone="081234567890", full_name="A")
    with pytest.raises(IntegrityError):
        User.objects.create_user("b@example.id", "a-long-password-123", phone="+6281234567890", full_name="B")


def test_inactive_users_cannot_log_in(db, request_):
    User.objects.create_user("a@example.id", "a-long-password-123", full_name="A", is_active=False)
    assert authenticate(request_, username="a@example.id", password="a-long-password-123") is None


def test_superuser_can_be_created_by_email(db):
    admin = User.objects.create_superuser("admin@example.id", "a-long-password-123", full_name="Admin")
    assert admin.is_staff and admin.is_superuser
