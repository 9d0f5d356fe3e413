"""The database's own full-text engine behind one small interface.

SQLite: an FTS5 table `search_fts` (rowid = SearchDocument.id) with the tokenizer
`porter unicode61 remove_diacritics 2`: case- and accent-insensitive, English stemming,
prefix queries, bm25 ranking with column weights.

PostgreSQL: a `vector` tsvector column (title weight A, body B, keywords C) built with the
content language's text-search configuration plus 'simple' (texts are accent-folded in
Python first, so no `unaccent` extension is needed), a GIN index, prefix tsqueries, and
pg_trgm word similarity on the title when full-text matching finds too little.

On both, each facet value of a document is also one token ("xg6": SDG 6) in a separate
`facets` column (FTS5 column; tsvector with its own GIN index), so facet filters are part of
the index match instead of per-row lookups. Facet counts are GROUP BY queries over the
SearchFacet rows of the matching documents.

Both receive only plain words (see text.Query): user input never reaches the engine as syntax.
"""

import re
from functools import cache

from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from planet.search.text import Query, fold

TABLE = "search_searchdocument"
FEATURED_BOOST = 1.5

PG_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "pt": "portuguese",
    "de": "german",
    "it": "italian",
    "nl": "dutch",
    "tr": "turkish",
    "id": "indonesian",
    "hi": "hindi",
    "sv": "swedish",
    "da": "danish",
    "fi": "finnish",
    "no": "norwegian",
    "ro": "romanian",
    "hu": "hungarian",
    "el": "greek",
    "ca": "catalan",
}


class EngineSQL(Expression):
    """Raw engine SQL in which `{table}` becomes the documents table's alias in this query
    (which differs when the queryset is used as a subquery, as facet counts do)."""

    def __init__(self, sql: str, params: list, output_field):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, params
        self.pk = F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, expressions):
        (self.pk,) = expressions

    def as_sql(self, compiler, connection):
        table = compiler.quote_name(self.pk.alias)
        return self.sql.replace("{table}", table), list(self.params)

    def get_group_by_cols(self):
        return []


def pg_config(language: str) -> str:
    return PG_CONFIGS.get((language or "")[:2].lower(), "simple")


FACET_CODES = {
    "type": "t",
    "kind": "k",
    "stage": "s",
    "goal": "g",
    "country": "c",
    "language": "l",
    "organisation_kind": "o",
}


def facet_token(name: str, value) -> str:
    """One facet value as one FTS5 token ("xg6", "xcke", "xkprogram")."""
    return "x" + FACET_CODES[name] + re.sub(r"[^0-9a-z]", "", fold(str(value)))


def document_facet_tokens(document) -> str:
    """`document`: a saved SearchDocument carrying its `facet_values`."""
    tokens = [facet_token(name, getattr(document, name)) for name in ("type", "kind", "stage")]
    tokens += [
        facet_token(name, value)
        for name, values in document.facet_values.items()
        for value in values
        if value not in ("", None)
    ]
    return " ".join(tokens)


