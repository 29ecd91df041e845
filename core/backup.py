"""Backups that restore (README "Backups"): the database and the media files, one folder each.

A backup folder `bekasi-<UTC time>/` holds:

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite's online
  backup API): one consistent snapshot. On PostgreSQL the row counts are taken in the very
  snapshot pg_dump dumps (`pg_export_snapshot()` then `pg_dump --snapshot`), so a restore must
  give exactly those counts;
- `media.tar.gz`: every file under MEDIA_ROOT, archived after the database (file names are
  random and never reused, so every file a dumped row names was written before the dump);
- `manifest.json`: format, time, row count per table, size and SHA-256 of every media file.

`restore()` refuses a target database that has tables or a media folder that has files: a
restore goes into a fresh place, never over live data. `drill()` does both into throwaway
places and checks the counts and a sample of the files.
"""

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.db import connections, models, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """A backup, restore or drill that did not do what it must; the message says why."""


# --- helpers ------------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_command_env(settings_dict) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore/psql, the password through the environment."""
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return args, env


def _run(command, *, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")


class RawDatabase:
    """A plain DB-API connection from a Django settings dict: the drill's restored database is
    no Django alias (nothing in the running process routes to it)."""

    def __init__(self, settings_dict):
        self.settings_dict = settings_dict
        self.vendor = "postgresql" if settings_dict["ENGINE"].endswith("postgresql") else "sqlite"
        self.name = settings_dict["NAME"]

    def connect(self):
        if self.vendor == "postgresql":
            import psycopg2

            s = self.settings_dict
            return psycopg2.connect(
                dbname=s["NAME"],
                user=s.get("USER") or None,
                password=s.get("PASSWORD") or None,
                host=s.get("HOST") or None,
                port=s.get("PORT") or None,
            )
        return sqlite3.connect(self.name, uri=str(self.name).startswith("file:"))

    def tables(self, cursor) -> list[str]:
        if self.vendor == "postgresql":
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        return [row[0] for row in cursor.fetchall()]

    def row_counts(self) -> dict[str, int]:
        connection = self.connect()
        try:
            cursor = connection.cursor()
            return row_counts(cursor, self.tables(cursor))
        finally:
            connection.close()

    def column_values(self, table, column) -> list[str]:
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'')  # noqa: S608 - model names
            return [row[0] for row in cursor.fetchall()]
        finally:
            connection.close()


def row_counts(cursor, tables) -> dict[str, int]:
    """Rows per table, every table of the database (Django's and any other)."""
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - a table name from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_on_filesystem() -> bool:
    return not getattr(settings, "MEDIA_S3_BUCKET", "")


# --- backup -------------------------------------------------------------------------------------
def _dump_postgresql(connection, path: Path) -> dict[str, int]:
    args, env = _pg_command_env(connection.settings_dict)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The first statement of the transaction: one snapshot for the counts and the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = row_counts(cursor, RawDatabase(connection.settings_dict).tables(cursor))
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
            + ["--file", str(path), *args],
            env=env,
        )
    return counts


def _copy_sqlite(connection, path: Path) -> dict[str, int]:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # SQLite's online backup: a consistent copy
    finally:
        target.close()
    return RawDatabase({"ENGINE": "sqlite3", "NAME": str(path)}).row_counts()


def _archive_media(path: Path) -> dict[str, dict]:
    files = {}
    root = _media_root()
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        if root.is_dir():
            for file in sorted(p for p in root.rglob("*") if p.is_file()):
                name = file.relative_to(root).as_posix()
                files[name] = {"size": file.stat().st_size, "sha256": _sha256(file)}
                archive.add(file, arcname=name, recursive=False)
    return files


def backup(*, destination: Path, using: str = "default") -> Path:
    connection = connections[using]
    target = Path(destination) / f"bekasi-{timezone.now():%Y%m%dT%H%M%S%fZ}"
    target.mkdir(parents=True)
    if connection.vendor == "postgresql":
        database_file, counts = PG_DUMP, _dump_postgresql(connection, target / PG_DUMP)
    elif connection.vendor == "sqlite":
        database_file, counts = SQLITE_COPY, _copy_sqlite(connection, target / SQLITE_COPY)
    else:  # pragma: no cover - the portal runs on these two
        raise BackupError(f"no backup for a {connection.vendor} database")
    media = {"storage": "filesystem", "files": {}}
    if _media_on_filesystem():
        media["files"] = _archive_media(target / MEDIA_ARCHIVE)
    else:
        # Object storage keeps its own copies: bucket versioning and replication (README "Backups").
        media["storage"] = "s3"
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": connection.vendor, "file": database_file, "row_counts": counts},
        "media": media,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return target


