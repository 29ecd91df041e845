from django.urls import path

from bekasi_jobs.urls import urlpatterns as portal

from .views import baseline

urlpatterns = [path("__bench__/baseline/", baseline, name="bench_baseline"), *portal]
