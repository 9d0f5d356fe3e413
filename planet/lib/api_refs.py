"""Small schemas that several API routers embed: an SDG goal, an organiser, a moment in a zone.

Used by the routers of challenges, events, stories, campus and consultations, so that an
organiser or a goal looks the same in every answer of the API.
"""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db.models import Case, When
from django.db.models.expressions import OrderBy
from ninja import Field, Schema


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


class SdgGoalRef(Schema):
    number: int = Field(description="1 to 17.")
    title: str
    uri: str = Field(description="Linked-data URI, e.g. http://metadata.un.org/sdg/4")


class OrganiserRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_url(organisation) -> str:
        return absolute_url(organisation.get_absolute_url())


class ZonedTime(Schema):
    utc: datetime = Field(description="The moment in UTC, ISO 8601.")
    local: str = Field(description="The same moment in `timezone`, ISO 8601 with its offset.")
    timezone: str = Field(description="IANA zone, e.g. Europe/Paris.")


def zoned(moment: datetime | None, zone_name: str) -> dict | None:
    """`moment` as a ZonedTime: UTC and the given zone (an event's or an organiser's)."""
    if moment is None:
        return None
    return {
        "utc": moment.astimezone(zoneinfo.ZoneInfo("UTC")),
        "local": moment.astimezone(zoneinfo.ZoneInfo(zone_name)).isoformat(),
        "timezone": zone_name,
    }


def sortable(queryset):
    """`(queryset, keys)`: the order a named queryset method set (`newest_first()`,
    `by_rating()`, ...) as the field names `paginate` takes, so that the API lists in the same
    order as the web pages. Each ordering expression becomes an annotation, with a flag that
    keeps its nulls first or last as asked."""
    values, flags, keys = {}, {}, []
    for position, order in enumerate(queryset.query.order_by):
        if isinstance(order, str):
            keys.append(order)
            continue
        if not isinstance(order, OrderBy):
            order = order.asc()
        name = f"order_{position}"
        values[name] = order.expression
        if order.nulls_first or order.nulls_last:
            flags[f"{name}_null"] = Case(When(**{f"{name}__isnull": True}, then=1), default=0)
            keys.append(f"-{name}_null" if order.nulls_first else f"{name}_null")
        keys.append(f"-{name}" if order.descending else name)
    return queryset.annotate(**values).annotate(**flags), tuple(keys) or ("pk",)
