from django.urls import reverse


def test_the_portal_speaks_bahasa_indonesia_by_default(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert "Pelatihan" in response.content.decode()


def test_a_visitor_can_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Training" in html
    response = client.post(reverse("set_language"), {"language": "id", "next": "/"}, follow=True)
    assert '<html lang="id">' in response.content.decode()


def test_pages_carry_security_headers_and_serve_assets_from_the_portal_itself(client):
    response = client.get(reverse("core:home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "cdn" not in html.lower()


def test_an_english_browser_still_gets_indonesian_until_the_person_chooses(client, db):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.content.decode()


def test_a_logged_in_persons_choice_is_kept_on_their_account(client, seeker):
    client.force_login(seeker)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    seeker.refresh_from_db()
    assert seeker.language == "en"
