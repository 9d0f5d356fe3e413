"""SQLite: the FTS5 table without its `facets` column. Facet filters now test the facet
keys in the document's row (see engine.py): facet tokens in the MATCH expression made bm25
read the whole list of documents of every chosen value (all projects, for the type)."""

import re
import unicodedata

from django.db import migrations

TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"


def _replace(schema_editor, columns, fill):
    schema_editor.execute(f"CREATE VIRTUAL TABLE search_fts_new USING fts5({columns}, {TOKENIZE})")
    fill()
    schema_editor.execute("DROP TABLE search_fts")
    schema_editor.execute("ALTER TABLE search_fts_new RENAME TO search_fts")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    copy = (
        "INSERT INTO search_fts_new (rowid, title, body, keywords)"
        " SELECT rowid, title, body, keywords FROM search_fts"
    )
    _replace(schema_editor, "title, body, keywords", lambda: schema_editor.execute(copy))


def _token(key):
    decomposed = unicodedata.normalize("NFKD", key[1:])
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "x" + key[0] + re.sub(r"[^0-9a-z]", "", folded)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    documents = apps.get_model("search", "SearchDocument").objects.all()
    rows = [
        (pk, title, body, words, " ".join(_token(key) for key in keys.split()))
        for pk, title, body, words, keys in documents.values_list(
            "pk", "title", "body", "keywords", "facet_keys"
        )
    ]
    insert = (
        "INSERT INTO search_fts_new (rowid, title, body, keywords, facets)"
        " VALUES (%s, %s, %s, %s, %s)"
    )

    def fill():
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(insert, rows)

    _replace(schema_editor, "title, body, keywords, facets", fill)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_vector")]

    operations = [migrations.RunPython(forwards, backwards)]
