"""The portal's URLs plus test-only views (used with `@pytest.mark.urls("tests.urls")`)."""

from django.urls import include, path

from bekasi_jobs.urls import urlpatterns as portal_urlpatterns

urlpatterns = [
    path("toy/", include("tests.toyapp.urls")),
    *portal_urlpatterns,
]
