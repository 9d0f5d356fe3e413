"""What the moderation queue shows, in a fixed number of queries: open reports grouped by
item (oldest first), and the items hidden lately (to restore one)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min
from django.http import Http404

from planet.moderation import registry
from planet.moderation.models import Flag, Reason

QUEUE_LIMIT = 100
HIDDEN_LIMIT = 20


@dataclass
class FlaggedItem:
    label: str
    pk: int
    title: str
    count: int
    first_reported: datetime
    last_reported: datetime
    is_hidden: bool
    reasons: list[str] = field(default_factory=list)


def get_item_for_curator(label: str, pk: int):
    """(its registration, the item), hidden or not, for the curators' pages; 404 otherwise."""
    flaggable = registry.by_label(label)
    if flaggable is None:
        raise Http404
    obj = flaggable.model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return flaggable, obj


def open_flag_groups(limit: int = QUEUE_LIMIT) -> list[FlaggedItem]:
    open_flags = Flag.objects.open()
    groups = list(
        open_flags.values("content_type", "object_id")
        .annotate(count=Count("pk"), first=Min("created_at"), last=Max("created_at"))
        .order_by("first", "content_type", "object_id")[:limit]
    )
    reason_rows = (
        open_flags.filter(object_id__in={group["object_id"] for group in groups})
        .values_list("content_type", "object_id", "reason")
        .distinct()
        .order_by("reason")
    )
    reason_labels = dict(Reason.choices)
    reasons: dict[tuple, list[str]] = {}
    for content_type, object_id, reason in reason_rows:
        reasons.setdefault((content_type, object_id), []).append(reason_labels.get(reason, reason))
    objects = _load(groups)
    items = []
    for group in groups:
        key = (group["content_type"], group["object_id"])
        found = objects.get(key)
        if found is None:
            continue
        flaggable, obj = found
        items.append(
            FlaggedItem(
                label=flaggable.label,
                pk=obj.pk,
                title=flaggable.title(obj),
                count=group["count"],
                first_reported=group["first"],
                last_reported=group["last"],
                is_hidden=obj.is_hidden,
                reasons=reasons.get(key, []),
            )
        )
    return items


def _load(groups) -> dict[tuple, tuple]:
    """The flagged objects, one query per kind of content."""
    ids_by_type: dict[int, set] = {}
    for group in groups:
        ids_by_type.setdefault(group["content_type"], set()).add(group["object_id"])
    loaded = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        flaggable = registry.for_model(model) if model else None
        if flaggable is None:
            continue
        for pk, obj in model._default_manager.in_bulk(ids).items():
            loaded[(content_type_id, pk)] = (flaggable, obj)
    return loaded


def recently_hidden(limit: int = HIDDEN_LIMIT) -> list[tuple]:
    """(registration, item) of the latest hidden items of each kind, newest first."""
    hidden = []
    for flaggable in registry.all_flaggable():
        rows = flaggable.model._default_manager.exclude(hidden_at=None).order_by("-hidden_at")
        hidden += [(flaggable, obj) for obj in rows[:limit]]
    hidden.sort(key=lambda pair: pair[1].hidden_at, reverse=True)
    return [
        {
            "label": f.label,
            "pk": obj.pk,
            "title": f.title(obj),
            "hidden_at": obj.hidden_at,
            "note": obj.hidden_note,
            "type": obj._meta.verbose_name,
        }
        for f, obj in hidden[:limit]
    ]
