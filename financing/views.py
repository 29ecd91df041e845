from django.shortcuts import render

from accounts.decorators import staff_permission_required


def index(request):
    return render(request, "financing/index.html")


@staff_permission_required("accounts.access_bank_portal")
def bank_home(request):
    return render(request, "financing/bank_home.html")
