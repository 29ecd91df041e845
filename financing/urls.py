from django.urls import path

from . import views

app_name = "financing"

urlpatterns = [
    path("", views.index, name="index"),
    path("bank/", views.bank_home, name="bank_home"),
]
