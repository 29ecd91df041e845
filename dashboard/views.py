from django.contrib.auth import get_user_model
from django.db.models import Count
from django.shortcuts import render

from accounts.decorators import staff_permission_required
from core.replica import reads_from_replica


@staff_permission_required("accounts.view_tkp3d_dashboard")
@reads_from_replica
def index(request):
    # Job seekers as defined once (User.objects.job_seekers()); the kecamatan reached are those
    # where at least one of them lives (NULL, outside Kabupaten Bekasi, is not counted). One query.
    figures = get_user_model().objects.job_seekers().aggregate(
        account_count=Count("pk"), kecamatan_count=Count("seeker__domicile_kecamatan", distinct=True)
    )
    return render(request, "dashboard/index.html", figures)
