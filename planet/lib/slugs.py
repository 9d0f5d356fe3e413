"""Slugs that work for every script: transliterated, unique, falling back to an id."""

import secrets

from slugify import slugify


def unique_slug(model, text: str, *, fallback: str, field: str = "slug", max_length=80) -> str:
    base = slugify(text or "", max_length=max_length - 8, word_boundary=True) or fallback
    candidate, number = base, 2
    while model._default_manager.filter(**{field: candidate}).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def new_slug(model, text: str, *, reserved=frozenset(), noun: str = "item") -> str:
    """A unique slug for a new object. One that would shadow a fixed address of its section
    (`reserved`, such as "new" under /events/) gets its noun added: "new-event"."""
    slug = unique_slug(model, text, fallback=secrets.token_hex(4))
    if slug in reserved:
        slug = unique_slug(model, f"{text} {noun}", fallback=secrets.token_hex(4))
    return slug
