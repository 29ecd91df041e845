"""Every app has its URL namespace and a page that answers (or asks for login)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name",
    ["core:home", "trainings:catalogue", "placements:index", "financing:index", "accounts:login"],
)
def test_public_pages_answer(client, db, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["seekers:dashboard", "notifications:inbox"])
def test_personal_pages_ask_for_login_then_answer(client, seeker, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(seeker)
    assert client.get(reverse(name)).status_code == 200


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
