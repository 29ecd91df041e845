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
    LargeTablePaginator.forget_estimates()
    paginator = LargeTablePaginator(AuditLog.objects.order_by("-pk"), 50)
    paginator.estimate_above = 10
    with django_assert_num_queries(1) as queries:
        assert paginator.count == 40
    assert "reltuples" in queries.captured_queries[0]["sql"]
    assert "COUNT" not in queries.captured_queries[0]["sql"].upper()
    # The next pages within a minute: the estimate from the worker's memory, no query.
    _rows(5, disnaker_staff)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_auditlog")
    later = LargeTablePaginator(AuditLog.objects.order_by("-pk"), 50)
    later.estimate_above = 10
    with django_assert_num_queries(0):
        assert later.count == 40
    LargeTablePaginator.forget_estimates()  # a minute later
    again = LargeTablePaginator(AuditLog.objects.order_by("-pk"), 50)
    again.estimate_above = 10
    with django_assert_num_queries(1):
        assert again.count == 45


def test_ids_first_pagination_reads_the_page_ids_then_those_rows_in_order(db, django_assert_num_queries):
    from core.models import Kecamatan
    from core.pagination import IdsFirstPaginator

    ordered = Kecamatan.objects.order_by("name")
    paginator = IdsFirstPaginator(ordered, 10, rows=lambda ids: Kecamatan.objects.filter(pk__in=ids), count=23)
    with django_assert_num_queries(2):  # the ids of page 2, then those rows (the count was given)
        page = paginator.get_page(2)
        names = [k.name for k in page]
    assert names == [k.name for k in ordered[10:20]] and paginator.num_pages == 3 and page.has_next()


def test_short_lists_are_paged_without_a_count_and_long_ones_with_one(db, django_assert_num_queries):
    from core.models import Kecamatan
    from core.pagination import ShortListPaginator

    with django_assert_num_queries(1):  # 23 rows fit in a page of 30: one query, count known
        page = ShortListPaginator(Kecamatan.objects.order_by("code"), 30).get_page(None)
        assert len(page) == 23 and page.paginator.count == 23 and not page.has_next()
    with django_assert_num_queries(3):  # more than a page: the probe, the COUNT, the page
        page = ShortListPaginator(Kecamatan.objects.order_by("code"), 10).get_page("1")
        assert len(page) == 10 and page.paginator.count == 23 and page.has_next()
    last = ShortListPaginator(Kecamatan.objects.order_by("code"), 10).get_page("9")  # out of range: the last
    assert last.number == 3 and len(last) == 3
