from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.statistics, name="index"),
    path("data.json", views.statistics_json, name="json"),
    path("data.csv", views.statistics_csv, name="csv"),
]
