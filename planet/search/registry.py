"""The one registration point of the search: each content type declares what it indexes.

A type says how to load its objects (`queryset`), how to turn one into a `Document` (its
title, weighted text, language, facet values and whether everyone may see it), which other
objects the viewer may see although they are not public (`private_keys`), and which related
models change its documents (`watch`, `m2m`). Signals, `reindex`, results, facets and
suggestions all read from here, so a new type is one `register(...)` call.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

# Facets whose values may be many per object.
MULTI_FACETS = ("goal", "country", "language", "organisation_kind")


@dataclass
class Document:
    """What the index keeps of one object."""

    title: str
    url: str
    body: str = ""  # weight B, and the source of snippets
    keywords: str = ""  # weight C: tags, places, names of related things
    language: str = ""  # ISO 639-1 of the text; "" when unknown or mixed
    is_public: bool = True  # visible to everyone, anonymous visitors included
    titles: dict = field(default_factory=dict)  # per interface language, when translated
    kind: str = ""
    stage: str = ""
    status: str = ""
    featured: bool = False
    facets: dict[str, Iterable[str]] = field(default_factory=dict)  # MULTI_FACETS -> values


@dataclass
class SearchType:
    name: str
    label: str  # lazily translated, shown as a badge and in the type facet
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet]  # every indexable object, prefetched for `document`
    document: Callable[[models.Model], Document | None]  # None: not indexed at all
    # Keys (as text) of non-public objects `user` may nevertheless see, as a subquery.
    private_keys: Callable[[object], models.QuerySet | None] = lambda user: None
    # Related model -> function giving the keys of this type's objects a change affects.
    watch: dict[type[models.Model], Callable[[models.Model], Iterable]] = field(
        default_factory=dict
    )
    m2m: tuple = ()  # through models of many-to-many fields that feed the document


_types: dict[str, SearchType] = {}


def register(search_type: SearchType) -> SearchType:
    """Declare a searchable type; its documents follow its objects from now on."""
    from planet.search.signals import connect_type

    _types[search_type.name] = search_type
    connect_type(search_type)
    return search_type


def types() -> list[SearchType]:
    return list(_types.values())


def get(name: str) -> SearchType | None:
    return _types.get(name)


def for_model(model) -> SearchType | None:
    return next((t for t in _types.values() if t.model is model), None)


def type_choices() -> list[tuple[str, str]]:
    return [(t.name, t.label) for t in _types.values()]
