"""Writes of the dashboard app: targets (with history) and meeting reports. Nothing here writes
another app's tables."""

import logging
import uuid

from celery import current_app
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from core.services import audit
from core.workflow import transition
from notifications.services import notify

from . import figures
from .models import MeetingReport, Target, TargetRevision

REPORT_READY = "dashboard.report_ready"
BUILD_TASK = "dashboard.build_report"  # published by name: tasks import this module, not the reverse

logger = logging.getLogger(__name__)


def target_save(*, target: Target, actor, note: str = "") -> Target:
    """Create or change a target, keeping its history and an audit row. Cached figures are
    forgotten after commit, so the dashboard shows the new target at once."""
    target.full_clean()
    with transaction.atomic():
        old_value = None
        if target.pk:
            old_value = Target.objects.select_for_update().values_list("value", flat=True).get(pk=target.pk)
        target.updated_by = actor if actor is not None and actor.is_authenticated else None
        target.save()
        if old_value is None or old_value != target.value:
            TargetRevision.objects.create(
                target=target, old_value=old_value, new_value=target.value, note=note or target.note,
                changed_by=target.updated_by,
            )  # fmt: skip
        audit(actor=actor, obj=target, action="target_saved", reason=f"{old_value} → {target.value}")
        transaction.on_commit(figures.invalidate)
    return target


def report_request(*, user, filters: dict) -> MeetingReport:
    """Record the request; the `dashboard.build_report` task builds the PDF after commit."""
    with transaction.atomic():
        report = MeetingReport.objects.create(
            requested_by=user, filters=filters, language=translation.get_language() or "id"
        )
        audit(actor=user, obj=report, action="report_requested")
        transaction.on_commit(lambda: _publish(report.pk))
    return report


def _publish(report_id: int):
    try:
        current_app.signature(BUILD_TASK, args=(report_id,)).apply_async(retry=False)
    except Exception as exc:  # noqa: BLE001 - a broker outage: the request stays pending, the page says so
        if current_app.conf.task_always_eager:
            raise
        logger.warning("dashboard: could not queue report %s (%s)", report_id, type(exc).__name__)


def report_finish(*, report: MeetingReport, pdf: bytes) -> MeetingReport:
    """Store the PDF, mark the report ready and tell the requester, in one transaction."""
    with transaction.atomic():
        report.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(pdf), save=False)
        report = transition(report, MeetingReport.Status.READY, actor=None, updates={"file": report.file.name})
        notify(
            user=report.requested_by,
            event=REPORT_READY,
            context={"url": report.get_absolute_url(), "created_at": report.created_at},
            key=f"report-{report.pk}",
        )
    return report


def report_fail(*, report: MeetingReport, reason: str) -> MeetingReport:
    return transition(report, MeetingReport.Status.FAILED, actor=None, reason=reason[:255])
