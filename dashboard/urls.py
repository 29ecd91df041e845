from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("ekspor.xlsx", views.export_xlsx, name="export_xlsx"),
    path("laporan.pdf", views.report_pdf, name="report_pdf"),
    path("laporan/minta/", views.report_request, name="report_request"),
    path("laporan/<int:pk>/", views.report_download, name="report_download"),
]
