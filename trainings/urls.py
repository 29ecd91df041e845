from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mitra/", views.partner_home, name="partner_home"),
]
