"""Events on the world map and in the search: published events with a place for everybody,
drafts and cancelled events nowhere; the index follows creation, edits and cancellation."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import client_for, make_user
from planet.events.models import EventStatus
from planet.events.tests.factories import make_event
from planet.maps.tests.helpers import geojson_of, titles
from planet.sdgs.models import Goal
from planet.search.tests.helpers import facet, search
from planet.search.tests.helpers import titles as found_titles

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def events(owner, organisation):
    published = make_event(
        owner,
        organisation=organisation,
        title="Mangrove planting day",
        summary="Plant mangroves along the lagoon with the school.",
        place_name="Lagoon of Ébrié",
        country="CI",
        latitude=5.3,
        longitude=-4.0,
        languages=["fr"],
    )
    published.goals.set(Goal.objects.filter(number__in=[13, 14]))
    make_event(owner, title="Mangrove draft", status=EventStatus.DRAFT, latitude=5.3, longitude=-4)
    make_event(owner, title="Mangrove cancelled", status=EventStatus.CANCELLED)
    make_event(owner, title="Mangrove online", format="online", latitude=None, longitude=None)
    make_event(
        owner,
        title="Mangrove long ago",
        starts_at=NOW - datetime.timedelta(days=90),
        latitude=6.0,
        longitude=-4.5,
    )
    return published


# The map -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("zoom", [0, 10])
def test_the_map_shows_the_published_located_event_and_not_the_draft(cast, events, who, zoom):
    data = geojson_of(client_for(cast[who]).get("/map/geojson", {"zoom": zoom, "type": "event"}))
    assert data["total"] == 1
    feature = data["features"][0]
    assert feature["properties"]["title"] == "Mangrove planting day"
    assert feature["geometry"]["coordinates"] == [-4.0, 5.3]
    assert feature["properties"]["type"] == "event"
    assert feature["properties"]["url"] == events.get_absolute_url()
    assert feature["properties"]["sdgs"] == [13, 14]
    body = str(data)
    assert "draft" not in body and "cancelled" not in body and "long ago" not in body


def test_the_map_filters_events_by_goal_and_lists_them_without_javascript(events):
    client = client_for(None)
    on_goal = geojson_of(client.get("/map/geojson", {"zoom": 10, "goal": 14}))
    assert titles(on_goal) == {"Mangrove planting day"}
    off_goal = geojson_of(client.get("/map/geojson", {"zoom": 10, "goal": 1, "type": "event"}))
    assert off_goal["total"] == 0
    page = client.get("/map/", {"type": "event"}).content.decode()
    assert "Mangrove planting day" in page and "Lagoon of Ébrié" in page
    assert "Mangrove draft" not in page and "Mangrove cancelled" not in page


def test_cancelling_takes_an_event_off_the_map_and_out_of_the_search(events, owner):
    assert found_titles(search(None, q="mangroves lagoon")) == ["Mangrove planting day"]
    client_for(owner).post(reverse("events:cancel", args=[events.slug]), {"note": "Storm."})
    data = geojson_of(client_for(None).get("/map/geojson", {"zoom": 10, "type": "event"}))
    assert data["total"] == 0
    assert found_titles(search(None, q="mangroves lagoon")) == []


# The search --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_search_finds_the_published_event_and_not_the_draft(cast, events, who):
    found = found_titles(search(cast[who], q="mangrove"))
    assert sorted(found) == ["Mangrove long ago", "Mangrove online", "Mangrove planting day"]
    response = search(cast[who], q="lagoon")
    assert found_titles(response) == ["Mangrove planting day"]
    assert facet(response, "type") == {"event": 1}
    assert facet(response, "goal") == {"13": 1, "14": 1}
    assert facet(response, "country") == {"CI": 1}
    assert "Event" in response.context["found"].page[0].badges
    assert found_titles(search(cast[who], q="lagoon school")) == ["Mangrove planting day"]
    assert found_titles(search(cast[who], q="Lycée Planète", type="event")) == [
        "Mangrove planting day"
    ]


def test_the_index_follows_the_event_form(member):
    data = {
        "title": "Beekeeping hackathon",
        "summary": "Sensors for urban hives.",
        "content_language": "en",
        "kind": "hackathon",
        "format": "in_person",
        "timezone": "Europe/Berlin",
        "starts_at": "2026-07-01T10:00",
        "ends_at": "2026-07-01T18:00",
        "place_name": "Tempelhof",
        "country": "DE",
        "goals": ["15"],
        "action": "draft",
    }
    client = client_for(member)
    client.post(reverse("events:create"), data)
    assert found_titles(search(None, q="beekeeping")) == []

    from planet.events.models import Event

    event = Event.objects.get()
    client.post(reverse("events:edit", args=[event.slug]), {**data, "action": "publish"})
    assert found_titles(search(None, q="beekeeping")) == ["Beekeeping hackathon"]

    renamed = {**data, "action": "publish", "title": "Pollinator hackathon"}
    client.post(reverse("events:edit", args=[event.slug]), renamed)
    assert found_titles(search(None, q="beekeeping")) == []
    assert found_titles(search(None, q="pollinator")) == ["Pollinator hackathon"]
    assert facet(search(None, q="pollinator"), "goal") == {"15": 1}
