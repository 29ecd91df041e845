from django.shortcuts import render

from core.models import Kecamatan


def baseline(request):
    """The bare-Django baseline: one query over 20 rows, a ~20 KB page from a plain template."""
    rows = list(Kecamatan.objects.order_by("code").values("code", "name")[:20])
    return render(request, "bench/baseline.html", {"rows": rows})
