import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


def _login(client, username, password, ip):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_login_by_phone_redirects_a_seeker_to_their_dashboard(seeker):
    response = _login(Client(), "0812-3456-7890", PASSWORD, "10.0.0.1")
    assert response.status_code == 302
    assert response.url == reverse("accounts:after_login")


def test_unknown_user_and_wrong_password_get_the_same_message(seeker):
    client = Client()
    unknown = _login(client, "nobody@example.id", PASSWORD, "10.0.0.1")
    wrong = _login(client, seeker.email, "not-the-password", "10.0.0.1")
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


@pytest.mark.parametrize(
    ("user_fixture", "target"),
    [
        ("seeker", "seekers:dashboard"),
        ("disnaker_staff", "admin:index"),
        ("tkp3d_member", "dashboard:index"),
        ("partner_staff", "trainings:partner_home"),
        ("bank_officer", "financing:bank_home"),
    ],
)
def test_after_login_each_role_lands_on_its_own_page(client, request, user_fixture, target):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("accounts:after_login"))
    assert response.url == reverse(target)


def test_repeated_failures_lock_only_that_username_from_that_address(seeker, settings):
    attacker, owner = Client(), Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, seeker.email, "guessing-wrong", "203.0.113.9")
    # Even the right password is refused from the attacker's address now...
    locked = _login(attacker, seeker.email, PASSWORD, "203.0.113.9")
    assert locked.status_code == 429
    # ...but the real owner, elsewhere, still logs in: nobody can lock a real user out.
    assert _login(owner, seeker.email, PASSWORD, "198.51.100.7").status_code == 302


def test_a_lockout_ends_after_the_cool_off(seeker, settings, time_machine):
    time_machine.move_to("2026-11-28 09:00:00+07:00", tick=False)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, seeker.email, "guessing-wrong", "203.0.113.9")
    assert _login(client, seeker.email, PASSWORD, "203.0.113.9").status_code == 429
    time_machine.shift(settings.AXES_COOLOFF_TIME * 1.1)
    assert _login(client, seeker.email, PASSWORD, "203.0.113.9").status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, seeker, mailoutbox, celery_eager):
    client.post(reverse("accounts:password_reset"), {"email": seeker.email})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/atur-sandi/" in line)
    response = client.get(link, follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "sate maranggi enak sekali", "new_password2": "sate maranggi enak sekali"},
    )
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.check_password("sate maranggi enak sekali")


def test_spelling_the_identifier_differently_does_not_reset_the_failure_count(seeker, settings):
    attacker = Client()
    spellings = ["081234567890", "+62 812 3456 7890", "6281234567890", "0812-3456-7890", "+6281234567890"]
    for spelling in spellings[: settings.AXES_FAILURE_LIMIT]:
        _login(attacker, spelling, "guessing-wrong", "203.0.113.9")
    assert _login(attacker, "0812 3456 7890", PASSWORD, "203.0.113.9").status_code == 429
