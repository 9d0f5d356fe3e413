"""Writing the index: one object after a change (from signals, inside the caller's
transaction), or everything in batches (`manage.py reindex`)."""

from collections.abc import Callable, Iterable

from django.db import connection, transaction

from planet.search import engine, facets, registry
from planet.search.models import SearchDocument

BATCH_SIZE = 1000


def _rows(search_type, pairs) -> list[SearchDocument]:
    return [
        SearchDocument(
            type=search_type.name,
            object_id=str(obj.pk),
            language=doc.language[:8],
            title=doc.title[:300],
            titles=doc.titles,
            url=doc.url[:300],
            body=doc.body,
            keywords=doc.keywords,
            kind=doc.kind,
            stage=doc.stage,
            status=doc.status,
            featured=doc.featured,
            is_public=doc.is_public,
            facet_keys=facets.document_keys(
                {"type": search_type.name, "kind": doc.kind, "stage": doc.stage}, doc.facets
            ),
        )
        for obj, doc in pairs
    ]


def _write(search_type, objects: Iterable) -> int:
    pairs = [(obj, search_type.document(obj)) for obj in objects]
    pairs = [(obj, doc) for obj, doc in pairs if doc is not None]
    if not pairs:
        return 0
    rows = SearchDocument.objects.bulk_create(_rows(search_type, pairs))
    engine.current().write(rows)
    return len(rows)


def _remove(type_name: str, keys: list[str]) -> None:
    ids = list(
        SearchDocument.objects.filter(type=type_name, object_id__in=keys).values_list(
            "pk", flat=True
        )
    )
    if ids:
        engine.current().delete(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()


def index_keys(search_type, keys: Iterable) -> None:
    """Bring the documents of these objects up to date (removing those gone or hidden)."""
    keys = sorted({str(key) for key in keys if key is not None})
    if not keys:
        return
    with transaction.atomic():
        _remove(search_type.name, keys)
        _write(search_type, search_type.queryset().filter(pk__in=keys))


def index_object(obj) -> None:
    search_type = registry.for_model(type(obj))
    if search_type:
        index_keys(search_type, [obj.pk])


def remove_object(obj) -> None:
    search_type = registry.for_model(type(obj))
    if search_type:
        with transaction.atomic():
            _remove(search_type.name, [str(obj.pk)])


def rebuild(progress: Callable[[str, int, int], None] | None = None) -> int:
    """Empty the index and fill it again, type by type, in batches."""
    written = 0
    with transaction.atomic():
        engine.current().clear()
        SearchDocument.objects.all()._raw_delete(connection.alias)
        for search_type in registry.types():
            queryset = search_type.queryset().order_by("pk")
            total = queryset.count()
            done = 0
            batch = []
            for obj in queryset.iterator(chunk_size=BATCH_SIZE):
                batch.append(obj)
                if len(batch) == BATCH_SIZE:
                    written += _write(search_type, batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(search_type.name, done, total)
            written += _write(search_type, batch)
            if progress:
                progress(search_type.name, total, total)
    engine.current().optimize()
    return written
