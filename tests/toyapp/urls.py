from django.urls import path

from . import views

app_name = "toyapp"

urlpatterns = [
    path("tickets/<int:pk>/approve/", views.approve, name="approve"),
]
