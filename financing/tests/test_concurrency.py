"""An approval and a withdrawal clicked at the same moment, on PostgreSQL with real threads."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from core.models import AuditLog
from financing import services
from financing.models import Application
from financing.tests.factories import ApplicationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
S = Application.Status


def _both_at_once(*works):
    barrier = threading.Barrier(len(works))
    results = [None] * len(works)

    def run(i):
        try:
            barrier.wait()
            results[i] = works[i]()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("round_", range(3))
def test_approve_and_withdraw_at_the_same_moment_leave_exactly_one_outcome(round_, officer, product):
    application = ApplicationFactory(product=product, status=S.SENT)
    seeker_user = application.seeker.user

    def approve():
        return services.application_decide(
            application=application, decision="approve", amount=Decimal(5_000_000), rate=Decimal(6), tenor=12,
            actor=officer,
        )  # fmt: skip

    def withdraw():
        return services.application_withdraw(application=application, actor=seeker_user, seen_status=S.SENT)

    results = _both_at_once(approve, withdraw)
    won = [r for r in results if isinstance(r, Application)]
    lost = [r for r in results if isinstance(r, services.FinancingError)]
    assert len(won) == 1 and len(lost) == 1, results
    application.refresh_from_db()
    assert application.status == won[0].status in (S.APPROVED, S.WITHDRAWN)
    moves = AuditLog.objects.filter(object_id=application.pk, content_type__model="application").exclude(to_status="")
    assert list(moves.values_list("to_status", flat=True)) == [application.status]
