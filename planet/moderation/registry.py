"""The kinds of content members may flag and curators may hide: one `register(...)` call per
model, made in the app's `AppConfig.ready()`.

The model must inherit `planet.moderation.hiding.Hideable` and have a queryset with
`visible_to(user)` that leaves hidden items out for everybody but curators (and, if wished,
their author). `owner` names the member responsible for an item (told when it is hidden, and
the one a curator may warn or suspend).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models.signals import post_delete


@dataclass(frozen=True)
class Flaggable:
    model: type[models.Model]
    label: str  # "project", "comment", "story", ...
    owner: Callable[[models.Model], object]  # the responsible user, or None
    title: Callable[[models.Model], str] = str  # how the queue names an item


_FLAGGABLE: dict[str, Flaggable] = {}


def register(flaggable: Flaggable) -> Flaggable:
    _FLAGGABLE[flaggable.model._meta.label_lower] = flaggable
    post_delete.connect(
        _forget_flags, sender=flaggable.model, dispatch_uid=f"flags-{flaggable.label}"
    )
    return flaggable


def _forget_flags(sender, instance, **kwargs):
    """Reports about content that no longer exists have nothing left to act on."""
    from planet.moderation.models import Flag

    Flag.objects.for_object(instance).delete()


def for_model(model) -> Flaggable | None:
    return _FLAGGABLE.get(model._meta.label_lower)


def get(label_lower: str) -> Flaggable | None:
    return _FLAGGABLE.get(label_lower)


def all_flaggable() -> list[Flaggable]:
    return list(_FLAGGABLE.values())


def by_label(label: str) -> Flaggable | None:
    """The registered kind of content with this short label ("project", "comment", ...)."""
    return next((f for f in _FLAGGABLE.values() if f.label == label), None)


def owner_of(obj):
    """The member responsible for `obj`, or None (not registered, or no owner any more)."""
    flaggable = for_model(type(obj))
    return flaggable.owner(obj) if flaggable else None
