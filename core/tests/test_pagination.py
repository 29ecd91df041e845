import pytest
from django.db import connection

from core.models import AuditLog
from core.pagination import LargeTablePaginator
from core.services import audit


def _rows(n, actor):
    for _ in range(n):
        audit(actor=actor, obj=actor, action="viewed_nik")


def test_filtered_lists_are_counted_exactly(disnaker_staff):
    _rows(7, disnaker_staff)
    paginator = LargeTablePaginator(AuditLog.objects.filter(action="viewed_nik"), 50)
    paginator.estimate_above = 0
    assert paginator.count == 7


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_unfiltered_big_table_is_counted_from_the_statistics_not_by_count(disnaker_staff, django_assert_num_queries):
    _rows(40, disnaker_staff)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_auditlog")
    paginator = LargeTablePaginator(AuditLog.objects.order_by("-pk"), 50)
    paginator.estimate_above = 10
    with django_assert_num_queries(1) as queries:
        assert paginator.count == 40
    assert "reltuples" in queries.captured_queries[0]["sql"]
    assert "COUNT" not in queries.captured_queries[0]["sql"].upper()