class SQLiteEngine:
    """Facet filters go into the MATCH expression (facet tokens in their own column): FTS5
    intersects them with the words far faster than per-row EXISTS lookups."""

    supports_typos = False

    def expression(self, query: Query, values: dict) -> str:
        words = " ".join(f'"{term}"*' for term in query.terms)
        expression = "{title body keywords} : (" + words + ")"
        tokens = " ".join(f'"{facet_token(name, value)}"' for name, value in values.items())
        return f"{expression} AND facets : ({tokens})" if tokens else expression

    def matching(self, queryset, query: Query, values: dict):
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        return queryset.filter(pk__in=RawSQL(sql, [self.expression(query, values)]))

    def ranked(self, queryset, query: Query, values: dict):
        """Joined with the FTS table for bm25 (negative: the lower, the better); only for
        the outermost query, never as a subquery."""
        rank = (
            "bm25(search_fts, 10.0, 2.0, 1.0, 0.0)"
            f" * (CASE WHEN {TABLE}.featured THEN {FEATURED_BOOST} ELSE 1.0 END)"
        )
        return queryset.extra(
            tables=["search_fts"],
            where=[f"search_fts.rowid = {TABLE}.id", "search_fts MATCH %s"],
            params=[self.expression(query, values)],
            select={"rank": rank},
        ).order_by("rank", "pk")

    def write(self, documents) -> None:
        rows = [(d.pk, d.title, d.body, d.keywords, document_facet_tokens(d)) for d in documents]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, keywords, facets) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )

    def delete(self, ids) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", chunk)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def optimize(self) -> None:
        """Merge the FTS segments and refresh the planner's statistics (without them SQLite
        reads facet rows by name instead of by document and facet counts get ~10x slower)."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")


class PostgreSQLEngine:
    """No weight labels in queries: they would force PostgreSQL to recheck (and detoast)
    every candidate's tsvector, which triples the cost at 100,000 documents."""

    def _configs(self) -> list[str]:
        configs = ["simple", "english", pg_config(get_language() or "en")]
        return list(dict.fromkeys(configs))

    def tsquery(self, query: Query) -> tuple[str, list]:
        parts, params = [], []
        for term in query.terms:
            alternatives = []
            for config in self._configs():
                alternatives.append("to_tsquery(%s::regconfig, %s)")
                params += [config, f"{term}:*"]
            parts.append("(" + " || ".join(alternatives) + ")")
        return "(" + " && ".join(parts) + ")", params

    @property
    def supports_typos(self) -> bool:
        return _has_trigrams(connection.settings_dict["NAME"])

    def _condition(self, query: Query, values: dict) -> tuple[str, list]:
        sql, params = self.tsquery(query)
        condition = "{table}.vector @@ " + sql
        if query.fuzzy and self.supports_typos:
            condition = f"({condition} OR %s <%% {{table}}.title)"
            params = [*params, " ".join(query.terms)]
        if values:
            condition += " AND {table}.facets @@ to_tsquery('simple', %s)"
            tokens = [facet_token(name, value) for name, value in values.items()]
            params = [*params, " & ".join(tokens)]
        return condition, params

    def matching(self, queryset, query: Query, values: dict):
        sql, params = self._condition(query, values)
        return queryset.filter(EngineSQL(sql, params, BooleanField()))

    def ranked(self, queryset, query: Query, values: dict):
        sql, params = self.tsquery(query)
        # Normalisation 1: divided by 1 + log(length), so that long texts do not win by size.
        rank = "ts_rank('{0.05, 0.1, 0.3, 1.0}', {table}.vector, " + sql + ", 1)"
        if query.fuzzy and self.supports_typos:
            rank += " + 0.01 * word_similarity(%s, {table}.title)"
            params = [*params, " ".join(query.terms)]
        rank = f"({rank}) * (CASE WHEN {{table}}.featured THEN {FEATURED_BOOST} ELSE 1.0 END)"
        return (
            self.matching(queryset, query, values)
            .annotate(rank=EngineSQL(rank, params, FloatField()))
            .order_by("-rank", "pk")
        )

    def write(self, documents) -> None:
        if not documents:
            return
        part = (
            "setweight(to_tsvector(cfg, t), 'A') || setweight(to_tsvector('simple', t), 'A') || "
            "setweight(to_tsvector(cfg, b), 'B') || setweight(to_tsvector('simple', b), 'B') || "
            "setweight(to_tsvector(cfg, k), 'C') || setweight(to_tsvector('simple', k), 'C'), "
            "facets = to_tsvector('simple', f)"
        )
        rows, params = [], []
        for d in documents:
            rows.append("(%s::bigint, %s::regconfig, %s, %s, %s, %s)")
            params += [d.pk, pg_config(d.language), fold(d.title), fold(d.body), fold(d.keywords)]
            params.append(document_facet_tokens(d))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} AS d SET vector = {part} "
                f"FROM (VALUES {', '.join(rows)}) AS v(id, cfg, t, b, k, f) WHERE d.id = v.id",
                params,
            )

    def delete(self, ids) -> None:
        """The vector lives in the document's row: nothing else to remove."""

    def clear(self) -> None:
        pass

    def optimize(self) -> None:
        """Writing the vectors updated every new row: VACUUM clears the dead versions (they
        would double the index scans) when not inside a transaction."""
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(f"{command} {TABLE}")
            cursor.execute(f"{command} search_searchfacet")


@cache
def _has_trigrams(database_name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def current():
    return PostgreSQLEngine() if connection.vendor == "postgresql" else SQLiteEngine()
