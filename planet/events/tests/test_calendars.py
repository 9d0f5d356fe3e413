"""Calendar pages: each event's `.ics`, the festival, organisation and SDG feeds, and the
personal feed at a secret, resettable address. Every body is read back with `icalendar`."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for, make_organisation, make_user
from planet.events.models import (
    CalendarFeed,
    EventStatus,
    FestivalReview,
    RegistrationStatus,
)
from planet.events.tests.factories import add_to_festival, make_event, make_festival, register
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db

REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL")
ONLINE = "https://meet.example.org/secret-room"


def read(response) -> list[icalendar.Event]:
    """The VEVENTs of a calendar response, after checking what every response carries."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].endswith('.ics"')
    calendar = icalendar.Calendar.from_ical(response.content)
    vevents = list(calendar.walk("VEVENT"))
    for vevent in vevents:
        assert all(name in vevent for name in REQUIRED), vevent
    return vevents


def titles(response) -> set[str]:
    return {str(vevent["SUMMARY"]) for vevent in read(response)}


def get(user, url):
    return client_for(user).get(url)


@pytest.fixture
def festival():
    return make_festival()


@pytest.fixture
def hybrid_event(organisation, org_admin):
    return make_event(
        org_admin,
        title="Hybrid hackathon",
        format="hybrid",
        online_url=ONLINE,
        organisation=organisation,
        starts_at=datetime(2027, 1, 24, 10, 0, tzinfo=ZoneInfo("America/New_York")),
        ends_at=datetime(2027, 1, 24, 13, 0, tzinfo=ZoneInfo("America/New_York")),
    )


# One event's .ics ----------------------------------------------------------------------------


def test_event_ics_is_a_calendar_with_the_events_utc_instants(hybrid_event, anonymous):
    response = get(anonymous, reverse("events:ics", args=[hybrid_event.slug]))
    (vevent,) = read(response)
    assert response["Content-Disposition"] == 'attachment; filename="hybrid-hackathon.ics"'
    assert vevent.decoded("DTSTART") == datetime(2027, 1, 24, 15, 0, tzinfo=UTC)
    assert vevent.decoded("DTEND") == datetime(2027, 1, 24, 18, 0, tzinfo=UTC)
    assert str(vevent["URL"]).endswith(f"/events/{hybrid_event.slug}/")


def test_a_confirmed_registrant_gets_the_online_link(hybrid_event, outsider):
    register(hybrid_event, outsider, RegistrationStatus.CONFIRMED)
    response = get(outsider, reverse("events:ics", args=[hybrid_event.slug]))
    (vevent,) = read(response)
    assert ONLINE in str(vevent["DESCRIPTION"])
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("status", [None, RegistrationStatus.WAITING, RegistrationStatus.CANCELLED])
def test_others_do_not_get_the_online_link(hybrid_event, outsider, status):
    if status:
        register(hybrid_event, outsider, status)
    response = get(outsider, reverse("events:ics", args=[hybrid_event.slug]))
    read(response)
    assert ONLINE.encode() not in response.content


def test_anonymous_visitors_do_not_get_the_online_link(hybrid_event, anonymous):
    response = get(anonymous, reverse("events:ics", args=[hybrid_event.slug]))
    read(response)
    assert ONLINE.encode() not in response.content


@pytest.mark.parametrize("name", ["org_admin", "editor", "curator"])
def test_organisers_get_the_online_link(hybrid_event, cast, name):
    response = get(cast[name], reverse("events:ics", args=[hybrid_event.slug]))
    read(response)
    assert ONLINE.encode() in response.content


@pytest.mark.parametrize("name", ["anonymous", "outsider", "member"])
def test_a_draft_event_ics_is_404_to_others(hybrid_event, cast, name):
    hybrid_event.status = EventStatus.DRAFT
    hybrid_event.save()
    assert get(cast[name], reverse("events:ics", args=[hybrid_event.slug])).status_code == 404


