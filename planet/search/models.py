"""The search index: one row per indexed object, its facet values in the row (see facets.py),
and (outside the ORM, created by migration 0002) the engine's side: an FTS5 table on SQLite,
tsvector columns with GIN indexes on PostgreSQL."""

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

    def scan(self, query, chosen: dict | None = None) -> list[tuple]:
        """(facet keys, score or None, id) of each document matching `query`, whatever its
        facets: what the count, the facet counts and the ranking are made from. Documents
        without every `chosen` facet value have no score (nor, on PostgreSQL, those without
        every word in their title, see engine.py)."""
        from planet.search import engine

        return engine.current().scan(self, query, chosen or {})

    def best(self, query, count: int) -> list:
        """The `count` documents best matching `query` (for suggestions: no facets)."""
        from planet.search import engine

        return engine.current().best(self, query, count)

    def ranked_slice(self, query, facets: dict, start: int, stop: int, scanned: list):
        """Documents matching `query` and `facets`, best first (title above text, featured
        boosted), from `start` to `stop`. `scanned`: their scan rows."""
        from planet.search import engine

        return engine.ranked_slice(self, query, facets, start, stop, scanned)


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
    facet_keys = models.TextField(blank=True, default="")  # " tproject kprogram g4 cKE "
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="one_document_per_object")
        ]
        # Covering index: counting results and facets reads the facet keys of the matching
        # documents (visibility included) without touching the texts.
        indexes = [
            models.Index(
                fields=["id", "is_public", "featured", "type", "object_id", "facet_keys"],
                name="search_document_keys",
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
