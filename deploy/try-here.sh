#!/usr/bin/env bash
# Try the plain-server deployment on this machine without systemd or Docker: run the ExecStart
# command of each unit in deploy/systemd (with /srv/bekasi-jobs replaced by this checkout and
# systemd's %i/%%h/${...} filled in), then nginx with the repository's site, and check
# /healthz through nginx.
#   deploy/try-here.sh start     # needs DATABASE_URL, REDIS_URL; ports from WEB_PORT/NGINX_PORT
#   deploy/try-here.sh stop
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${TRY_STATE:-/tmp/bekasi-try-here}"
web_port="${WEB_PORT:-8160}" nginx_port="${NGINX_PORT:-8161}"

unit_command() {  # unit file, instance -> its ExecStart, as a shell command line
  local line
  line="$(sed -n 's/^ExecStart=//p' "$repo/deploy/systemd/$1")"
  line="${line//\/srv\/bekasi-jobs/$repo}"
  line="${line//%%h/$(hostname)}"
  line="${line//%i/$2}"
  line="${line//\$\{CELERY_CONCURRENCY\}/${CELERY_CONCURRENCY:-1}}"
  line="${line//\$\{STATE_DIRECTORY\}/$state}"
  printf '%s' "$line"
}

start() {
  mkdir -p "$state"
  : "${DATABASE_URL:?set DATABASE_URL}" "${REDIS_URL:?set REDIS_URL}"
  export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-try-here-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')}"
  export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}" DJANGO_BEHIND_PROXY=1 AXES_IP_HEADERS=HTTP_X_REAL_IP
  export GUNICORN_BIND="127.0.0.1:$web_port" GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
  export MEDIA_ROOT="${MEDIA_ROOT:-$state/media}" LOG_LEVEL="${LOG_LEVEL:-INFO}"
  cd "$repo"
  .venv/bin/python manage.py migrate --noinput >/dev/null
  .venv/bin/python manage.py collectstatic --noinput >/dev/null
  # ExecStartPre of bekasi-web.service
  .venv/bin/python manage.py check --deploy --fail-level ERROR
  launch web "$(unit_command bekasi-web.service '')"
  for queue in notifications celery reports imports; do
    launch "worker-$queue" "$(unit_command bekasi-worker@.service "$queue")"
  done
  launch beat "$(unit_command bekasi-beat.service '')"
  for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$web_port/healthz" -H 'X-Forwarded-Proto: https' && break; sleep 0.2; done
  "$repo/deploy/nginx/run-here.sh" "$state/nginx" "$nginx_port" "127.0.0.1:$web_port"
  echo "--- through nginx: GET /healthz (as the load balancer would, X-Forwarded-Proto: https)"
  curl -s -w '\nHTTP %{http_code}\n' "http://127.0.0.1:$nginx_port/healthz" -H 'X-Forwarded-Proto: https'
}

launch() {  # name, command line: started in its own session, pid and log under $state
  echo "start $1: $2"
  setsid bash -c "exec $2" >"$state/$1.log" 2>&1 < /dev/null &
  echo $! > "$state/$1.pid"
}

stop() {
  if [ -f "$state/nginx/nginx.pid" ]; then nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -s quit || true; fi
  for pidfile in "$state"/*.pid; do
    [ -e "$pidfile" ] || continue
    kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
