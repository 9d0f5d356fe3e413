"""/map/ and /map/geojson cost a fixed number of queries whatever the number of items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from planet.maps.tests.helpers import located_project, spread_projects


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": 10},  # individual points
        {"zoom": 2},  # clusters, and the lone place in the far north as a marker
        {"zoom": 10, "goal": 4, "type": "project", "bbox": "-180,-90,180,90"},
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "outsider", "curator"])
def test_geojson_queries_do_not_grow_with_items(cast, params, who):
    client = client_for(cast[who])
    located_project("Alone in the far north", lat=85, lng=175)  # a lone cell at low zoom
    spread_projects(5, prefix="Few")
    few = count_queries(client, "/map/geojson", params)
    spread_projects(45, prefix="Many")
    many = count_queries(client, "/map/geojson", params)
    assert few == many


@pytest.mark.parametrize("who", ["anonymous", "outsider", "curator"])
def test_page_queries_do_not_grow_with_items(cast, who):
    client = client_for(cast[who])
    spread_projects(5, prefix="Few")
    few = count_queries(client, "/map/", {"goal": 4})
    spread_projects(45, prefix="Many")
    many = count_queries(client, "/map/", {"goal": 4})
    assert few == many
