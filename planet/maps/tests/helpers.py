"""Helpers for the map tests: located projects and a GeoJSON check with a real validator."""

import json

import geojson

from planet.projects.models import Status
from planet.projects.tests.factories import add_location, make_project


def located_project(title, *, lat=10.0, lng=20.0, status=Status.PUBLISHED, owner=None, **extra):
    project = make_project(owner, title=title, status=status, **extra)
    add_location(project, place=f"{title} town", lat=lat, lng=lng)
    return project


def spread_projects(count: int, prefix="Spread"):
    """`count` published projects, each at its own place, spread over the globe."""
    return [
        located_project(f"{prefix} {i}", lat=-60 + (i * 2.3) % 120, lng=-170 + (i * 6.8) % 340)
        for i in range(count)
    ]


def geojson_of(response) -> dict:
    """Assert that the response is a valid RFC 7946 FeatureCollection; return it parsed."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    body = response.content.decode()
    parsed = geojson.loads(body)
    assert parsed.is_valid, parsed.errors()
    data = json.loads(body)
    assert data["type"] == "FeatureCollection"
    west, south, east, north = data["bbox"]
    assert -180 <= west <= 180 and -180 <= east <= 180
    assert -90 <= south <= north <= 90
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90
    return data


def titles(data: dict) -> set[str]:
    return {f["properties"]["title"] for f in data["features"] if "title" in f["properties"]}
