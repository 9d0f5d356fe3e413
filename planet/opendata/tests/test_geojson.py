"""One GeoJSON FeatureCollection of every public located item, valid by RFC 7946."""

import geojson
import pytest

from planet.opendata.tests.helpers import body, make_world

pytestmark = pytest.mark.django_db


def _collection(client):
    response = client.get("/opendata/located.geojson")
    assert response.status_code == 200
    return geojson.loads(body(response))


def test_feature_collection_is_valid(client):
    make_world()
    collection = _collection(client)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    for feature in collection["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90


def test_positions_are_longitude_then_latitude(client):
    make_world()
    features = {f["properties"]["type"]: f for f in _collection(client)["features"]}
    assert features["project"]["geometry"]["coordinates"] == [-48.49, -1.45]  # Belém
    assert features["event"]["geometry"]["coordinates"] == [-73.9684, 40.6724]  # Brooklyn
    assert features["opportunity"]["geometry"]["coordinates"] == [-17.44, 14.69]  # Dakar


def test_only_public_items_are_located(client, curator):
    make_world()
    client.force_login(curator)
    titles = [f["properties"]["title"] for f in _collection(client)["features"]]
    assert sorted(titles) == ["Public event", "Public opportunity", "Public project"]


def test_empty_collection_is_valid(client):
    collection = _collection(client)
    assert collection.is_valid and collection["features"] == []
