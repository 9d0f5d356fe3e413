"""PostgreSQL: the title's own small tsvector, kept in the row, so that ranking documents
whose title has every word needs no read of the full vector (filled from the full vector,
where the title's lexemes are those of weight A); and the function that turns the words of
a search into one tsquery, each word's forms in every configuration without repeats (the
same lexeme twice would double the work of the index and of every match test). IMMUTABLE,
like to_tsquery with a configuration: evaluated once, when the query is planned."""

from django.db import migrations

PREFIX_QUERY = """
CREATE OR REPLACE FUNCTION search_prefix_query(words text[], configs regconfig[])
RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(alternatives, ' & ' ORDER BY n), '')::tsquery
  FROM (
    SELECT w.n, '(' || string_agg(DISTINCT q.text, ' | ') || ')' AS alternatives
    FROM unnest(words) WITH ORDINALITY AS w(word, n)
    CROSS JOIN unnest(configs) AS c(config)
    CROSS JOIN LATERAL (SELECT to_tsquery(c.config, w.word || ':*')::text AS text) AS q
    WHERE q.text <> ''
    GROUP BY w.n
  ) AS per_word
$$
"""

POSTGRES_UP = [
    "ALTER TABLE search_searchdocument"
    " ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''::tsvector",
    "UPDATE search_searchdocument SET title_vector = ts_filter(vector, '{a}')",
    PREFIX_QUERY,
]
POSTGRES_DOWN = [
    "DROP FUNCTION IF EXISTS search_prefix_query(text[], regconfig[])",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_keys_in_the_document")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP}), _run({"postgresql": POSTGRES_DOWN})
        ),
    ]
