"""The global programme of a Festival edition: day by day in the viewer's zone, live figures,
filters applied to programme, map and figures alike, and a fixed number of queries."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for, make_user
from planet.events.models import EventStatus, FestivalReview, RegistrationStatus
from planet.events.programme import Figures, ProgrammeFilters, by_day, festival_events, figures
from planet.events.tests.factories import add_to_festival, make_event, make_festival, register
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(day, hour, minute=0):
    return datetime.datetime(2027, 1, day, hour, minute, tzinfo=UTC)


def festival_event(festival, title, starts_at, **extra):
    event = make_event(title=title, starts_at=starts_at, **extra)
    return add_to_festival(event, festival)


def programme_days(response) -> list[tuple[datetime.date, list[str]]]:
    return [(day.day, [event.title for event in day.events]) for day in response.context["days"]]


@pytest.fixture
def festival():
    return make_festival()


# Day by day in the viewer's zone -----------------------------------------------------------


def test_an_event_late_in_utc_falls_on_the_next_day_for_a_viewer_in_tokyo(festival, outsider):
    festival_event(festival, "Night reading", at(20, 23, 30), timezone="Europe/London")
    festival_event(festival, "Morning talk", at(20, 9, 0), timezone="Europe/London")
    anonymous_days = programme_days(client_for(None).get(festival.get_absolute_url()))
    assert anonymous_days == [(datetime.date(2027, 1, 20), ["Morning talk", "Night reading"])]

    outsider.profile.timezone = "Asia/Tokyo"
    outsider.profile.save()
    response = client_for(outsider).get(festival.get_absolute_url())
    assert programme_days(response) == [
        (datetime.date(2027, 1, 20), ["Morning talk"]),
        (datetime.date(2027, 1, 21), ["Night reading"]),
    ]
    page = response.content.decode()
    assert "08:30" in page or "8:30 a.m." in page  # 23:30 UTC read in Tokyo
    assert "Europe/London" in page  # the event's own zone is stated


def test_a_visitor_may_choose_the_zone_in_the_url(festival):
    festival_event(festival, "Night reading", at(20, 23, 30), timezone="UTC")
    response = client_for(None).get(festival.get_absolute_url(), {"tz": "Asia/Tokyo"})
    assert programme_days(response) == [(datetime.date(2027, 1, 21), ["Night reading"])]
    assert response.context["zone_name"] == "Asia/Tokyo"
    ignored = client_for(None).get(festival.get_absolute_url(), {"tz": "Mars/Olympus"})
    assert programme_days(ignored) == [(datetime.date(2027, 1, 20), ["Night reading"])]


def test_by_day_states_the_event_zone_only_when_it_differs():
    festival = make_festival()
    new_york = festival_event(festival, "A", at(21, 15), timezone="America/New_York")
    tokyo = festival_event(festival, "B", at(21, 16), timezone="Asia/Tokyo")
    days = by_day([new_york, tokyo], zoneinfo.ZoneInfo("America/New_York"))
    assert [day.day for day in days] == [datetime.date(2027, 1, 21)]
    assert new_york.shows_own_zone is False and tokyo.shows_own_zone is True
    assert new_york.local_starts_at.hour == 10  # 15:00 UTC is 10:00 in New York


# Figures -----------------------------------------------------------------------------------


def test_figures_count_approved_published_events_and_confirmed_people_only(festival):
    people = [make_user(f"p{n}@example.org") for n in range(4)]
    paris = festival_event(festival, "Paris", at(21, 10), country="FR")
    lyon = festival_event(festival, "Lyon", at(22, 10), country="FR")
    online = festival_event(festival, "Online", at(23, 10), country="", format="online")
    festival_event(festival, "Dakar", at(24, 10), country="SN", status=EventStatus.CANCELLED)
    festival_event(festival, "Draft", at(24, 10), country="JP", status=EventStatus.DRAFT)
    declined = make_event(title="Declined", starts_at=at(25, 10), country="KE")
    add_to_festival(declined, festival, FestivalReview.DECLINED)
    proposed = make_event(title="Proposed", starts_at=at(25, 10), country="IN")
    add_to_festival(proposed, festival, FestivalReview.PROPOSED)
    make_event(title="Not in the festival", starts_at=at(25, 10), country="BR")
    register(paris, people[0])
    register(lyon, people[0])  # the same person counts once
    register(online, people[1])
    register(lyon, people[2], RegistrationStatus.WAITING)
    register(online, people[3], RegistrationStatus.CANCELLED)
    for event in (declined, proposed):
        register(event, people[3])

    response = client_for(None).get(festival.get_absolute_url())
    shown = response.context["figures"]
    assert (shown.events, shown.countries, shown.registered) == (3, 1, 2)
    assert "3 events in 1 country, 2 people registered" in response.content.decode()
    titles = [e.title for day in response.context["days"] for e in day.events]
    assert titles == ["Paris", "Lyon", "Online"]


def test_figures_of_an_empty_edition_are_zero(festival):
    assert figures(festival_events(festival, make_user("x@example.org"))) == Figures(0, 0, 0)


# Filters -----------------------------------------------------------------------------------


@pytest.fixture
def varied(festival):
    climate, education = Goal.objects.get(number=13), Goal.objects.get(number=4)
    kenya = festival_event(
        festival, "Nairobi", at(21, 10), country="KE", languages=["sw", "en"], format="hybrid",
        latitude=-1.29, longitude=36.82,
    )  # fmt: skip
    kenya.goals.set([climate])
    france = festival_event(
        festival, "Lyon", at(22, 10), country="FR", languages=["fr"], latitude=45.76,
        longitude=4.84,
    )  # fmt: skip
    france.goals.set([education, climate])
    online = festival_event(
        festival, "Online", at(23, 10), country="", languages=["en", "fr"], format="online",
        latitude=None, longitude=None,
    )  # fmt: skip
    online.goals.set([education])
    for n, event in enumerate([kenya, kenya, france]):
        register(event, make_user(f"r{n}@example.org"))
    return festival


@pytest.mark.parametrize(
    ("query", "titles", "figures_expected", "pins"),
    [
        ({}, ["Nairobi", "Lyon", "Online"], (3, 2, 3), ["Nairobi", "Lyon"]),
        ({"sdg": "13"}, ["Nairobi", "Lyon"], (2, 2, 3), ["Nairobi", "Lyon"]),
        ({"language": "fr"}, ["Lyon", "Online"], (2, 1, 1), ["Lyon"]),
        ({"language": "en"}, ["Nairobi", "Online"], (2, 1, 2), ["Nairobi"]),
        ({"country": "KE"}, ["Nairobi"], (1, 1, 2), ["Nairobi"]),
        ({"format": "online"}, ["Online"], (1, 0, 0), []),
        ({"sdg": "4", "language": "fr", "country": "FR"}, ["Lyon"], (1, 1, 1), ["Lyon"]),
        ({"sdg": "99", "format": "teleport"}, ["Nairobi", "Lyon", "Online"], (3, 2, 3), None),
    ],
)
def test_filters_narrow_programme_map_and_figures_alike(
    varied, query, titles, figures_expected, pins
):
    response = client_for(None).get(varied.get_absolute_url(), query)
    assert response.status_code == 200
    assert [e.title for day in response.context["days"] for e in day.events] == titles
    shown = response.context["figures"]
    assert (shown.events, shown.countries, shown.registered) == figures_expected
    if pins is not None:
        assert [point["label"] for point in response.context["points"]] == pins


def test_the_filters_stay_in_the_form(varied):
    page = client_for(None).get(varied.get_absolute_url(), {"country": "KE"}).content.decode()
    assert '<option value="KE" selected>' in page


def test_the_language_filter_matches_whole_codes(festival):
    festival_event(festival, "Ennish", at(21, 10), languages=["enx"])
    festival_event(festival, "English", at(22, 10), languages=["en"])
    events = festival_events(festival, make_user("v@example.org"), ProgrammeFilters(language="en"))
    assert [event.title for event in events] == ["English"]


# Queries -----------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "curator"])
def test_the_edition_page_costs_the_same_queries_for_5_or_30_events(festival, cast, viewer):
    goals = list(Goal.objects.filter(number__in=[4, 13]))
    client = client_for(cast[viewer])

    def add(count):
        for n in range(count):
            starts = at(20 + n % 8, n % 24)
            event = festival_event(festival, f"Event {n}", starts, languages=["en"])
            event.goals.set(goals)
            register(event, make_user(f"q{n}-{count}@example.org"))

    add(5)
    url = festival.get_absolute_url() + "?sdg=4&language=en"
    few, home = _queries(client, url), _queries(client, "/festival/")
    add(25)
    assert _queries(client, url) == few
    assert _queries(client, "/festival/") == home
