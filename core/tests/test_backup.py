"""Backups that restore: the drill round trip on the test database, and what makes it fail."""

import json
import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core import backup
from core.models import Kecamatan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    (root / "private" / "seekers" / "ab").mkdir(parents=True)
    (root / "private" / "seekers" / "ab" / "photo.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    (root / "private" / "seekers" / "ab" / "cv.pdf").write_bytes(b"%PDF-1.7 a CV")
    settings.MEDIA_ROOT = root
    return root


def test_the_restore_drill_restores_every_row_and_file(media, capsys):
    call_command("restore_drill")
    assert "restore drill passed" in capsys.readouterr().out


def test_the_manifest_counts_the_rows_and_hashes_the_files(media, tmp_path):
    folder = backup.backup(destination=tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["row_counts"]["core_kecamatan"] == Kecamatan.objects.count() > 0
    assert set(manifest["media"]["files"]) == {"private/seekers/ab/photo.jpg", "private/seekers/ab/cv.pdf"}
    with tarfile.open(folder / "media.tar.gz") as archive:
        assert sorted(archive.getnames()) == ["private/seekers/ab/cv.pdf", "private/seekers/ab/photo.jpg"]


def test_a_restore_refuses_a_database_that_has_tables(media, tmp_path):
    folder = backup.backup(destination=tmp_path / "backups")
    with pytest.raises(CommandError, match="already has .* tables"):
        call_command("restore", str(folder), "--media-root", str(tmp_path / "restored"))


def _empty_sqlite(tmp_path):
    # An empty target of the backup's own kind, so that only the media folder is refused.
    if connection.vendor == "postgresql":
        pytest.skip("needs an empty PostgreSQL database; the drill test covers restoring there")
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "new.sqlite3")}


def test_a_restore_refuses_a_media_folder_that_has_files(media, tmp_path):
    folder = backup.backup(destination=tmp_path / "backups")
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(source=folder, media_root=media, database=_empty_sqlite(tmp_path))


def test_the_check_fails_when_a_restored_file_differs(media, tmp_path):
    folder = backup.backup(destination=tmp_path / "backups")
    restored = tmp_path / "restored"
    with tarfile.open(folder / "media.tar.gz") as archive:
        archive.extractall(restored, filter="data")
    (restored / "private" / "seekers" / "ab" / "cv.pdf").write_bytes(b"%PDF-1.7 another CV")
    manifest = backup.read_manifest(folder)
    with pytest.raises(backup.BackupError, match="cv.pdf was not restored"):
        backup.check_restore(manifest=manifest, database=connection.settings_dict, media_root=restored, sample=10)


def test_the_check_fails_when_a_row_count_differs(media, tmp_path):
    folder = backup.backup(destination=tmp_path / "backups")
    Kecamatan.objects.create(code="32.16.99", name="Kecamatan Baru")
    manifest = backup.read_manifest(folder)
    with pytest.raises(backup.BackupError, match="core_kecamatan"):
        backup.check_restore(manifest=manifest, database=connection.settings_dict, media_root=media, sample=10)
