"""Thin Celery tasks: ids in, the work in report.py and services.py."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import figures, rendering, report, services, summaries
from .filters import Filters
from .models import MeetingReport

logger = logging.getLogger(__name__)


@shared_task(name=services.BUILD_TASK, ignore_result=True, acks_late=True, time_limit=600)
def build_report(report_id):
    meeting_report = MeetingReport.objects.filter(pk=report_id, status=MeetingReport.Status.PENDING).first()
    if meeting_report is None:  # delivered twice, or already failed: nothing to do
        return None
    try:
        with translation.override(meeting_report.language):
            pdf = report.meeting_report_pdf(Filters(**meeting_report.filters))
    except Exception as exc:
        logger.exception("dashboard: report %s failed", report_id)
        services.report_fail(report=meeting_report, reason=type(exc).__name__)
        raise
    services.report_finish(report=meeting_report, pdf=pdf)
    return report_id


@shared_task(name="dashboard.refresh_summary", ignore_result=True, time_limit=900)
def refresh_summary():
    """Beat, every `summaries.REFRESH_MINUTES`: rebuild the summary every figure is read from,
    then compute the view everybody opens first (this year, no filters; /statistik/ uses it too)."""
    run = summaries.refresh()
    warm_cache()
    return run.rows


def warm_cache():
    filters = Filters.default()
    figures.figures(filters, fresh=True)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            rendering.content_html(filters, fresh=True)
    return filters.data_key()
