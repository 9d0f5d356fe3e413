"""The iCalendar module (planet/lib/ical.py): what every file carries, read back with the
`icalendar` library as a calendar app would."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.conf import settings

from planet.events.models import EventStatus
from planet.events.tests.factories import make_event
from planet.lib.ical import calendar_bytes, event_calendar_bytes

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL")
ONLINE = "https://meet.example.org/room-42"


def parse(body: bytes) -> tuple[icalendar.Calendar, list[icalendar.Event]]:
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


def january_event(**extra):
    extra.setdefault("starts_at", datetime(2027, 1, 24, 10, 0, tzinfo=NEW_YORK))
    extra.setdefault("ends_at", datetime(2027, 1, 24, 12, 30, tzinfo=NEW_YORK))
    return make_event(**extra)


def test_one_event_file_carries_the_required_properties_in_utc():
    event = january_event()
    calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert all(name in vevent for name in REQUIRED)
    assert vevent.decoded("DTSTART") == datetime(2027, 1, 24, 15, 0, tzinfo=UTC)
    assert vevent.decoded("DTEND") == datetime(2027, 1, 24, 17, 30, tzinfo=UTC)
    assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert str(vevent["URL"]) == f"{settings.SITE_URL}/events/{event.slug}/"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert "PRODID" in calendar


def test_times_are_written_in_the_z_form_without_a_floating_time():
    event = january_event()
    body = event_calendar_bytes(event, include_online_link=False).decode()
    assert "DTSTART:20270124T150000Z" in body
    assert "DTEND:20270124T173000Z" in body


def test_summer_time_in_the_events_zone_is_applied():
    event = january_event(
        starts_at=datetime(2027, 7, 4, 10, 0, tzinfo=NEW_YORK),
        ends_at=datetime(2027, 7, 4, 11, 0, tzinfo=NEW_YORK),
    )
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert vevent.decoded("DTSTART") == datetime(2027, 7, 4, 14, 0, tzinfo=UTC)


def test_uid_is_stable_and_follows_the_site_host(settings):
    settings.SITE_URL = "https://learningplanet.example.org"
    event = january_event()
    first = parse(event_calendar_bytes(event, include_online_link=False))[1][0]
    again = parse(calendar_bytes([event], name="Feed"))[1][0]
    assert str(first["UID"]) == str(again["UID"]) == f"event-{event.pk}@learningplanet.example.org"
    assert str(first["URL"]).startswith("https://learningplanet.example.org/events/")


def test_dtstamp_is_the_time_the_file_is_made():
    event = january_event()
    with time_machine.travel(datetime(2026, 12, 1, 8, 0, tzinfo=UTC), tick=False):
        _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert vevent.decoded("DTSTAMP") == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_commas_semicolons_and_new_lines_survive_the_round_trip():
    title = "Maths, music; and\nmore"
    event = january_event(title=title, summary="Bring: paper, pens; a friend")
    body = event_calendar_bytes(event, include_online_link=False)
    assert b"SUMMARY:Maths\\, music\\; and\\nmore" in body
    _calendar, (vevent,) = parse(body)
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["DESCRIPTION"]).startswith("Bring: paper, pens; a friend")


def test_long_descriptions_are_folded_and_unfolded_intact():
    summary = "é" * 200
    event = january_event(summary=summary[:240])
    body = event_calendar_bytes(event, include_online_link=False)
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    _calendar, (vevent,) = parse(body)
    assert summary[:240] in str(vevent["DESCRIPTION"])


def test_location_geo_categories_status_and_last_modified():
    event = january_event(address="10 Grand Army Plaza", kind="hackathon")
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert str(vevent["LOCATION"]) == (
        "Brooklyn Public Library, 10 Grand Army Plaza, United States of America"
    )
    geo = vevent["GEO"]
    assert (geo.latitude, geo.longitude) == (40.6724, -73.9684)
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Hackathon"]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("LAST-MODIFIED") == event.updated_at.replace(microsecond=0)


def test_an_online_event_says_online_and_has_no_geo():
    event = january_event(
        format="online", place_name="", country="", latitude=None, longitude=None, online_url=ONLINE
    )
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert str(vevent["LOCATION"]) == "Online"
    assert "GEO" not in vevent


def test_the_description_states_the_events_own_zone():
    event = january_event()
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert "2027-01-24 10:00 (America/New_York)" in str(vevent["DESCRIPTION"])


def test_online_link_only_when_asked_for():
    event = january_event(format="hybrid", online_url=ONLINE)
    assert ONLINE.encode() not in event_calendar_bytes(event, include_online_link=False)
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=True))
    assert ONLINE in str(vevent["DESCRIPTION"])


def test_a_cancelled_event_is_marked_cancelled_with_its_note():
    event = january_event(
        status=EventStatus.CANCELLED, cancellation_note="The venue flooded.", cancelled_at=None
    )
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert "The venue flooded." in str(vevent["DESCRIPTION"])


def test_a_feed_names_itself_asks_to_be_refreshed_and_links_only_chosen_events():
    linked = january_event(title="Linked", online_url=ONLINE)
    other = january_event(title="Other", online_url="https://meet.example.org/other")
    queued = january_event(title="Queued")
    body = calendar_bytes(
        [linked, other, queued],
        name="Festival, 2027; the programme",
        include_online_link_for={linked.pk},
        waiting_for={queued.pk},
    )
    calendar, vevents = parse(body)
    assert b"X-WR-CALNAME:Festival\\, 2027\\; the programme" in body
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in body
    assert b"X-PUBLISHED-TTL:PT6H" in body
    by_title = {str(v["SUMMARY"]): v for v in vevents}
    assert set(by_title) == {"Linked", "Other", "Queued (waiting list)"}
    assert ONLINE in str(by_title["Linked"]["DESCRIPTION"])
    assert b"meet.example.org/other" not in body
    assert str(by_title["Queued (waiting list)"]["STATUS"]) == "TENTATIVE"
    assert all(all(name in v for name in REQUIRED) for v in vevents)


def test_an_empty_feed_is_still_a_valid_calendar():
    calendar, vevents = parse(calendar_bytes([], name="Nothing yet"))
    assert vevents == []
    assert str(calendar["VERSION"]) == "2.0"


def test_event_ending_on_the_next_day_in_utc_keeps_its_instants():
    event = january_event(
        timezone="Asia/Tokyo",
        starts_at=datetime(2027, 1, 24, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo")),
        ends_at=datetime(2027, 1, 24, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo")) + timedelta(hours=2),
    )
    _calendar, (vevent,) = parse(event_calendar_bytes(event, include_online_link=False))
    assert vevent.decoded("DTSTART") == datetime(2027, 1, 23, 23, 0, tzinfo=UTC)
    assert vevent.decoded("DTEND") == datetime(2027, 1, 24, 1, 0, tzinfo=UTC)
