"""The regency look: official footer, privacy notice with its version, favicon, descriptions,
and only the CSS/JS that is used (issue 15)."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.privacy import NOTICE_VERSION

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


def test_every_page_has_the_official_footer_with_address_privacy_and_complaints(client, settings):
    settings.OFFICE_HOTLINE = "(021) 0000 0000"
    html = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert settings.OFFICE_ADDRESS in html
    assert 'href="tel:(021)00000000"' in html
    assert reverse("core:privacy") in html
    assert "https://www.lapor.go.id/" in html and "SP4N-LAPOR!" in html
    assert "Jam layanan" in html


def test_without_a_configured_hotline_no_made_up_number_is_shown(client, settings):
    settings.OFFICE_HOTLINE = ""
    assert 'data-testid="office-hotline"' not in client.get(reverse("core:home")).content.decode()


def test_the_privacy_notice_names_its_version_and_the_rights_under_uu_27_2022(client):
    html = client.get(reverse("core:privacy"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert NOTICE_VERSION in html
    assert "UU Nomor 27 Tahun 2022" in html and "Berapa lama disimpan" in html


def test_registration_links_the_privacy_notice(client):
    html = client.get(reverse("seekers:register")).content.decode()
    assert f'href="{reverse("core:privacy")}"' in html


def test_pages_have_a_favicon_and_a_meta_description(client):
    html = client.get(reverse("core:home")).content.decode()
    assert 'rel="icon"' in html and '<meta name="description" content="' in html
    assert client.get("/favicon.ico").status_code == 301


def test_no_bootstrap_javascript_bundle_and_a_small_stylesheet():
    assert not (STATIC / "vendor/bootstrap/js").exists()
    css = (STATIC / "vendor/bootstrap/css/bootstrap.min.css").read_bytes()
    assert len(gzip.compress(css)) < 25 * 1024
    for unused in (b".modal{", b".tooltip{", b".carousel{", b".accordion{", b".toast{"):
        assert unused not in css
    assert b"#0a5a36" in css  # the regency green is Bootstrap's primary
