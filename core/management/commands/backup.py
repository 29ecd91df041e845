"""`manage.py backup [--output DIR]`: a consistent database dump and the media files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (one consistent snapshot) and the media files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="folder to create the backup folder in")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, output, database, **options):
        try:
            folder = backup(destination=Path(output), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(folder.as_posix())
