"""/map/: the Leaflet map with its config, and the text list that works without JS."""

import json
import re

import pytest

from conftest import client_for
from planet.maps.tests.helpers import located_project, spread_projects
from planet.sdgs.models import Goal


def test_page_carries_the_map_and_its_config(db, settings):
    located_project("Rivers as classrooms")
    response = client_for(None).get("/map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="world-map"' in html
    assert 'aria-label="Interactive world map' in html
    assert f'data-tiles="{settings.MAP_TILE_URL}"' in html
    assert "leaflet.markercluster.js" in html and "js/world-map.js" in html
    config = json.loads(re.search(r'id="world-map-config"[^>]*>(.*?)</script>', html, re.S)[1])
    assert config["geojson"] == "/map/geojson"
    assert config["types"] == {
        "project": "Project",
        "event": "Event",
        "opportunity": "Learning opportunity",
    }


def test_page_has_no_inline_script_or_style(db):
    located_project("Rivers as classrooms")
    html = client_for(None).get("/map/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "style=" not in html


def test_without_js_the_list_shows_every_located_item(db):
    located_project("Rivers as classrooms", lat=-1.45, lng=-48.49)
    html = client_for(None).get("/map/").content.decode()
    assert "1 item on the map" in html
    assert "Rivers as classrooms" in html
    assert "Rivers as classrooms town" in html  # the place name
    assert "SDGs 4, 6" in html


def test_the_list_follows_the_filters(db):
    located_project("Rivers as classrooms")
    climate = located_project("Climate cafés")
    climate.goals.set(Goal.objects.filter(number=13))
    html = client_for(None).get("/map/", {"goal": 13, "type": "project"}).content.decode()
    assert "Climate cafés" in html and "Rivers as classrooms" not in html
    html = client_for(None).get("/map/", {"goal": 2}).content.decode()
    assert "No published place matches these filters yet." in html


def test_the_list_is_paginated_keeping_filters(db):
    spread_projects(30)
    client = client_for(None)
    first = client.get("/map/", {"goal": 4}).content.decode()
    assert "30 items on the map" in first
    assert "?goal=4&amp;page=2" in first
    second = client.get("/map/", {"goal": 4, "page": 2}).content.decode()
    assert second.count('<li>\n        <a href="/projects/') == 5


@pytest.mark.parametrize("path", ["/", "/map/", "/projects/"])
def test_main_navigation_links_to_the_map(db, path):
    assert 'href="/map/">Map</a>' in client_for(None).get(path).content.decode()
