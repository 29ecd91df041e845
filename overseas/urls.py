from django.urls import path

from . import views

app_name = "overseas"

urlpatterns = [
    path("", views.index, name="index"),
    path("angkatan/<int:pk>/", views.intake_detail, name="intake"),
    path("angkatan/<int:pk>/daftar/", views.apply, name="apply"),
    path("saya/", views.my_candidacy, name="my_candidacy"),
    path("saya/<int:pk>/mundur/", views.withdraw, name="withdraw"),
    # Staff pages: Disnaker, and sending organisations for their own candidates.
    path("staf/", views.staff_home, name="staff_home"),
    path("staf/angkatan/<int:pk>/", views.staff_intake, name="staff_intake"),
    path("staf/angkatan/<int:pk>/tahap/<int:stage_pk>/", views.staff_stage, name="staff_stage"),
    path("staf/angkatan/<int:pk>/tahap/<int:stage_pk>/lembar.xlsx", views.staff_stage_sheet, name="staff_stage_sheet"),
    path("staf/kandidat/", views.staff_candidates, name="staff_candidates"),
    path("staf/kandidat/ekspor.csv", views.staff_export, {"fmt": "csv"}, name="staff_export_csv"),
    path("staf/kandidat/ekspor.xlsx", views.staff_export, {"fmt": "xlsx"}, name="staff_export_xlsx"),
    path("staf/kandidat/<int:pk>/", views.staff_candidacy, name="staff_candidacy"),
    path("staf/penempatan-jepang/", views.staff_deployments, name="staff_deployments"),
    path("staf/purna/", views.staff_returnees, name="staff_returnees"),
]
