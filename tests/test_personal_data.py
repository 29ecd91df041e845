"""The seeker's "download my data" archive holds what the apps above seekers keep about the
person too (they register it: seekers.sections.register_personal_data)."""

import io
import json
import zipfile

from django.urls import reverse

from seekers import services
from trainings.services import enrolment_apply
from trainings.tests.factories import BatchFactory


def test_download_my_data_holds_the_profile_the_files_and_what_other_apps_hold(client, profile):
    services.card_issue(seeker=profile, actor=None)  # writes an inbox notification too
    enrolment_apply(batch=BatchFactory(program__title="Las SMAW"), seeker=profile, actor=profile.user,
                    motivation="Ingin bekerja di pabrik")  # fmt: skip
    client.force_login(profile.user)
    response = client.get(reverse("seekers:my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["nik"] == profile.nik
    assert data["profile"]["skills"] == ["pengelasan"]
    assert data["ak1_cards"][0]["status"] == "active"
    assert data["trainings"][0]["batch__program__title"] == "Las SMAW"
    assert data["trainings"][0]["motivation"] == "Ingin bekerja di pabrik"
    assert {n["event"] for n in data["notifications"]} == {"seekers.card_issued", "trainings.enrolment_applied"}
    assert "documents/photo.jpg" in archive.namelist()
