from django.urls import path

from . import views

app_name = "seekers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
