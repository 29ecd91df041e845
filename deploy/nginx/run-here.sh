#!/usr/bin/env bash
# Start Debian's nginx with the repository's site (behind-LB variant) in a private prefix, without
# touching /etc/nginx: for deploy/try-here.sh and `bench/run.py --nginx`.
#   deploy/nginx/run-here.sh PREFIX LISTEN_PORT UPSTREAM        (stop: nginx -p PREFIX -s quit)
# The main nginx.conf written here has the settings of Debian's /etc/nginx/nginx.conf that matter
# (sendfile, gzip, worker count); in production the site is included by that file instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
prefix="$1" port="$2" upstream="$3"
mkdir -p "$prefix"/{logs,tmp}
BEKASI_LISTEN="127.0.0.1:$port" BEKASI_UPSTREAM="$upstream" BEKASI_SERVER_NAME=_ \
BEKASI_STATIC_ROOT="${BEKASI_STATIC_ROOT:-$repo/staticfiles}" BEKASI_TRUSTED_PROXIES=127.0.0.1 \
BEKASI_ACCESS_LOG="$prefix/logs/access.log" \
  "$here/render.sh" "$here/bekasi-jobs-behind-lb.conf.template" > "$prefix/site.conf"
cat > "$prefix/nginx.conf" <<CONF
worker_processes auto;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    server_tokens off;
    gzip on;
    gzip_types text/css application/javascript application/json image/svg+xml text/plain;
    client_body_temp_path $prefix/tmp/body;
    proxy_temp_path $prefix/tmp/proxy;
    fastcgi_temp_path $prefix/tmp/fastcgi;
    uwsgi_temp_path $prefix/tmp/uwsgi;
    scgi_temp_path $prefix/tmp/scgi;
    include $prefix/site.conf;
}
CONF
nginx -t -q -p "$prefix" -c "$prefix/nginx.conf"
nginx -p "$prefix" -c "$prefix/nginx.conf"
