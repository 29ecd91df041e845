"""Who may open which page: the boundaries between the apps' audiences (cross-app, so here)."""

from urllib.parse import quote

import pytest
from django.urls import reverse


def test_the_home_page_leads_to_registration_login_and_the_training_catalogue(client, db):
    html = client.get(reverse("core:home")).content.decode()
    for name in ["seekers:register", "accounts:login", "trainings:catalogue"]:
        assert f'href="{reverse(name)}"' in html, name


@pytest.mark.parametrize("name", ["seekers:dashboard", "notifications:inbox", "trainings:my_trainings"])
def test_personal_pages_send_a_visitor_to_log_in_and_back(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={quote(reverse(name))}"


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("trainings:partner_home", "partner_staff", "bank_officer"),
        ("financing:bank_home", "bank_officer", "partner_staff"),
        ("dashboard:index", "tkp3d_member", "seeker"),
    ],
)
def test_role_pages_admit_only_their_role(client, request, name, allowed, refused):
    client.force_login(request.getfixturevalue(refused))
    assert client.get(reverse(name)).status_code == 403
    client.force_login(request.getfixturevalue(allowed))
    assert client.get(reverse(name)).status_code == 200
