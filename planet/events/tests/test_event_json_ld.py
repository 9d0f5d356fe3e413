"""schema.org Event JSON-LD on event pages: dates with the event's offset, status, attendance
mode, place and geo, organiser, languages, the festival as `superEvent`, and never the online
link."""

import datetime
import json
import re

import pytest
import time_machine
from django.conf import settings

from conftest import client_for, make_user
from planet.events.models import EventStatus
from planet.events.tests.factories import add_to_festival, make_event, make_festival, register

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
SCHEMA = "https://schema.org/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


def json_ld(user, event) -> dict:
    response = client_for(user).get(event.get_absolute_url())
    assert response.status_code == 200
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_an_in_person_event(owner, organisation):
    event = make_event(
        owner,
        organisation=organisation,
        title="Repair café",
        timezone="Europe/Paris",
        starts_at=datetime.datetime(2027, 1, 24, 9, 0, tzinfo=UTC),
        place_name="Maison des métallos",
        address="94 rue Jean-Pierre Timbaud",
        country="FR",
        latitude=48.8677,
        longitude=2.377,
        languages=["fr", "en"],
        capacity=40,
    )
    data = json_ld(None, event)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Repair café"
    assert data["url"] == settings.SITE_URL + event.get_absolute_url()
    assert data["startDate"] == "2027-01-24T10:00:00+01:00"  # Paris in winter
    assert data["endDate"] == "2027-01-24T13:00:00+01:00"
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Maison des métallos",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "94 rue Jean-Pierre Timbaud",
            "addressCountry": "FR",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 48.8677, "longitude": 2.377},
    }
    assert data["organizer"]["@type"] == "Organization"
    assert data["organizer"]["name"] == "Lycée Planète"
    assert data["inLanguage"] == ["fr", "en"]
    assert data["maximumAttendeeCapacity"] == 40
    assert "superEvent" not in data


def test_an_event_without_organisation_is_organised_by_its_creator(owner):
    data = json_ld(None, make_event(owner))
    assert data["organizer"] == {
        "@type": "Person",
        "name": "Olga Owner",
        "url": settings.SITE_URL + owner.profile.get_absolute_url(),
    }


@pytest.mark.parametrize(
    ("event_format", "mode", "types"),
    [
        ("online", "OnlineEventAttendanceMode", ["VirtualLocation"]),
        ("hybrid", "MixedEventAttendanceMode", ["Place", "VirtualLocation"]),
    ],
)
def test_online_events_never_carry_their_link(owner, event_format, mode, types):
    event = make_event(owner, format=event_format, online_url="https://meet.example.org/secret")
    registrant = make_user("registrant@example.org")
    register(event, registrant)
    for viewer in (None, registrant, owner):
        data = json_ld(viewer, event)
        assert data["eventAttendanceMode"] == SCHEMA + mode
        locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
        assert [place["@type"] for place in locations] == types
        assert "secret" not in json.dumps(data)


def test_a_cancelled_event_says_so(owner):
    event = make_event(owner, status=EventStatus.CANCELLED)
    assert json_ld(None, event)["eventStatus"] == SCHEMA + "EventCancelled"


def test_an_approved_festival_event_points_to_its_edition(owner):
    festival = make_festival()
    event = add_to_festival(make_event(owner), festival)
    data = json_ld(None, event)
    url = settings.SITE_URL + festival.get_absolute_url()
    assert data["superEvent"] == {
        "@type": "Event",
        "@id": url,
        "name": "Festival of Learning 2027",
        "url": url,
        "startDate": "2027-01-20",
        "endDate": "2027-01-28",
    }


@pytest.mark.parametrize("review", ["proposed", "declined"])
def test_an_event_not_approved_has_no_super_event(owner, review):
    event = add_to_festival(make_event(owner), make_festival(), review=review)
    assert "superEvent" not in json_ld(None, event)


def test_markup_in_the_title_cannot_close_the_script(owner):
    event = make_event(owner, title="</script><script>alert(1)</script>")
    html = client_for(None).get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(None, event)["name"] == "</script><script>alert(1)</script>"