def test_a_draft_event_ics_is_served_to_its_organiser(hybrid_event, org_admin):
    hybrid_event.status = EventStatus.DRAFT
    hybrid_event.save()
    assert titles(get(org_admin, reverse("events:ics", args=[hybrid_event.slug]))) == {
        "Hybrid hackathon"
    }


def test_unknown_event_ics_is_404_and_post_is_refused(hybrid_event, outsider):
    assert get(outsider, reverse("events:ics", args=["no-such-event"])).status_code == 404
    url = reverse("events:ics", args=[hybrid_event.slug])
    assert client_for(outsider).post(url).status_code == 405
    assert client_for(outsider).head(url).status_code == 200


def test_a_cancelled_event_ics_says_so(hybrid_event, anonymous):
    hybrid_event.status = EventStatus.CANCELLED
    hybrid_event.save()
    (vevent,) = read(get(anonymous, reverse("events:ics", args=[hybrid_event.slug])))
    assert str(vevent["STATUS"]) == "CANCELLED"


# Public feeds --------------------------------------------------------------------------------


def test_festival_feed_holds_approved_public_events_only(festival, outsider):
    for title, review, status in [
        ("Approved", FestivalReview.APPROVED, EventStatus.PUBLISHED),
        ("Approved then cancelled", FestivalReview.APPROVED, EventStatus.CANCELLED),
        ("Approved draft", FestivalReview.APPROVED, EventStatus.DRAFT),
        ("Still proposed", FestivalReview.PROPOSED, EventStatus.PUBLISHED),
        ("Declined", FestivalReview.DECLINED, EventStatus.PUBLISHED),
    ]:
        add_to_festival(make_event(title=title, status=status), festival, review)
    add_to_festival(make_event(title="Other edition"), make_festival("Festival 2026"))
    make_event(title="Not in a festival")
    response = get(outsider, reverse("events:festival_calendar", args=[festival.slug]))
    assert titles(response) == {"Approved", "Approved then cancelled"}
    assert b"X-WR-CALNAME:Festival of Learning 2027" in response.content


def test_public_feeds_never_carry_online_links_even_for_registrants(
    festival, hybrid_event, org_admin
):
    add_to_festival(hybrid_event, festival)
    register(hybrid_event, org_admin)
    hybrid_event.goals.set(Goal.objects.filter(number=4))
    for url in [
        reverse("events:festival_calendar", args=[festival.slug]),
        reverse("events:organisation_calendar", args=[hybrid_event.organisation.slug]),
        reverse("events:sdg_calendar", args=[4]),
    ]:
        response = get(org_admin, url)
        assert titles(response) == {"Hybrid hackathon"}
        assert ONLINE.encode() not in response.content


def test_feeds_keep_90_days_of_history_and_the_future(festival, anonymous):
    now = timezone.now()
    for title, days_ago in [("Ended 10 days ago", 10), ("Ended 100 days ago", 100)]:
        starts = now - timedelta(days=days_ago, hours=3)
        add_to_festival(
            make_event(title=title, starts_at=starts, ends_at=starts + timedelta(hours=3)),
            festival,
        )
    add_to_festival(make_event(title="Next week"), festival)
    response = get(anonymous, reverse("events:festival_calendar", args=[festival.slug]))
    assert titles(response) == {"Ended 10 days ago", "Next week"}


def test_unknown_festival_feed_is_404(anonymous):
    url = reverse("events:festival_calendar", args=["no-such-festival"])
    assert get(anonymous, url).status_code == 404


def test_organisation_feed_holds_its_public_events(organisation, anonymous):
    make_event(title="Ours", organisation=organisation)
    make_event(title="Ours, cancelled", organisation=organisation, status=EventStatus.CANCELLED)
    make_event(title="Our draft", organisation=organisation, status=EventStatus.DRAFT)
    make_event(title="Theirs", organisation=make_organisation("Another school"))
    response = get(anonymous, reverse("events:organisation_calendar", args=[organisation.slug]))
    assert titles(response) == {"Ours", "Ours, cancelled"}
    assert response["Content-Disposition"] == 'attachment; filename="lycee-planete-events.ics"'


