#!/usr/bin/env bash
# Try the replica router against a real streaming replica: a private PostgreSQL 15 primary on
# port 5442 and a hot standby on 5443 (pg_basebackup -R), in $PGTRY (default /tmp/bekasi_pg_try),
# never touching the machine's main cluster. Then migrate and seed the demo on the primary, open
# the TKP3D dashboard with DATABASE_REPLICA_URL set, and show which server ran which query.
#   scripts/try_streaming_replica.sh          (run as root: the servers run as user postgres)
#   scripts/try_streaming_replica.sh stop
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin=/usr/lib/postgresql/15/bin
dir="${PGTRY:-/tmp/bekasi_pg_try}"
as_pg() { su postgres -s /bin/bash -c "$*"; }

if [ "${1:-}" = stop ]; then
  as_pg "$bin/pg_ctl -D $dir/replica -m fast stop" || true
  as_pg "$bin/pg_ctl -D $dir/primary -m fast stop" || true
  rm -rf "$dir"
  exit 0
fi

mkdir -p "$dir" && chown postgres "$dir"
as_pg "$bin/initdb -D $dir/primary -U postgres --auth=trust >/dev/null"
cat >> "$dir/primary/postgresql.conf" <<CONF
port = 5442
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
wal_level = replica
max_wal_senders = 5
CONF
echo "host replication postgres 127.0.0.1/32 trust" >> "$dir/primary/pg_hba.conf"
as_pg "$bin/pg_ctl -D $dir/primary -l $dir/primary.log -w start >/dev/null"
as_pg "$bin/pg_basebackup -h 127.0.0.1 -p 5442 -U postgres -D $dir/replica -R -X stream"
cat >> "$dir/replica/postgresql.conf" <<CONF
port = 5443
hot_standby = on
log_statement = 'all'
log_line_prefix = 'REPLICA '
CONF
as_pg "$bin/pg_ctl -D $dir/replica -l $dir/replica.log -w start >/dev/null"
psql -h 127.0.0.1 -p 5442 -U postgres -Atc "CREATE DATABASE bekasi"
psql -h 127.0.0.1 -p 5442 -U postgres -Atc "SELECT 'primary sees standby: ' || client_addr || ' ' || state FROM pg_stat_replication"

cd "$repo"
export DJANGO_SETTINGS_MODULE=bekasi_jobs.settings DJANGO_DEBUG=1 LOG_LEVEL=WARNING MEDIA_ROOT="$dir/media"
export DATABASE_URL=postgres://postgres@127.0.0.1:5442/bekasi
.venv/bin/python manage.py migrate --noinput >/dev/null
.venv/bin/python manage.py seed_demo >/dev/null
sleep 1
export DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5443/bekasi
lines_before=$(wc -l < "$dir/replica.log")
.venv/bin/python - <<'PY'
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connections
from django.test.utils import setup_test_environment

setup_test_environment()  # so that the response carries its template context

client = Client(SERVER_NAME="localhost")
member = get_user_model().objects.get(email="tkp3d@demo.bekasikab.go.id")
client.force_login(member)  # a write: the session row, on the primary
with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as replica:
    response = client.get("/dasbor/")
print("dashboard", response.status_code, "accounts shown:", response.context["account_count"])
print(f"queries on the primary: {len(primary.captured_queries)}; on the replica: {len(replica.captured_queries)}")
for q in replica.captured_queries:
    print("  replica:", q["sql"][:110])
PY
echo "--- the standby's own log (statements it ran while the page was served):"
tail -n +"$((lines_before + 1))" "$dir/replica.log" | grep -o 'statement: SELECT .*' | cut -c1-120 || true
