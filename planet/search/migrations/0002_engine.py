"""The engine's side of the index, created only for the database in use.

SQLite: an FTS5 table (rowid = SearchDocument.id) whose `facets` column holds one token per
facet value. PostgreSQL: tsvector columns for the texts and the facet tokens, each with a GIN
index, and pg_trgm with a trigram index on titles for typo tolerance (skipped, with a notice,
where the extension cannot be created)."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, keywords, facets, tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_UP = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "ALTER TABLE search_searchdocument ADD COLUMN facets tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_facets_gin ON search_searchdocument USING gin (facets)",
    """
    DO $$ BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX search_document_title_trgm
        ON search_searchdocument USING gin (title gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm is not available: search will not tolerate typos';
    END $$
    """,
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_title_trgm",
    "DROP INDEX IF EXISTS search_document_vector",
    "DROP INDEX IF EXISTS search_document_facets_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS facets",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
