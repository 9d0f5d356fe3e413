"""The search index: one row per indexed object, its facet values, and (outside the ORM,
created by migration 0002) the engine's side: an FTS5 table on SQLite, a tsvector column
with a GIN index on PostgreSQL."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from planet.search import registry


class SearchDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public documents, plus those of objects each type lets `user` see (own drafts,
        everything for curators): the types' own visibility rules, inside the SQL."""
        condition = Q(is_public=True)
        for search_type in registry.types():
            keys = search_type.private_keys(user)
            if keys is not None:
                condition |= Q(type=search_type.name, object_id__in=keys)
        return self.filter(condition)

    def matching(self, query, facets: dict | None = None):
        """Documents matching every word of `query` and every facet value in `facets`."""
        from planet.search import engine

        return engine.current().matching(self, query, facets or {})

    def ranked(self, query, facets: dict | None = None):
        """The same, best first (title above text, featured boosted)."""
        from planet.search import engine

        return engine.current().ranked(self, query, facets or {})

    def facet_counts(self, names) -> dict[str, list[tuple[str, int]]]:
        """{facet: [(value, count), ...]} over these documents, most frequent first.

        Two GROUP BY queries whatever the number of facets and documents: one over the
        document's own columns (type, kind, stage), one over the many-valued facet rows."""
        totals: dict[str, dict[str, int]] = {name: {} for name in names}
        columns = [name for name in names if name not in registry.MULTI_FACETS]
        if columns:
            rows = self.values_list(*columns).annotate(total=models.Count("pk")).order_by()
            for *row, total in rows:
                for name, value in zip(columns, row, strict=True):
                    if value:
                        totals[name][value] = totals[name].get(value, 0) + total
        multi = [name for name in names if name in registry.MULTI_FACETS]
        if multi:
            # A join driven from the matching documents (PostgreSQL would hash-join a
            # sequential scan of every facet row for `document_id IN (...)`).
            rows = (
                self.filter(facets__name__in=multi)
                .values_list("facets__name", "facets__value")
                .annotate(total=models.Count("pk"))
                .order_by()
            )
            for name, value, total in rows:
                totals[name][value] = total
        return {
            name: sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            for name, counts in totals.items()
        }


class SearchDocument(models.Model):
    type = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
    language = models.CharField(max_length=8, blank=True)
    title = models.CharField(max_length=300)
    titles = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    kind = models.CharField(max_length=20, blank=True, db_index=True)
    stage = models.CharField(max_length=20, blank=True, db_index=True)
    status = models.CharField(max_length=20, blank=True)
    featured = models.BooleanField(default=False)
    is_public = models.BooleanField(default=True)  # in the covering index below
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="one_document_per_object")
        ]
        # Covering index: facet counts read these columns without touching the texts.
        indexes = [
            models.Index(
                fields=["id", "is_public", "type", "kind", "stage", "featured"],
                name="search_document_facets",
            )
        ]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self):
        return f"{self.type} {self.object_id}: {self.title}"

    @property
    def display_title(self) -> str:
        if self.titles:
            language = (get_language() or "en").lower()
            return self.titles.get(language) or self.titles.get(language[:2]) or self.title
        return self.title

    @property
    def type_label(self) -> str:
        search_type = registry.get(self.type)
        return search_type.label if search_type else self.type


class SearchFacet(models.Model):
    """One value of a many-valued facet (SDG goal, country, language, organisation kind)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=16)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value"], name="search_facet_name_value"),
            models.Index(fields=["document", "name", "value"], name="search_facet_doc"),
        ]

    def __str__(self):
        return f"{self.name}={self.value}"
