"""Every public item with a place, as GeoJSON features: the places of projects, events and
learning opportunities. Each kind costs one query per chunk of rows."""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import F
from django.urls import reverse

from planet.opendata.tables import (
    CHUNK_SIZE,
    public_events,
    public_opportunities,
    public_projects,
)
from planet.projects.models import ProjectLocation

COORDINATE_DECIMALS = 6  # about 10 cm, as RFC 7946 advises


def point_feature(feature_id: str, longitude: float, latitude: float, properties: dict) -> dict:
    position = [round(longitude, COORDINATE_DECIMALS), round(latitude, COORDINATE_DECIMALS)]
    return {
        "type": "Feature",
        "id": feature_id,
        "geometry": {"type": "Point", "coordinates": position},
        "properties": properties,
    }


def _properties(kind: str, row: dict, url_name: str, slug: str) -> dict:
    return {
        "type": kind,
        "title": row["title"],
        "url": settings.SITE_URL + reverse(url_name, args=[slug]),
        "place_name": row["place_name"],
        "country": row["country"] or "",
    }


def project_features() -> Iterator[dict]:
    places = ProjectLocation.objects.filter(project__in=public_projects()).order_by("pk")
    rows = places.values(
        "pk",
        "latitude",
        "longitude",
        "place_name",
        "country",
        "project_id",
        title=F("project__title"),
        slug=F("project__slug"),
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        properties = _properties("project", row, "projects:detail", row["slug"])
        properties["project_id"] = row["project_id"]
        yield point_feature(
            f"project-place-{row['pk']}", row["longitude"], row["latitude"], properties
        )


def _located_items(queryset, kind: str, url_name: str) -> Iterator[dict]:
    located = queryset.filter(latitude__isnull=False, longitude__isnull=False).order_by("pk")
    rows = located.values("pk", "slug", "title", "latitude", "longitude", "place_name", "country")
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        properties = _properties(kind, row, url_name, row["slug"])
        properties[f"{kind}_id"] = row["pk"]
        yield point_feature(f"{kind}-{row['pk']}", row["longitude"], row["latitude"], properties)


def located_features() -> Iterator[dict]:
    yield from project_features()
    yield from _located_items(public_events(), "event", "events:detail")
    yield from _located_items(public_opportunities(), "opportunity", "campus:opportunity")
