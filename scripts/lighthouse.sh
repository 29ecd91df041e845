#!/usr/bin/env bash
# Lighthouse (mobile, the npm package pinned in package.json) on the home page, the training
# catalogue, registration and login, against the portal as production runs it (DEBUG off,
# collectstatic with WhiteNoise compression, gunicorn). README "Phone first" has the figures.
#   DATABASE_URL=postgres://... REDIS_URL=redis://... PORT=8201 scripts/lighthouse.sh
# Needs `npm ci` (node_modules/.bin/lighthouse) and Chromium (CHROME_PATH, default /usr/bin/chromium).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
port="${PORT:-8201}" out="${OUT:-/tmp/bekasi-lighthouse}"
mkdir -p "$out"
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-lighthouse-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"
export ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE=0 GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS=2
env -u DJANGO_DEBUG .venv/bin/python manage.py migrate --noinput >/dev/null
DJANGO_DEBUG=1 .venv/bin/python manage.py seed_demo >/dev/null
env -u DJANGO_DEBUG .venv/bin/python manage.py collectstatic --noinput --verbosity 0
env -u DJANGO_DEBUG .venv/bin/gunicorn --config deploy/gunicorn.conf.py bekasi_jobs.wsgi >"$out/gunicorn.log" 2>&1 &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
for page in "/" "/pelatihan/" "/pencari-kerja/daftar/" "/akun/masuk/"; do
  name="$(echo "$page" | tr -c 'a-z0-9\n' '_' | sed 's/^_*$/home/')"
  CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node_modules/.bin/lighthouse "http://127.0.0.1:$port$page" \
    --quiet --only-categories=performance,accessibility,best-practices,seo --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" --output=json --output-path="$out/$name.json"
  node -e '
    const r = require(process.argv[1]); const c = r.categories; const a = r.audits;
    const weight = a["total-byte-weight"].numericValue;
    console.log(process.argv[2].padEnd(24), "perf", Math.round(c.performance.score*100), "a11y", Math.round(c.accessibility.score*100),
      "bp", Math.round(c["best-practices"].score*100), "seo", Math.round(c.seo.score*100),
      "LCP", Math.round(a["largest-contentful-paint"].numericValue), "ms", "weight", (weight/1024).toFixed(1), "KiB");
  ' "$out/$name.json" "$page"
done
