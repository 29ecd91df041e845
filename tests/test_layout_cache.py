"""The navbar and footer are rendered once per worker for each language and role set
(core/templatetags/layout.py); what is one person's or one request's own is put in per request."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from notifications.tests.factories import NotificationFactory

HOME = reverse("core:home")
INBOX = reverse("notifications:inbox")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    yield
    translation.activate(settings.LANGUAGE_CODE)  # the test client's English requests leave it active


def _html(client, url=INBOX, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_navbar_and_language_forms_carry_this_persons_working_token(seeker, other_seeker):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(seeker)
    second.force_login(other_seeker)
    first_tokens, second_tokens = TOKEN.findall(_html(first)), TOKEN.findall(_html(second))
    assert len(first_tokens) == len(second_tokens) == 2  # log out (navbar), language (footer)
    # A token of one person's page is refused for the other (nothing shared), accepted for its own.
    switch = {"csrfmiddlewaretoken": first_tokens[1], "language": "en", "next": INBOX}
    assert second.post(reverse("set_language"), switch).status_code == 403
    response = first.post(reverse("set_language"), switch)
    assert response.status_code == 302 and response["Location"] == INBOX
    assert 'lang="en"' in _html(first) and 'lang="id"' in _html(second)
    assert first.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": first_tokens[0]}).status_code == 302
    assert first.get(INBOX).status_code == 302  # logged out


def test_each_person_sees_their_own_name_and_badge_escaped(client, seeker):
    other = UserFactory(full_name="<b>Joko</b> Widodo")
    NotificationFactory.create_batch(2, recipient=seeker)
    client.force_login(seeker)
    html = _html(client)
    assert 'data-testid="nav-user">Rina<' in html and 'data-testid="nav-unread">2<' in html
    client.force_login(other)
    html = _html(client)
    assert 'data-testid="nav-user">&lt;b&gt;Joko&lt;/b&gt;<' in html and "nav-unread" not in html
    assert "Rina" not in html


def test_links_follow_the_role_set_whoever_was_served_before(client, seeker, disnaker_staff, partner_staff):
    client.force_login(disnaker_staff)
    html = _html(client)
    assert 'data-testid="nav-admin"' in html and 'data-testid="nav-seeker"' not in html
    client.force_login(seeker)
    html = _html(client)
    assert 'data-testid="nav-seeker"' in html
    assert 'data-testid="nav-admin"' not in html and 'data-testid="nav-dashboard"' not in html
    client.force_login(partner_staff)
    html = _html(client)
    assert 'data-testid="nav-partner"' in html and 'data-testid="nav-seeker"' not in html
    client.logout()
    html = _html(client, HOME)
    assert 'data-testid="nav-login"' in html and 'data-testid="nav-user"' not in html
    assert 'data-testid="nav-partner"' not in html and "csrfmiddlewaretoken" in html  # the language form's


def test_the_language_form_returns_to_this_page_and_marks_the_current_language(client, seeker):
    client.force_login(seeker)
    html = _html(client, HOME, q='"><script>')
    assert 'name="next" type="hidden" value="/?q=%22%3E%3Cscript%3E"' in html
    assert re.search(r'value="id"[^>]*aria-current="true"', html)
    assert not re.search(r'value="en"[^>]*aria-current', html)
    client.cookies["django_language"] = "en"
    html = _html(client, INBOX)
    assert f'name="next" type="hidden" value="{INBOX}"' in html
    assert re.search(r'value="en"[^>]*aria-current="true"', html) and "Log out" in html
