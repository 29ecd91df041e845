# The two commands of the README: `make run` (portal on SQLite, demo data) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1:8000

.PHONY: run test serve worker beat lint audit messages vendor css clean bench

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST)

test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

# The portal as production runs it: DEBUG off, static files collected and compressed, gunicorn
# with deploy/gunicorn.conf.py, against the configured database (README "Production server").
# Needs DJANGO_SECRET_KEY and ALLOWED_HOSTS; e.g. for a try on plain HTTP:
#   DJANGO_SECRET_KEY=... ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE=0 make serve
serve: $(VENV)/.installed
	env -u DJANGO_DEBUG $(PY) manage.py migrate --noinput
	env -u DJANGO_DEBUG $(PY) manage.py collectstatic --noinput --verbosity 0
	env -u DJANGO_DEBUG $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py bekasi_jobs.wsgi

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A bekasi_jobs worker --beat --loglevel=INFO

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Known vulnerabilities of the pinned requirements (pip-audit against PyPI's advisories).
audit: $(VENV)/.installed
	$(PY) scripts/audit_requirements.py

messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l id -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore="*/tests/*"
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

# Rebuild the vendored CSS from the npm lock file (committed; `make run` needs no Node): Bootstrap
# from its Sass sources with the regency palette and only the components in use
# (assets/scss/bootstrap-bekasi.scss). No Bootstrap JavaScript: static/js/site.js does collapse.
vendor: node_modules/.package-lock.json css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

css:
	node_modules/.bin/sass --quiet --no-source-map --style=compressed assets/scss/bootstrap-bekasi.scss \
		static/vendor/bootstrap/css/bootstrap.min.css
	cp node_modules/bootstrap/LICENSE static/vendor/bootstrap/LICENSE
	# axe-core for the accessibility browser test only (never served by the portal).
	test ! -d node_modules/axe-core || cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# Load test against PostgreSQL + Redis holding a seed_scale data set (README, "Speed under load").
# E.g.: DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/3 make bench BENCH_ARGS="--rounds 3"
bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)
