"""`manage.py restore_drill`: back up, restore into a fresh database and folder, and check."""

import time

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, drill


class Command(BaseCommand):
    help = (
        "Back up the configured database and media, restore them into a new database and a new folder, "
        "and check every table's row count and a sample of the files; then remove the copies."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=20, help="files checked per file field, and overall")
        parser.add_argument("--keep", action="store_true", help="keep the restored database and files")
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, sample, keep, database, **options):
        started = time.monotonic()
        try:
            result = drill(using=database, sample=sample, keep=keep)
        except BackupError as exc:
            raise CommandError(f"restore drill FAILED: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"restore drill passed: {result['rows']} rows in {result['tables']} tables match, "
                f"{result['files_checked']} files checked, backup {result['backup_bytes']} bytes, "
                f"{time.monotonic() - started:.1f} s"
            )
        )
