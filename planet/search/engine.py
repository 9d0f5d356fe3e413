"""The database's own full-text engine behind one small interface.

SQLite: an FTS5 table `search_fts` (rowid = SearchDocument.id) with the tokenizer
`porter unicode61 remove_diacritics 2`: case- and accent-insensitive, English stemming,
prefix queries, bm25 ranking with column weights.

PostgreSQL: a `vector` tsvector column (title weight A, body B, keywords C) built with the
content language's text-search configuration plus 'simple' (texts are accent-folded in
Python first, so no `unaccent` extension is needed), a GIN index, prefix tsqueries, and
pg_trgm word similarity on the title when full-text matching finds too little. The title
alone is also kept in `title_vector`, small enough to stay in the row, and each facet value
is one token ("xg6": SDG 6) of a `facets` tsvector with its own GIN index.

A search reads every match once (`scan`): its facet keys (for the count and the facet
counts, see facets.py), its id and, for those with every chosen facet value, a score: bm25
on SQLite; on PostgreSQL the title's rank when the title has every word, which needs no
read of the full vector. `ranked_slice` then orders a page from the scan, and only on
PostgreSQL, when title matches do not fill it, asks for the others ranked on the full
vector (`unscored`).

Both receive only plain words (see text.Query): user input never reaches the engine as syntax.
"""

import heapq
import re
from functools import cache
from itertools import combinations

from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField
from django.utils.translation import get_language

from planet.search import facets
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


def key_tests(function: str, table: str, chosen: dict) -> tuple[list[str], list[str]]:
    """One SQL test per chosen facet value, true for documents with it, and their params:
    `function` finds a text in another (instr, strpos)."""
    keys = [facets.spaced(name, value) for name, value in chosen.items()]
    return [f"({function}({table}.facet_keys, %s) > 0)" for _ in keys], keys


def fetch(queryset) -> list[tuple]:
    """The rows as the driver returns them: Django's own work per row would add a third to
    reading the thousands of rows a search scans."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def pg_config(language: str) -> str:
    return PG_CONFIGS.get((language or "")[:2].lower(), "simple")


def facet_token(name: str, value) -> str:
    """One facet value as one token of PostgreSQL's `facets` ("xg6", "xcke", "xkprogram")."""
    return "x" + facets.CODES[name] + re.sub(r"[^0-9a-z]", "", fold(str(value)))


def document_facet_tokens(document) -> str:
    return " ".join(facet_token(name, value) for name, value in facets.split(document.facet_keys))


