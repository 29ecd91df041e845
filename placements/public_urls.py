"""The public addresses fixed by the regency, so that people can link to them: /lowongan/,
/lowongan/<id>/ and /lembaga/ (mounted at the root in bekasi_jobs/urls.py)."""

from django.urls import path

from . import views

app_name = "vacancies"

urlpatterns = [
    path("lowongan/", views.vacancy_list, name="list"),
    path("lowongan/<int:pk>/", views.vacancy_detail, name="detail"),
    path("lembaga/", views.register, name="register"),
]
