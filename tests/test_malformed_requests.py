"""Malformed requests answer 400 with the portal's page, never 500 (issue 14).

Each request carries a valid CSRF cookie and token, as a browser would: the 500 came from
Django's default 400 view re-running the CSRF check on the unreadable body.
"""

import pytest
from django.test import Client

from seekers.tests.factories import JobSeekerFactory

MULTIPART_OK_BODY = b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'
TOKEN = "a" * 32

MALFORMED = {
    "a form in ISO-8859-1": ("application/x-www-form-urlencoded; charset=iso-8859-1", b"username=caf\xe9"),
    "multipart without a boundary": ("multipart/form-data", MULTIPART_OK_BODY),
    "multipart with a broken boundary": ("multipart/form-data; boundary=\u00ff\u00fe", MULTIPART_OK_BODY),
}


def _post(client, path, content_type, body, **extra):
    client.cookies["csrftoken"] = TOKEN
    # generic(): post() would re-encode the body in the declared charset before sending it.
    return client.generic("POST", path, body, content_type, HTTP_X_CSRFTOKEN=TOKEN, **extra)


@pytest.fixture
def browser_client():
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(MALFORMED))
@pytest.mark.parametrize("path", ["/akun/masuk/", "/admin/login/"])
def test_a_malformed_body_on_the_login_pages_answers_400_with_the_portal_page(browser_client, path, case):
    content_type, body = MALFORMED[case]
    response = _post(browser_client, path, content_type, body)
    assert response.status_code == 400
    assert "Permintaan tidak dapat dibaca" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_upload_by_a_logged_in_seeker_answers_400(browser_client, case):
    profile = JobSeekerFactory()
    browser_client.force_login(profile.user)
    content_type, body = MALFORMED[case]
    response = _post(browser_client, "/pencari-kerja/profil/dokumen/", content_type, body)
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_bad_host_header_answers_400(browser_client):
    assert browser_client.get("/akun/masuk/", HTTP_HOST="bad..host").status_code == 400


@pytest.mark.django_db
def test_an_undecodable_cookie_header_still_answers(browser_client):
    response = browser_client.get("/akun/masuk/", HTTP_COOKIE="csrftoken=\udcff\udcfe; x=\x00")
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_a_well_formed_latin_free_login_post_is_not_refused(browser_client):
    browser_client.get("/akun/masuk/")
    response = _post(browser_client, "/akun/masuk/", "application/x-www-form-urlencoded", b"username=a&password=b")
    assert response.status_code == 200  # the form again, with its "wrong credentials" message


@pytest.mark.django_db
def test_an_unknown_page_shows_the_portal_404_in_indonesian(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_the_500_page_renders_without_a_request_context(rf):
    from django.utils import translation

    from core.views import server_error

    with translation.override("id"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()


def test_the_403_page_is_the_portal_page(rf):
    from django.utils import translation

    from core.views import permission_denied

    with translation.override("id"):
        response = permission_denied(rf.get("/"), None)
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded; charset=no-such-charset", "multipart/form-data; boundary=x; charset=nope"],
)
def test_an_unknown_charset_is_read_as_utf8_and_the_login_form_answers_normally(browser_client, content_type):
    browser_client.get("/akun/masuk/")
    body = MULTIPART_OK_BODY if content_type.startswith("multipart") else b"username=a&password=b"
    assert _post(browser_client, "/akun/masuk/", content_type, body).status_code == 200


@pytest.mark.django_db
def test_a_control_character_in_the_content_type_answers_400_at_the_wsgi_entry():
    from bekasi_jobs.wsgi import application

    started = []
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/akun/masuk/", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
        "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf\x00-8", "CONTENT_LENGTH": "3",
        "wsgi.input": __import__("io").BytesIO(b"a=b"), "wsgi.url_scheme": "http",
    }  # fmt: skip
    body = b"".join(application(environ, lambda status, headers: started.append(status)))
    assert started == ["400 Bad Request"]
    assert b"Permintaan tidak dapat dibaca" in body