def test_a_draft_stays_out_of_the_organisation_feed_even_for_its_organisers(
    organisation, org_admin
):
    make_event(org_admin, title="Our draft", organisation=organisation, status=EventStatus.DRAFT)
    url = reverse("events:organisation_calendar", args=[organisation.slug])
    assert titles(get(org_admin, url)) == set()


def test_unknown_organisation_feed_is_404(anonymous):
    url = reverse("events:organisation_calendar", args=["nobody"])
    assert get(anonymous, url).status_code == 404


def test_sdg_feed_holds_public_events_tagged_with_the_goal(anonymous):
    education, climate = Goal.objects.get(number=4), Goal.objects.get(number=13)
    for title, goals, status in [
        ("Education", [education], EventStatus.PUBLISHED),
        ("Both", [education, climate], EventStatus.PUBLISHED),
        ("Climate", [climate], EventStatus.PUBLISHED),
        ("Education draft", [education], EventStatus.DRAFT),
    ]:
        make_event(title=title, status=status).goals.set(goals)
    response = get(anonymous, reverse("events:sdg_calendar", args=[4]))
    assert titles(response) == {"Education", "Both"}
    assert "Quality" in str(icalendar.Calendar.from_ical(response.content)["X-WR-CALNAME"])


@pytest.mark.parametrize("number", [0, 18, 99])
def test_sdg_feed_outside_1_to_17_is_404(anonymous, number):
    assert get(anonymous, f"/events/calendar/sdg/{number}.ics").status_code == 404


# The personal feed ---------------------------------------------------------------------------


@pytest.fixture
def person():
    return make_user("pat@example.org", "Pat Person")


def personal_url(user) -> str:
    return reverse("events:personal_calendar", args=[CalendarFeed.for_user(user).token])


def test_personal_feed_lists_confirmed_and_waiting_registrations(person, outsider, anonymous):
    register(make_event(title="Confirmed", online_url=ONLINE), person)
    register(
        make_event(title="Queued", online_url="https://meet.example.org/queued"),
        person,
        RegistrationStatus.WAITING,
    )
    register(make_event(title="Left", online_url=ONLINE), person, RegistrationStatus.CANCELLED)
    register(make_event(title="Someone else's"), outsider)
    make_event(title="Not registered")
    response = get(anonymous, personal_url(person))  # calendar apps send no cookies
    by_title = {str(v["SUMMARY"]): v for v in read(response)}
    assert set(by_title) == {"Confirmed", "Queued (waiting list)"}
    assert ONLINE in str(by_title["Confirmed"]["DESCRIPTION"])
    assert str(by_title["Queued (waiting list)"]["STATUS"]) == "TENTATIVE"
    assert b"meet.example.org/queued" not in response.content
    assert "no-store" in response["Cache-Control"]


def test_a_token_is_a_capability_showing_its_owners_events_only(person, outsider):
    register(make_event(title="Pat's"), person)
    register(make_event(title="Olu's"), outsider)
    assert titles(get(outsider, personal_url(person))) == {"Pat's"}
    assert titles(get(person, personal_url(outsider))) == {"Olu's"}


def test_unknown_token_is_404(anonymous, person):
    CalendarFeed.for_user(person)
    url = reverse("events:personal_calendar", args=["not-a-token"])
    assert get(anonymous, url).status_code == 404


def test_a_deactivated_persons_feed_is_404(person, anonymous):
    url = personal_url(person)
    person.is_active = False
    person.save()
    assert get(anonymous, url).status_code == 404


def test_personal_feed_leaves_out_events_turned_back_into_drafts(person, anonymous):
    register(make_event(title="Withdrawn", status=EventStatus.DRAFT), person)
    register(make_event(title="On"), person)
    assert titles(get(anonymous, personal_url(person))) == {"On"}


