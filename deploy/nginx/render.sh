#!/usr/bin/env bash
# Fill the ${BEKASI_*} placeholders of an nginx template (nginx's own $variables are left alone).
#   deploy/nginx/render.sh deploy/nginx/bekasi-jobs.conf.template > /etc/nginx/sites-available/bekasi-jobs
# Defaults suit the plain server of deploy/systemd (code in /srv/bekasi-jobs).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export BEKASI_SERVER_NAME="${BEKASI_SERVER_NAME:-kerja.bekasikab.go.id}"
export BEKASI_UPSTREAM="${BEKASI_UPSTREAM:-127.0.0.1:8000}"
export BEKASI_STATIC_ROOT="${BEKASI_STATIC_ROOT:-/srv/bekasi-jobs/staticfiles}"
export BEKASI_NGINX_DIR="${BEKASI_NGINX_DIR:-$here}"
export BEKASI_TLS_CERT="${BEKASI_TLS_CERT:-/etc/letsencrypt/live/$BEKASI_SERVER_NAME/fullchain.pem}"
export BEKASI_TLS_KEY="${BEKASI_TLS_KEY:-/etc/letsencrypt/live/$BEKASI_SERVER_NAME/privkey.pem}"
export BEKASI_LISTEN="${BEKASI_LISTEN:-80}"
export BEKASI_TRUSTED_PROXIES="${BEKASI_TRUSTED_PROXIES:-10.0.0.0/8}"
export BEKASI_ACCESS_LOG="${BEKASI_ACCESS_LOG:-/var/log/nginx/bekasi-jobs.access.log}"
export BEKASI_S3_UPSTREAM="${BEKASI_S3_UPSTREAM:-127.0.0.1:9000}"
envsubst '${BEKASI_SERVER_NAME} ${BEKASI_UPSTREAM} ${BEKASI_STATIC_ROOT} ${BEKASI_NGINX_DIR} ${BEKASI_TLS_CERT} ${BEKASI_TLS_KEY} ${BEKASI_LISTEN} ${BEKASI_TRUSTED_PROXIES} ${BEKASI_ACCESS_LOG} ${BEKASI_S3_UPSTREAM}' < "$1"
