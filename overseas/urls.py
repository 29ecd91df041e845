from django.urls import path

from . import views

app_name = "overseas"

urlpatterns = [
    path("", views.index, name="index"),
]
