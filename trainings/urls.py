from django.urls import path

from . import views

app_name = "trainings"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("program/<int:pk>/", views.program_detail, name="program"),
    path("angkatan/<int:pk>/daftar/", views.apply, name="apply"),
    path("saya/", views.my_trainings, name="my_trainings"),
    path("pendaftaran/<int:pk>/mundur/", views.withdraw, name="withdraw"),
    path("sertifikat/<int:pk>/unduh/", views.certificate_pdf, name="certificate_pdf"),
    path("sertifikat/cek/<uuid:token>/", views.certificate_verify, name="certificate_verify"),
    # Partner pages: one provider's batches, applicants and trainees.
    path("mitra/", views.partner_home, name="partner_home"),
    path("mitra/angkatan/<int:pk>/", views.partner_batch, name="partner_batch"),
    path("mitra/angkatan/<int:pk>/keputusan/", views.partner_decide, name="partner_decide"),
    path("mitra/angkatan/<int:pk>/mulai/", views.partner_batch_start, name="partner_batch_start"),
    path("mitra/angkatan/<int:pk>/selesai/", views.partner_batch_finish, name="partner_batch_finish"),
    path("mitra/angkatan/<int:pk>/ekspor.csv", views.partner_export, {"fmt": "csv"}, name="partner_export_csv"),
    path("mitra/angkatan/<int:pk>/ekspor.xlsx", views.partner_export, {"fmt": "xlsx"}, name="partner_export_xlsx"),
    path("mitra/angkatan/<int:pk>/sesi/", views.partner_sessions, name="partner_sessions"),
    path("mitra/sesi/<int:pk>/", views.partner_attendance, name="partner_attendance"),
    path("mitra/peserta/<int:pk>/", views.partner_enrolment, name="partner_enrolment"),
    path("mitra/peserta/<int:pk>/nilai/", views.partner_scores, name="partner_scores"),
    path("mitra/peserta/<int:pk>/lulus/", views.partner_complete, name="partner_complete"),
    path("mitra/peserta/<int:pk>/keluar/", views.partner_drop, name="partner_drop"),
    path("mitra/peserta/<int:pk>/usaha/", views.partner_outcome, name="partner_outcome"),
]
