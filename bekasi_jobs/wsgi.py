"""
WSGI config for bekasi_jobs project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bekasi_jobs.settings")

from core.middleware import reject_malformed_headers  # noqa: E402 - after the settings module is chosen

# Django builds its request object before any middleware runs, and a control character in the
# Content-Type's charset makes that construction raise (a 500 nothing can catch): refused here.
application = reject_malformed_headers(get_wsgi_application())
