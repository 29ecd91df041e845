"""`manage.py restore BACKUP_FOLDER --media-root DIR`: into an empty database and media folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database, which must be new and empty, and its "
        "media files into an empty folder (MEDIA_ROOT unless --media-root)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a folder written by `manage.py backup`")
        parser.add_argument("--media-root", default=None, help="where to put the media files")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, source, media_root, database, **options):
        try:
            manifest = restore(
                source=Path(source),
                media_root=Path(media_root or settings.MEDIA_ROOT),
                database=connections[database].settings_dict,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = manifest["database"]["row_counts"]
        self.stdout.write(
            f"restored {sum(counts.values())} rows in {len(counts)} tables and "
            f"{len(manifest['media']['files'])} media files from {manifest['created_at']}"
        )
