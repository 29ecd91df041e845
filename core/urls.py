from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("istilah-status/", views.status_glossary, name="status_glossary"),
    path("kebijakan-privasi/", views.privacy, name="privacy"),
    # Browsers and crawlers ask for it without reading the page's <link rel="icon">.
    path("favicon.ico", views.favicon, name="favicon"),
]