# --- restore ------------------------------------------------------------------------------------
def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((Path(source) / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} is not a backup folder (no readable {MANIFEST})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def restore(*, source: Path, media_root: Path, database: dict) -> dict:
    """Restore into the database of `database` (a Django settings dict), which must be empty."""
    source = Path(source)
    manifest = read_manifest(source)
    target = RawDatabase(database)
    vendor = manifest["database"]["vendor"]
    if vendor != target.vendor:
        raise BackupError(f"a {vendor} backup cannot be restored into a {target.vendor} database")
    in_memory = str(target.name).startswith("file:")
    existing = target.row_counts() if target.vendor == "postgresql" or in_memory or Path(target.name).exists() else {}
    if existing:
        raise BackupError(
            f"the target database {target.name} already has {len(existing)} tables: restore into a new, empty database"
        )
    media_root = Path(media_root)
    if media_root.is_dir() and any(media_root.iterdir()):
        raise BackupError(f"the media folder {media_root} is not empty: restore into a new folder")
    if vendor == "postgresql":
        args, env = _pg_command_env(database)
        _run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            + args
            + [str(source / PG_DUMP)],
            env=env,
        )
    else:
        shutil.copyfile(source / SQLITE_COPY, target.name)
    if manifest["media"]["storage"] == "filesystem":
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(media_root, filter="data")  # no absolute paths, no "..", no devices
    return manifest


# --- the drill ----------------------------------------------------------------------------------
def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def check_restore(*, manifest: dict, database: dict, media_root: Path, sample: int = 20) -> dict:
    """Compare a restored database (a Django settings dict) and media folder with the manifest;
    raise BackupError if they differ. Returns what was checked."""
    restored_db = RawDatabase(database)
    counts = restored_db.row_counts()
    expected = manifest["database"]["row_counts"]
    if counts != expected:
        differences = {
            table: (expected.get(table), counts.get(table))
            for table in sorted(set(expected) | set(counts))
            if expected.get(table) != counts.get(table)
        }
        raise BackupError(f"row counts differ after the restore (expected, restored): {differences}")
    checked_files = 0
    if manifest["media"]["storage"] == "filesystem":
        files = manifest["media"]["files"]
        # Every file the restored rows name, in a random sample per field, exists with its bytes.
        media = Path(settings.MEDIA_ROOT)
        for model, field in _file_fields():
            if not isinstance(field.storage, FileSystemStorage):
                continue
            names = restored_db.column_values(model._meta.db_table, field.column)
            for name in random.sample(names, min(sample, len(names))):  # noqa: S311 - a sample, not a secret
                relative = Path(field.storage.path(name)).relative_to(media).as_posix()
                restored = Path(media_root) / relative
                if relative not in files:
                    raise BackupError(f"{model._meta.label}.{field.name} names {relative}, which is not in the backup")
                if not restored.is_file() or _sha256(restored) != files[relative]["sha256"]:
                    raise BackupError(f"{relative} was not restored with the bytes it had")
                checked_files += 1
        # And a sample of all archived files, whatever names them.
        for relative in random.sample(sorted(files), min(sample, len(files))):  # noqa: S311
            restored = Path(media_root) / relative
            if not restored.is_file() or _sha256(restored) != files[relative]["sha256"]:
                raise BackupError(f"{relative} was not restored with the bytes it had")
            checked_files += 1
    return {"tables": len(counts), "rows": sum(counts.values()), "files_checked": checked_files}


def drill(*, using: str = "default", sample: int = 20, keep: bool = False) -> dict:
    """Back up, restore into a fresh database and media folder, check, clean up."""
    connection = connections[using]
    work = Path(tempfile.mkdtemp(prefix="bekasi-restore-drill-"))
    drill_name = None
    try:
        folder = backup(destination=work / "backups", using=using)
        if connection.vendor == "postgresql":
            drill_name = f"{connection.settings_dict['NAME']}_drill_{os.getpid()}"[:63]
            with connection.cursor() as cursor:
                if connection.in_atomic_block:
                    raise ImproperlyConfigured("the restore drill cannot run inside a transaction")
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(drill_name)}")
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(drill_name)}")
        else:
            drill_name = str(work / "restored.sqlite3")
        database = {**connection.settings_dict, "NAME": drill_name}
        media_root = work / "media"
        manifest = restore(source=folder, media_root=media_root, database=database)
        result = check_restore(manifest=manifest, database=database, media_root=media_root, sample=sample)
        result["backup_bytes"] = sum(p.stat().st_size for p in folder.iterdir())
        return result
    finally:
        if connection.vendor == "postgresql" and drill_name and not keep:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(drill_name)}")
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
