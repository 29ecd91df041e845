from django.shortcuts import render

from accounts.decorators import staff_permission_required


def catalogue(request):
    return render(request, "trainings/catalogue.html")


@staff_permission_required("accounts.access_partner_portal")
def partner_home(request):
    return render(request, "trainings/partner_home.html")
