from django.urls import path

from . import views

app_name = "financing"

urlpatterns = [
    path("", views.index, name="index"),
    path("simulasi/", views.simulator, name="simulator"),
    path("produk/<int:pk>/", views.product, name="product"),
    path("produk/<int:pk>/ajukan/", views.apply, name="apply"),
    path("saya/", views.my_applications, name="my_applications"),
    path("saya/<int:pk>/", views.my_application, name="my_application"),
    path("saya/<int:pk>/rincian/", views.my_terms, name="my_terms"),
    path("saya/<int:pk>/dokumen/", views.my_document, name="my_document"),
    path("saya/<int:pk>/kirim/", views.my_submit, name="my_submit"),
    path("saya/<int:pk>/penawaran/", views.my_offer, name="my_offer"),
    path("saya/<int:pk>/batal/", views.my_withdraw, name="my_withdraw"),
    path("berkas/<int:pk>/dokumen/<int:doc>/", views.document, name="document"),
    path("staf/", views.staff_queue, name="staff_queue"),
    path("staf/portofolio/", views.staff_portfolio, name="staff_portfolio"),
    path("staf/ekspor/", views.staff_export, name="staff_export"),
    path("staf/<int:pk>/", views.staff_application, name="staff_application"),
    path("staf/<int:pk>/verifikasi/", views.staff_verify, name="staff_verify"),
    path("staf/<int:pk>/kembalikan/", views.staff_return, name="staff_return"),
    path("staf/<int:pk>/kirim-ke-bank/", views.staff_send, name="staff_send"),
    path("bank/", views.bank_home, name="bank_home"),
    path("bank/angsuran/", views.bank_repayments, name="bank_repayments"),
    path("bank/ekspor/", views.bank_export, name="bank_export"),
    path("bank/<int:pk>/", views.bank_application, name="bank_application"),
    path("bank/<int:pk>/keputusan/", views.bank_decide, name="bank_decide"),
    path("bank/<int:pk>/konfirmasi/", views.bank_confirm, name="bank_confirm"),
    path("bank/<int:pk>/pencairan/", views.bank_disburse, name="bank_disburse"),
    path("bank/<int:pk>/hapus-buku/", views.bank_write_off, name="bank_write_off"),
    path("mitra/", views.partner_fees, name="partner_fees"),
]
