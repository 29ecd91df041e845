# One image for every service of compose.yaml: web (gunicorn), worker, beat, and the one-off
# jobs (migrate, backup). Static files are collected and compressed at build time; nginx gets
# them from the shared `static` volume (see compose.yaml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# pg_dump/pg_restore for `manage.py backup`/`restore` (the server is PostgreSQL 15).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 gettext \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /home/bekasi --uid 10001 bekasi

WORKDIR /app
COPY requirements.txt constraints.txt ./
RUN python -m pip install -r requirements.txt -c constraints.txt

COPY . .
# Build-time only settings: collectstatic and compilemessages need a key but no services.
RUN DJANGO_SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput --verbosity 0 \
 && DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv --verbosity 0 \
 && mkdir -p /app/media && chown bekasi:bekasi /app/media

USER bekasi
EXPOSE 8000
ENV GUNICORN_BIND=0.0.0.0:8000
# Liveness: the process answers (readiness, for a load balancer, is /readyz). The Host header is
# the first allowed host, the scheme the one nginx forwards.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os, urllib.request as u; host = os.environ['ALLOWED_HOSTS'].split(',')[0]; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'X-Forwarded-Proto': 'https', 'Host': host}), timeout=4)"
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "bekasi_jobs.wsgi"]