class SQLiteEngine:
    supports_typos = False

    def expression(self, query: Query) -> str:
        return " ".join(f'"{term}"*' for term in query.terms)

    def scan(self, queryset, query: Query, chosen: dict) -> list[tuple[str, float | None, int]]:
        """(facet keys, score, id) of every match of `query` missing at most one `chosen`
        facet value (the others count for nothing), the score from bm25 (negated: the
        higher, the better) for those with every chosen value only: bm25 costs more than
        the rest of the scan."""
        return fetch(self._scored(queryset, query, chosen).values_list("facet_keys", "score", "pk"))

    def best(self, queryset, query: Query, count: int) -> list:
        """The `count` best matches, sorted by the database: no scan needed."""
        ranked = self._scored(queryset, query, {}).order_by("-score", "pk")
        ids = list(ranked.values_list("pk", flat=True)[:count])
        return in_order(queryset, ids)

    def _scored(self, queryset, query: Query, chosen: dict):
        """Joined with the FTS table, as bm25 needs."""
        score = (
            "-bm25(search_fts, 10.0, 2.0, 1.0)"
            f" * (CASE WHEN {TABLE}.featured THEN {FEATURED_BOOST} ELSE 1.0 END)"
        )
        tests, keys = key_tests("instr", TABLE, chosen)
        where = [f"search_fts.rowid = {TABLE}.id", "search_fts MATCH %s"]
        params = [self.expression(query)]
        if len(tests) > 1:
            where.append(f"{' + '.join(tests)} >= {len(tests) - 1}")
            params += keys
        return queryset.extra(
            tables=["search_fts"],
            where=where,
            params=params,
            select={"score": f"CASE WHEN {' AND '.join(tests) or 'TRUE'} THEN {score} END"},
            select_params=keys,
        )

    def unscored(self, queryset, query: Query, values: dict):
        return queryset.none()  # bm25 scores every match

    def write(self, documents) -> None:
        rows = [(d.pk, d.title, d.body, d.keywords) for d in documents]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, keywords) VALUES (%s, %s, %s, %s)",
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
        """Merge the FTS segments and refresh the planner's statistics."""
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
        """Every word, as a prefix, in any of the configurations (see migration 0004)."""
        sql = "search_prefix_query(%s::text[], %s::regconfig[])"
        return sql, [list(query.terms), self._configs()]

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

    def _matching(self, queryset, query: Query, values: dict):
        sql, params = self._condition(query, values)
        return queryset.filter(EngineSQL(sql, params, BooleanField()))

    def _rank(self, query: Query, vector: str) -> tuple[str, list]:
        sql, params = self.tsquery(query)
        # Normalisation 1: divided by 1 + log(length), so that long texts do not win by size.
        rank = f"ts_rank('{{0.05, 0.1, 0.3, 1.0}}', {{table}}.{vector}, {sql}, 1)"
        if query.fuzzy and self.supports_typos:
            rank += " + 0.01 * word_similarity(%s, {table}.title)"
            params = [*params, " ".join(query.terms)]
        boost = f"CASE WHEN {{table}}.featured THEN {FEATURED_BOOST} ELSE 1.0 END"
        return f"({rank}) * ({boost})", params

    def scan(self, queryset, query: Query, chosen: dict) -> list[tuple[str, float | None, int]]:
        """(facet keys, score, id) of every match of `query` missing at most one `chosen`
        facet value (the others count for nothing). Only documents with every chosen value
        and every word in their title have a score, from the small title vector in the row:
        ranking the others means reading their full vector (see `unscored`), which the
        match itself leaves to the index."""
        matches = self._matching(queryset, query, {})
        if len(chosen) > 1:
            matches = matches.filter(self._missing_at_most_one(chosen))
        sql, params = self.tsquery(query)
        tests, keys = key_tests("strpos", "{table}", chosen)
        rank, rank_params = self._rank(query, "title_vector")
        having = " AND ".join([*tests, f"{{table}}.title_vector @@ {sql}"])
        score = EngineSQL(
            f"CASE WHEN {having} THEN {rank} END", keys + params + rank_params, FloatField()
        )
        return fetch(matches.annotate(score=score).values_list("facet_keys", "score", "pk"))

    def best(self, queryset, query: Query, count: int) -> list:
        """The `count` best matches, sorted by the database in one pass (no scan needed):
        title matches first, the full vector read only for the others."""
        sql, params = self.tsquery(query)
        title_rank, title_params = self._rank(query, "title_vector")
        rank, rank_params = self._rank(query, "vector")
        in_title = f"{{table}}.title_vector @@ {sql}"
        either = f"CASE WHEN {in_title} THEN {title_rank} ELSE {rank} END"
        ranked = self._matching(queryset, query, {}).annotate(
            in_title=EngineSQL(in_title, params, BooleanField()),
            rank=EngineSQL(either, params + title_params + rank_params, FloatField()),
        )
        return list(ranked.order_by("-in_title", "-rank", "pk")[:count])

    def _missing_at_most_one(self, chosen: dict) -> EngineSQL:
        """On the facet tokens, so that the GIN index can narrow the match."""
        tokens = [facet_token(name, value) for name, value in chosen.items()]
        groups = combinations(tokens, len(tokens) - 1)
        tsquery = " | ".join("(" + " & ".join(group) + ")" for group in groups)
        return EngineSQL("{table}.facets @@ to_tsquery('simple', %s)", [tsquery], BooleanField())

    def unscored(self, queryset, query: Query, values: dict):
        """The matches without every word in their title, best first on the full vector."""
        sql, params = self.tsquery(query)
        rank, rank_params = self._rank(query, "vector")
        return (
            self._matching(queryset, query, values)
            .filter(EngineSQL(f"NOT ({{table}}.title_vector @@ {sql})", params, BooleanField()))
            .annotate(rank=EngineSQL(rank, rank_params, FloatField()))
            .order_by("-rank", "pk")
        )

    def write(self, documents) -> None:
        if not documents:
            return
        title = "setweight(to_tsvector(cfg, t), 'A') || setweight(to_tsvector('simple', t), 'A')"
        part = (
            f"{title} || "
            "setweight(to_tsvector(cfg, b), 'B') || setweight(to_tsvector('simple', b), 'B') || "
            "setweight(to_tsvector(cfg, k), 'C') || setweight(to_tsvector('simple', k), 'C'), "
            f"title_vector = {title}, facets = to_tsvector('simple', f)"
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


def ranked_slice(queryset, query: Query, values: dict, start: int, stop: int, scanned: list):
    """The documents matching `query` and `values` from `start` to `stop`, best first:
    those with a score by score (ties by id), then the others in the engine's order.
    `scanned`: their scan rows (facet keys, score, id), read with `values` chosen."""
    engine = current()
    scored = [row for row in scanned if row[1] is not None]
    ids = [row[2] for row in heapq.nsmallest(stop, scored, key=_best_first)[start:]]
    found = in_order(queryset, ids)
    skip, wanted = max(0, start - len(scored)), stop - start - len(found)
    if wanted > 0 and len(scanned) - len(scored) > skip:
        found += engine.unscored(queryset, query, values)[skip : skip + wanted]
    return found


def _best_first(row) -> tuple:
    return (-row[1], row[2])


def in_order(queryset, ids: list) -> list:
    """The documents of these ids, in this order."""
    by_id = queryset.model._default_manager.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


@cache
def _has_trigrams(database_name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def current():
    return PostgreSQLEngine() if connection.vendor == "postgresql" else SQLiteEngine()
