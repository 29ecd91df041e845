from django.contrib.auth import views as auth_views
from django.urls import path

from . import otp_views, views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("verifikasi/", otp_views.otp_verify, name="otp_verify"),
    path("verifikasi/daftar/", otp_views.otp_enrol, name="otp_enrol"),
    path("setelah-masuk/", views.after_login, name="after_login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("lupa-sandi/", views.password_reset, name="password_reset"),
    path("lupa-sandi/kode/", views.password_reset_code, name="password_reset_code"),
    path("nomor-hp/", views.verify_phone, name="verify_phone"),
    path(
        "lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("atur-sandi/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "atur-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
