"""Password reset by mobile number and verifying a number, with one-time codes (accounts/otp.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import otp
from accounts.models import OneTimeCode
from accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "kopi-tubruk-pagi-hari"


@pytest.fixture
def phone_only(db):
    return UserFactory(email=None, phone="+6285712345678", full_name="Asep Saepudin")


def _ask_code(client, identifier="0857-1234-5678"):
    return client.post(reverse("accounts:password_reset"), {"identifier": identifier})


def test_a_phone_number_in_any_spelling_gets_a_code_and_the_code_page(client, phone_only, sent_codes):
    response = _ask_code(client, "0857 1234 5678")
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_code")
    assert [(s["phone"], s["purpose"]) for s in sent_codes] == [("+6285712345678", "password_reset")]
    page = client.get(response.url)
    assert "0857-1234-5678" in page.content.decode()  # the number written the way people write it


def test_the_code_is_stored_only_as_a_hash_and_lives_ten_minutes(client, phone_only, sent_codes):
    _ask_code(client)
    row = OneTimeCode.objects.get(user=phone_only)
    code = sent_codes[0]["code"]
    assert len(code) == 6 and code.isdigit()
    assert code not in row.code_hash
    assert timedelta(minutes=9) < row.expires_at - timezone.now() <= timedelta(minutes=10)


def test_the_right_code_sets_the_new_password_verifies_the_number_and_is_used_up(client, phone_only, sent_codes):
    _ask_code(client)
    code = sent_codes[0]["code"]
    data = {"code": code, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("accounts:password_reset_code"), data)
    assert response.url == reverse("accounts:password_reset_complete")
    phone_only.refresh_from_db()
    assert phone_only.check_password(NEW_PASSWORD)
    assert phone_only.phone_verified_at is not None
    assert (
        client.post(reverse("accounts:login"), {"username": "085712345678", "password": NEW_PASSWORD}).status_code
        == 302
    )

    _ask_again = client.session  # the session forgot the number: the code page starts over
    assert "accounts_reset_phone" not in _ask_again
    assert otp.code_check(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET, code=code) is False


def test_a_wrong_code_changes_nothing_and_says_so_in_indonesian(client, phone_only, sent_codes):
    _ask_code(client)
    wrong = "000000" if sent_codes[0]["code"] != "000000" else "111111"
    data = {"code": wrong, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("accounts:password_reset_code"), data, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    assert "Kode ini salah atau sudah tidak berlaku" in response.content.decode()
    phone_only.refresh_from_db()
    assert phone_only.check_password(PASSWORD)


def test_five_wrong_guesses_kill_the_code(phone_only, sent_codes):
    otp.code_issue(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET)
    code = sent_codes[0]["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert otp.code_check(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET, code=wrong) is False
    assert otp.code_check(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET, code=code) is False


def test_an_expired_code_is_refused(phone_only, sent_codes):
    otp.code_issue(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET)
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert otp.code_check(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET, code=sent_codes[0]["code"]) is False


def test_a_new_code_retires_the_earlier_one(phone_only, sent_codes):
    otp.code_issue(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET)
    otp.code_issue(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET)
    first, second = sent_codes[0]["code"], sent_codes[1]["code"]
    if first != second:
        assert otp.code_check(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET, code=first) is False
    assert otp.code_check(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET, code=second) is True


def test_a_reset_code_does_not_verify_a_number_and_the_reverse(phone_only, sent_codes):
    otp.code_issue(user=phone_only, purpose=otp.Purpose.PASSWORD_RESET)
    assert otp.code_check(user=phone_only, purpose=otp.Purpose.VERIFY_PHONE, code=sent_codes[0]["code"]) is False


def test_an_unknown_number_gets_the_same_answer_and_no_code(client, sent_codes):
    response = _ask_code(client, "0811 0000 0000")
    assert response.url == reverse("accounts:password_reset_code")
    assert sent_codes == []
    assert client.get(response.url).status_code == 200


def test_the_fourth_request_for_one_number_within_the_hour_is_refused(client, phone_only, sent_codes):
    for _ in range(3):
        assert _ask_code(client).status_code == 302
    response = client.post(
        reverse("accounts:password_reset"), {"identifier": "085712345678"}, HTTP_ACCEPT_LANGUAGE="id"
    )
    assert response.status_code == 200
    assert "Terlalu banyak permintaan kode" in response.content.decode()
    assert len(sent_codes) == 3


def test_one_address_asking_for_many_numbers_is_throttled(client, sent_codes, settings):
    settings.OTP_PER_IP = 2
    numbers = ["081100000001", "081100000002", "081100000003"]
    for number in numbers:
        otp.throttle_reset(phone="+62" + number[1:])
    answers = [_ask_code(client, n).status_code for n in numbers]
    assert answers == [302, 302, 200]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Masukkan alamat email atau nomor HP akun Anda."),
        ("rina@", "Alamat email ini belum lengkap"),
        ("12345", "Masukkan alamat email atau nomor HP Indonesia"),
    ],
)
def test_bad_input_gets_a_clear_indonesian_message(client, typed, message, sent_codes):
    response = client.post(reverse("accounts:password_reset"), {"identifier": typed}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_field_is_plain_text_so_the_browser_adds_no_english_tooltip(client):
    html = client.get(reverse("accounts:password_reset")).content.decode()
    assert 'type="email"' not in html
    assert 'name="identifier"' in html and 'inputmode="text"' in html and "novalidate" in html


def test_the_login_field_does_not_open_an_email_keyboard(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'inputmode="email"' not in html
    assert 'inputmode="text"' in html


def test_the_code_page_without_a_number_in_the_session_goes_back_to_the_start(client):
    assert client.get(reverse("accounts:password_reset_code")).url == reverse("accounts:password_reset")


def test_a_logged_in_person_verifies_their_number_with_a_code(client, phone_only, sent_codes):
    client.force_login(phone_only)
    client.post(reverse("accounts:verify_phone"), {"send": "1"})
    assert [s["purpose"] for s in sent_codes] == ["verify_phone"]
    response = client.post(reverse("accounts:verify_phone"), {"code": sent_codes[0]["code"]})
    assert response.url == reverse("accounts:verify_phone")
    phone_only.refresh_from_db()
    assert phone_only.phone_verified_at is not None


def test_a_wrong_verification_code_leaves_the_number_unverified(client, phone_only, sent_codes):
    client.force_login(phone_only)
    client.post(reverse("accounts:verify_phone"), {"send": "1"})
    wrong = "000000" if sent_codes[0]["code"] != "000000" else "111111"
    response = client.post(reverse("accounts:verify_phone"), {"code": wrong})
    assert response.status_code == 200
    phone_only.refresh_from_db()
    assert phone_only.phone_verified_at is None
