"""
WSGI config for bekasi_jobs project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bekasi_jobs.settings")

django_application = get_wsgi_application()  # sets Django up: only then can project modules load

from core.middleware import reject_malformed_headers  # noqa: E402 - needs the apps loaded

# Django builds its request object before any middleware runs, and a control character in the
# Content-Type's charset makes that construction raise (a 500 nothing can catch): refused here.
application = reject_malformed_headers(django_application)
