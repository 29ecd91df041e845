import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.urls import reverse

from seekers import services
from seekers.models import DeletionRequest, Document, JobSeeker


def test_download_my_data_holds_the_profile_the_card_the_notifications_and_the_photo(client, profile):
    services.card_issue(seeker=profile, actor=None)  # writes an inbox notification too
    client.force_login(profile.user)
    response = client.get(reverse("seekers:my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["nik"] == profile.nik
    assert data["profile"]["skills"] == ["pengelasan"]
    assert data["ak1_cards"][0]["status"] == "active"
    assert {n["event"] for n in data["notifications"]} == {"seekers.card_issued"}
    assert "documents/photo.jpg" in archive.namelist()


def test_a_deletion_request_is_recorded_and_staff_carry_it_out(
    client, profile, disnaker_staff, django_capture_on_commit_callbacks
):
    client.force_login(profile.user)
    client.post(reverse("seekers:deletion_request"), {"reason": "Sudah bekerja", "confirm": "on"})
    deletion = DeletionRequest.objects.get()
    photo = Document.objects.get(seeker=profile, kind="photo")
    storage, name = photo.file.storage, photo.file.name
    client.force_login(disnaker_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:seekers_deletionrequest_changelist"),
            {"action": "carry_out", "_selected_action": [deletion.pk]},
        )
    deletion.refresh_from_db()
    assert deletion.status == DeletionRequest.Status.DONE
    assert not JobSeeker.objects.exists()
    assert not get_user_model().objects.filter(pk=profile.user_id).exists()
    assert not storage.exists(name)
