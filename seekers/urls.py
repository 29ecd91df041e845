from django.urls import path

from . import views

app_name = "seekers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("daftar/", views.register, name="register"),
    path("profil/data-diri/", views.profile_personal, name="profile_personal"),
    path("profil/pendidikan/", views.profile_education, name="profile_education"),
    path("profil/pengalaman/", views.profile_experience, name="profile_experience"),
    path("profil/keahlian/", views.profile_skills, name="profile_skills"),
    path("profil/preferensi/", views.profile_preferences, name="profile_preferences"),
    path("profil/dokumen/", views.profile_documents, name="profile_documents"),
    path("dokumen/<int:pk>/", views.document, name="document"),
    path("dokumen/<int:pk>/thumb/", views.document, {"thumbnail": True}, name="document_thumbnail"),
    path("kartu/", views.card, name="card"),
    path("kartu/terbitkan/", views.card_issue, name="card_issue"),
    path("kartu/<int:pk>/pdf/", views.card_pdf, name="card_pdf"),
    path("kartu/lapor/", views.card_report, name="card_report"),
    path("kartu/v/<uuid:token>/", views.card_verify, name="card_verify"),
    path("data-saya/", views.my_data, name="my_data"),
    path("hapus-akun/", views.deletion_request, name="deletion_request"),
]