def test_personal_feed_marks_events_cancelled_by_their_organiser(person, anonymous):
    register(make_event(title="Called off", status=EventStatus.CANCELLED), person)
    (vevent,) = read(get(anonymous, personal_url(person)))
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_reset_gives_a_new_address_and_the_old_one_stops_working(person, anonymous):
    register(make_event(title="Mine"), person)
    old_url = personal_url(person)
    assert titles(get(anonymous, old_url)) == {"Mine"}
    response = client_for(person).post(reverse("events:calendar_reset"))
    assert response.status_code == 302
    assert response["Location"] == reverse("events:mine")
    [message] = get_messages(response.wsgi_request)
    assert "new secret address" in str(message)
    new_url = personal_url(person)
    assert new_url != old_url
    assert get(anonymous, old_url).status_code == 404
    assert titles(get(anonymous, new_url)) == {"Mine"}


def test_reset_needs_a_signed_in_person_and_a_post(person, anonymous):
    url = personal_url(person)
    response = client_for(anonymous).post(reverse("events:calendar_reset"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client_for(person).get(reverse("events:calendar_reset")).status_code == 405
    assert get(anonymous, url).status_code == 200  # unchanged


def test_reset_by_one_person_leaves_others_feeds_alone(person, outsider, anonymous):
    other_url = personal_url(outsider)
    client_for(person).post(reverse("events:calendar_reset"))
    assert get(anonymous, other_url).status_code == 200


# Links on other pages ------------------------------------------------------------------------


def test_organisation_page_links_to_its_calendar(organisation, anonymous):
    response = get(anonymous, reverse("orgs:detail", args=[organisation.slug]))
    path = reverse("events:organisation_calendar", args=[organisation.slug])
    assert f'href="webcal://127.0.0.1:8000{path}"'.encode() in response.content
    assert f'href="http://127.0.0.1:8000{path}"'.encode() in response.content


def test_sdg_page_links_to_its_calendar(anonymous):
    response = get(anonymous, reverse("sdgs:detail", args=[4]))
    path = reverse("events:sdg_calendar", args=[4])
    assert f'href="webcal://127.0.0.1:8000{path}"'.encode() in response.content


# Query counts --------------------------------------------------------------------------------


def make_events_for_every_feed(count, festival, organisation, person):
    goal = Goal.objects.get(number=4)
    for index in range(count):
        event = make_event(title=f"Event {index}", organisation=organisation, online_url=ONLINE)
        add_to_festival(event, festival)
        event.goals.add(goal)
        waiting = index % 3 == 1
        register(
            event, person, RegistrationStatus.WAITING if waiting else RegistrationStatus.CONFIRMED
        )


def feed_urls(festival, organisation, person):
    return [
        reverse("events:festival_calendar", args=[festival.slug]),
        reverse("events:organisation_calendar", args=[organisation.slug]),
        reverse("events:sdg_calendar", args=[4]),
        personal_url(person),
    ]


def test_feeds_cost_the_same_queries_for_3_or_20_events(
    festival, organisation, person, anonymous, django_assert_num_queries
):
    make_events_for_every_feed(3, festival, organisation, person)
    urls = feed_urls(festival, organisation, person)
    client = client_for(anonymous)
    baseline = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert len(read(client.get(url))) == 3
        baseline.append(len(queries.captured_queries))
    make_events_for_every_feed(17, festival, organisation, person)
    for url, expected in zip(urls, baseline, strict=True):
        with django_assert_num_queries(expected):
            assert len(read(client.get(url))) == 20


def test_personal_calendar_box_shows_the_secret_address_and_the_reset_button(person, rf):
    feed = CalendarFeed.for_user(person)
    request = rf.get("/events/mine/")
    html = render_to_string(
        "events/_personal_calendar.html", {"calendar_feed": feed}, request=request
    )
    assert f'href="webcal://127.0.0.1:8000/events/calendar/me/{feed.token}.ics"' in html
    assert f'href="http://127.0.0.1:8000/events/calendar/me/{feed.token}.ics"' in html
    assert f'action="{reverse("events:calendar_reset")}"' in html
    assert "csrfmiddlewaretoken" in html
