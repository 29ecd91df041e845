#!/usr/bin/env bash
# The restore drill (README "Backups"): back up the configured database (DATABASE_URL) and
# MEDIA_ROOT, restore both into a new database and folder, check every table's row count and a
# sample of files, and remove the copies. Exit status 0 only if everything matched.
# Run it on a schedule against a recent copy of production, and in CI on the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-.venv/bin/python}" manage.py restore_drill "$@"
