"""Admin pagination for tables that grow to millions of rows (audit trail, outbox, seekers)."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class LargeTablePaginator(Paginator):
    """For an unfiltered list of a big table, the page count comes from PostgreSQL's statistics
    (pg_class.reltuples, kept fresh by autovacuum) instead of a COUNT(*) that reads every row on
    every page. Filtered lists, small tables and other databases count exactly."""

    estimate_above = 100_000

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where:
            connection = connections[queryset.db]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                        [queryset.model._meta.db_table],
                    )
                    row = cursor.fetchone()
                if row and row[0] >= self.estimate_above:
                    return row[0]
        return super().count
