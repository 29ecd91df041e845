"""The TKP3D dashboard, its exports and meeting reports, and the public statistics.

Aggregates only: no page here shows a name, a NIK or anything else about one person, and every
count of 1-4 people is suppressed (see suppression.py), in the exports and open data too.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import staff_permission_required
from accounts.roles import Role
from core.exports import csv_response
from core.replica import reads_from_replica

from . import exports, public, rendering, report, selectors, services
from .figures import figures as compute
from .filters import FilterForm, from_request
from .models import MeetingReport

DASHBOARD_PERMISSION = "accounts.view_tkp3d_dashboard"
# A meeting report of up to a quarter is drawn while the person waits; longer periods go to a task.
SYNC_REPORT_MAX_DAYS = 92


def dashboard_required(view):
    """TKP3D members and Disnaker staff (their roles carry DASHBOARD_PERMISSION) are let in on the
    role groups the navbar reads anyway; anyone else with the permission (given to one account,
    a superuser) through the permission check and its queries. Anonymous people go to the login
    page, others get 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        by_role = user.is_active and (user.has_role(Role.TKP3D) or user.has_role(Role.DISNAKER))
        if not by_role and not user.has_perm(DASHBOARD_PERMISSION):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@dashboard_required
@reads_from_replica
def index(request):
    # The content as rendered for these very parameters (and language, day, summary version):
    # a cached view costs the page around it only.
    key = rendering.request_key(request)
    content, version = rendering.cached_content(key) if key else (None, None)
    if content is None:
        filters, problems = from_request(request)
        # "Refresh" (?refresh=1) recomputes the figures now instead of waiting for the cache to expire.
        content = rendering.content_html(filters, problems, fresh=request.GET.get("refresh") == "1")
        if key:
            rendering.keep_content(key, version, content)
    return render(request, "dashboard/index.html", {"content": content})


@staff_permission_required(DASHBOARD_PERMISSION)
@reads_from_replica
def export_xlsx(request):
    filters, _problems = from_request(request)
    return exports.xlsx(compute(filters), filters)


@staff_permission_required(DASHBOARD_PERMISSION)
@reads_from_replica
def report_pdf(request):
    """A small period is drawn at once; a longer one is built by a task and announced in the
    requester's notifications inbox."""
    filters, _problems = from_request(request)
    if filters.days <= SYNC_REPORT_MAX_DAYS:
        response = HttpResponse(report.meeting_report_pdf(filters), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="laporan-tkp3d-{filters.data_key().replace(":", "-")}.pdf"'
        )
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "dashboard/report_confirm.html", {"filters": filters, "querystring": filters.querystring()})


@require_POST
@staff_permission_required(DASHBOARD_PERMISSION)
def report_request(request):
    form = FilterForm(request.POST)
    filters, problems = form.filters()
    if problems:
        messages.error(request, " ".join(problems))
        return redirect(reverse("dashboard:index") + "?" + filters.querystring())
    services.report_request(user=request.user, filters=selectors.report_filters(filters))
    messages.success(
        request,
        _("The meeting report is being prepared. You will find it in your notifications when it is ready."),
    )
    return redirect(reverse("dashboard:index") + "?" + filters.querystring())


@staff_permission_required(DASHBOARD_PERMISSION)
def report_download(request, pk):
    meeting_report = get_object_or_404(MeetingReport, pk=pk, requested_by=request.user)
    if meeting_report.status != MeetingReport.Status.READY or not meeting_report.file:
        raise Http404
    response = FileResponse(meeting_report.file.open("rb"), as_attachment=True, filename=f"laporan-tkp3d-{pk}.pdf")
    response["Cache-Control"] = "no-store"
    return response


# --- Public statistics (no login) ------------------------------------------------------------------


@reads_from_replica
def statistics(request):
    data, year, problems = public.for_request(request)
    return render(request, "dashboard/statistics.html", {"content": rendering.statistics_html(data, year, problems)})


@reads_from_replica
def statistics_json(request):
    data, year, _problems = public.for_request(request)
    response = JsonResponse(public.as_json(data, year), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@reads_from_replica
def statistics_csv(request):
    data, year, _problems = public.for_request(request)
    response = csv_response(f"statistik-bekasi-kerja-{year}", public.CSV_HEADER, public.as_rows(data, year))
    response["Access-Control-Allow-Origin"] = "*"
    return response
