"""Media on S3-compatible storage (moto's in-process S3): still private, reached only through
the document view's permission check, by a presigned URL that expires in a minute."""

from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.urls import reverse
from moto import mock_aws

from seekers.models import Document
from seekers.storage_s3 import PrivateS3Storage
from seekers.tests.factories import CompleteJobSeekerFactory

BUCKET = "bekasi-media"
PDF = b"%PDF-1.7 the CV of Rina"


@pytest.fixture
def s3_media(settings, monkeypatch):
    settings.MEDIA_S3_BUCKET = BUCKET
    settings.MEDIA_S3_ENDPOINT_URL = ""
    settings.MEDIA_S3_PUBLIC_ENDPOINT_URL = ""
    settings.MEDIA_S3_ACCESS_KEY = "testing"
    settings.MEDIA_S3_SECRET_KEY = "testing"  # noqa: S105 - moto's
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        storage = PrivateS3Storage()
        # The field's storage was built when the model loaded (filesystem in tests): swap it.
        monkeypatch.setattr(Document._meta.get_field("file"), "storage", storage)
        yield storage


@pytest.fixture
def cv(s3_media, seeker):
    profile = CompleteJobSeekerFactory(user=seeker)
    document = Document(seeker=profile, kind=Document.Kind.CV, content_type="application/pdf", size=len(PDF))
    document.file.save("cv.pdf", ContentFile(PDF), save=True)
    return document


def test_the_file_is_stored_privately_under_a_random_name(cv, s3_media):
    key = f"private/{cv.file.name}"
    assert "cv.pdf" not in key
    grants = boto3.client("s3", region_name="us-east-1").get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # the owner only
    assert requests.get(f"https://{BUCKET}.s3.amazonaws.com/{key}", timeout=5).status_code == 403
    with pytest.raises(ValueError, match="permission-checked view"):
        cv.file.url  # noqa: B018


def test_the_owner_is_redirected_to_a_short_lived_presigned_url(client, cv):
    client.force_login(cv.seeker.user)
    response = client.get(reverse("seekers:document", args=[cv.pk]))
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["response-content-disposition"] == [f"attachment; filename*=UTF-8''cv-{cv.pk}.pdf"]
    download = requests.get(response["Location"], timeout=5)
    assert download.status_code == 200
    assert download.content == PDF


def test_someone_else_gets_a_404_and_no_url(client, cv, other_seeker):
    client.force_login(other_seeker)
    response = client.get(reverse("seekers:document", args=[cv.pk]))
    assert response.status_code == 404
    assert "Location" not in response


def test_presigned_urls_name_the_public_address_of_the_bucket(cv, s3_media, settings):
    storage = PrivateS3Storage(public_endpoint_url="https://berkas.kerja.bekasikab.go.id")
    url = storage.presigned_url(cv.file.name, filename="cv.pdf", content_type="application/pdf", as_attachment=True)
    assert url.startswith(f"https://berkas.kerja.bekasikab.go.id/{BUCKET}/private/seekers/")
