"""Slugs that work for every script: transliterated, unique, falling back to an id."""

from slugify import slugify


def unique_slug(model, text: str, *, fallback: str, field: str = "slug", max_length=80) -> str:
    base = slugify(text or "", max_length=max_length - 8, word_boundary=True) or fallback
    candidate, number = base, 2
    while model._default_manager.filter(**{field: candidate}).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate
