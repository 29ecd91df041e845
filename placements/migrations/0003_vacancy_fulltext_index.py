"""The full-text index of vacancies, on PostgreSQL only (SQLite searches with LIKE).

An expression index on to_tsvector('simple', search_text): `selectors.vacancy_search` filters
with exactly this expression, so the planner uses it. 'simple' (no stemming): Indonesian has no
stemmer in PostgreSQL, and the English one would mangle Indonesian words.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS pl_vac_fts_idx ON placements_vacancy "
    "USING gin (to_tsvector('simple'::regconfig, search_text)) WHERE status = 'published'"
)
DROP = "DROP INDEX IF EXISTS pl_vac_fts_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("placements", "0002_reference_data")]

    operations = [migrations.RunPython(create, drop)]
