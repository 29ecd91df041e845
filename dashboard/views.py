from django.contrib.auth import get_user_model
from django.shortcuts import render

from accounts.decorators import staff_permission_required
from core.models import Kecamatan
from core.replica import reads_from_replica


@staff_permission_required("accounts.view_tkp3d_dashboard")
@reads_from_replica
def index(request):
    User = get_user_model()
    context = {
        "kecamatan_count": Kecamatan.objects.count(),
        "account_count": User.objects.filter(is_staff=False, groups__isnull=True).count(),
    }
    return render(request, "dashboard/index.html", context)
