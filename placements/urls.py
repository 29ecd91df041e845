from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("", views.index, name="index"),
    path("lowongan/<int:pk>/lamar/", views.apply, name="apply"),
    path("saya/lamaran/", views.my_applications, name="my_applications"),
    path("lamaran/<int:pk>/mundur/", views.withdraw, name="withdraw"),
    path("saya/pekerjaan/", views.my_placements, name="my_placements"),
    path("tindak-lanjut/<uuid:token>/", views.follow_up, name="follow_up"),
    path("bukti/<int:pk>/", views.evidence, name="evidence"),
    path("lapor-calo/", views.broker_report, name="broker_report"),
    # Employer pages: one company's vacancies, applicants and hires.
    path("perusahaan/daftar/", views.employer_request, name="employer_request"),
    path("perusahaan/", views.employer_home, name="employer_home"),
    path("perusahaan/lowongan/baru/", views.employer_vacancy_edit, name="employer_vacancy_new"),
    path("perusahaan/lowongan/<int:pk>/", views.employer_vacancy, name="employer_vacancy"),
    path("perusahaan/lowongan/<int:pk>/ubah/", views.employer_vacancy_edit, name="employer_vacancy_edit"),
    path("perusahaan/lowongan/<int:pk>/kirim/", views.employer_vacancy_submit, name="employer_vacancy_submit"),
    path("perusahaan/lowongan/<int:pk>/tutup/", views.employer_vacancy_close, name="employer_vacancy_close"),
    path("perusahaan/lowongan/<int:pk>/pelamar.csv", views.employer_export, name="employer_export"),
    path("perusahaan/pelamar/<int:pk>/", views.employer_application, name="employer_application"),
    path("perusahaan/pelamar/<int:pk>/keputusan/", views.employer_decide, name="employer_decide"),
    path("perusahaan/penempatan/", views.employer_placements, name="employer_placements"),
    path("perusahaan/penempatan/<int:pk>/bukti/", views.employer_evidence, name="employer_evidence"),
    path("kinerja/perusahaan/<int:pk>.pdf", views.performance_pdf, name="performance_pdf"),
    # Partner institutions: placements of their own graduates.
    path("mitra/", views.partner_placements, name="partner_placements"),
    # Disnaker: propose matching seekers for a vacancy.
    path("staf/lowongan/<int:pk>/usulkan/", views.propose, name="propose"),
]
