"""/map/geojson: valid RFC 7946, the fields a marker needs, bbox filtering, bounded size."""

import pytest
from django.utils import timezone

from conftest import client_for
from planet.maps import collection
from planet.maps.tests.helpers import geojson_of, located_project, titles
from planet.projects.tests.factories import add_location
from planet.sdgs.models import Goal

URL = "/map/geojson"


@pytest.fixture
def river(db):
    return located_project("Rivers as classrooms", lat=-1.45, lng=-48.49)


def test_points_are_longitude_then_latitude_with_marker_fields_only(river):
    river.featured_at = timezone.now()
    river.summary = "x" * 240
    river.save()
    data = geojson_of(client_for(None).get(URL, {"bbox": "-60,-10,-40,10", "zoom": 8}))
    assert data["bbox"] == [-60, -10, -40, 10]
    assert data["clustered"] is False and data["truncated"] is False and data["total"] == 1
    [feature] = data["features"]
    assert feature["geometry"]["coordinates"] == [-48.49, -1.45]
    properties = feature["properties"]
    assert set(properties) == {"type", "title", "url", "summary", "sdgs", "featured"}
    assert properties["type"] == "project"
    assert properties["title"] == "Rivers as classrooms"
    assert properties["url"] == river.get_absolute_url()
    assert properties["sdgs"] == [4, 6]
    assert properties["featured"] is True
    assert len(properties["summary"]) <= 140 and properties["summary"].endswith("…")


def test_without_parameters_the_whole_world_is_asked(river):
    data = geojson_of(client_for(None).get(URL))
    assert data["bbox"] == [-180, -90, 180, 90]
    assert data["total"] == 1


def test_bbox_filters_out_places_outside_it(river):
    located_project("Tokyo gardens", lat=35.68, lng=139.69)
    data = geojson_of(client_for(None).get(URL, {"bbox": "100,20,150,50", "zoom": 6}))
    assert titles(data) == {"Tokyo gardens"}


def test_bbox_across_the_antimeridian_is_split_in_two(db):
    located_project("Fiji reefs", lat=-17.7, lng=178.4)
    located_project("Samoa schools", lat=-13.8, lng=-172.1)
    located_project("Greenwich", lat=51.48, lng=0.0)
    data = geojson_of(client_for(None).get(URL, {"bbox": "170,-30,-170,0", "zoom": 5}))
    assert data["bbox"] == [170, -30, -170, 0]  # RFC 7946 5.2: west > east across 180°
    assert titles(data) == {"Fiji reefs", "Samoa schools"}
    data = geojson_of(client_for(None).get(URL, {"bbox": "-10,40,10,60", "zoom": 5}))
    assert titles(data) == {"Greenwich"}


def test_places_on_the_edges_of_the_world(db):
    located_project("North pole", lat=90, lng=180)
    located_project("South pole", lat=-90, lng=-180)
    data = geojson_of(client_for(None).get(URL, {"zoom": 10}))
    assert titles(data) == {"North pole", "South pole"}
    data = geojson_of(client_for(None).get(URL, {"zoom": 0}))
    assert sum(f["properties"].get("count", 1) for f in data["features"]) == 2


def test_each_place_of_a_project_is_a_marker(river):
    add_location(river, place="Manaus", lat=-3.1, lng=-60.0)
    data = geojson_of(client_for(None).get(URL, {"zoom": 8}))
    assert len(data["features"]) == 2
    assert len({f["id"] for f in data["features"]}) == 2


def test_goal_and_type_filters(river):
    climate = located_project("Climate cafés", lat=48.85, lng=2.35)
    climate.goals.set(Goal.objects.filter(number=13))
    client = client_for(None)
    assert titles(geojson_of(client.get(URL, {"goal": 13, "zoom": 8}))) == {"Climate cafés"}
    assert titles(geojson_of(client.get(URL, {"goal": 4, "zoom": 8}))) == {"Rivers as classrooms"}
    assert geojson_of(client.get(URL, {"goal": 1, "zoom": 8}))["features"] == []
    assert len(geojson_of(client.get(URL, {"type": "project", "zoom": 8}))["features"]) == 2


def test_low_zoom_gives_clusters_and_lone_places_as_markers(db):
    for i in range(3):
        located_project(f"Paris {i}", lat=48.85 + i / 100, lng=2.35 + i / 100)
    located_project("Lima", lat=-12.05, lng=-77.04)
    data = geojson_of(client_for(None).get(URL, {"zoom": 1}))
    assert data["clustered"] is True and data["total"] == 4
    clusters = [f for f in data["features"] if f["properties"].get("cluster")]
    assert [c["properties"]["count"] for c in clusters] == [3]
    longitude, latitude = clusters[0]["geometry"]["coordinates"]
    assert longitude == pytest.approx(2.36) and latitude == pytest.approx(48.86)
    assert titles(data) == {"Lima"}


def test_crowded_box_gives_clusters_even_zoomed_in(db, monkeypatch):
    monkeypatch.setattr(collection, "MAX_FEATURES", 3)
    for i in range(5):
        located_project(f"Dakar {i}", lat=14.7 + i / 10, lng=-17.4 + i / 10)
    data = geojson_of(client_for(None).get(URL, {"bbox": "-20,10,-10,20", "zoom": 8}))
    assert data["clustered"] is True and data["total"] == 5
    assert sum(f["properties"].get("count", 1) for f in data["features"]) == 5
    assert len(data["features"]) <= 3


def test_crowded_box_at_the_deepest_zoom_gives_capped_points(db, monkeypatch):
    monkeypatch.setattr(collection, "MAX_FEATURES", 3)
    for i in range(5):
        located_project(f"Same square {i}", lat=14.7, lng=-17.4)
    data = geojson_of(client_for(None).get(URL, {"bbox": "-18,14,-17,15", "zoom": 18}))
    assert data["clustered"] is False
    assert data["truncated"] is True and data["total"] == 5
    assert len(data["features"]) == 3


def test_featured_places_come_first_when_points_are_capped(db, monkeypatch):
    monkeypatch.setattr(collection, "MAX_FEATURES", 1)
    located_project("Plain", lat=1, lng=1)
    star = located_project("Star", lat=1, lng=1)
    located_project("Also plain", lat=1, lng=1)
    star.featured_at = timezone.now()
    star.save()
    data = geojson_of(client_for(None).get(URL, {"zoom": 20}))
    assert titles(data) == {"Star"}


def test_the_number_of_clusters_is_bounded_whatever_the_zoom(db, monkeypatch):
    monkeypatch.setattr(collection, "MAX_FEATURES", 4)
    for i in range(12):
        located_project(f"Grid {i}", lat=-50 + 9 * i, lng=-170 + 29 * i)
    data = geojson_of(client_for(None).get(URL, {"zoom": 1}))
    assert data["clustered"] is True and data["truncated"] is True
    assert len(data["features"]) == 4


def test_empty_collection_is_valid(db):
    data = geojson_of(client_for(None).get(URL, {"bbox": "0,0,1,1", "zoom": 3}))
    assert data["features"] == [] and data["total"] == 0


def test_only_get(db):
    assert client_for(None).post(URL).status_code == 405
