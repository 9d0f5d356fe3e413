"""The event list and the event's page: who sees what, times in the viewer's zone with the
event's own, the online link kept for registered people, and a fixed cost in queries."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for, make_user
from planet.events.models import Event, EventStatus, RegistrationStatus
from planet.events.tests.factories import add_to_festival, make_event, make_festival, register
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


def _at(hours_from_now, **extra):
    return make_event(None, starts_at=NOW + hours_from_now * HOUR, **extra)


def _page(user=None, **params) -> str:
    response = client_for(user).get(reverse("events:list"), params)
    assert response.status_code == 200
    return response.content.decode()


# The list ----------------------------------------------------------------------------------


def test_upcoming_events_first_in_time_order_and_past_ones_behind_a_switch():
    _at(-48, title="Last week's talk")
    later = _at(100, title="Later workshop")
    sooner = _at(10, title="Sooner workshop")
    running = _at(-1, title="Running now")  # ends in two hours

    page = _page()
    positions = [page.index(f">{e.title}</a>") for e in (running, sooner, later)]
    assert positions == sorted(positions)
    assert "Last week&#x27;s talk" not in page and "3 upcoming events" in page

    past = _page(when="past")
    assert "Last week&#x27;s talk" in past and "Sooner workshop" not in past
    assert "1 past event" in past


def test_drafts_are_never_listed_and_cancelled_events_are_marked(owner):
    make_event(owner, title="Secret draft", status=EventStatus.DRAFT)
    make_event(owner, title="Called off", status=EventStatus.CANCELLED)
    for user in (None, owner):
        page = _page(user)
        assert "Secret draft" not in page
        assert "Called off" in page and "badge-cancelled" in page


def test_cards_show_kind_format_places_left_and_full(owner):
    roomy = make_event(owner, title="Roomy", capacity=12, kind="talk", format="hybrid")
    register(roomy, make_user("a@example.org"))
    full = make_event(owner, title="Packed", capacity=1)
    register(full, make_user("b@example.org"))
    register(full, make_user("c@example.org"), status=RegistrationStatus.WAITING)
    make_event(owner, title="Unlimited")

    page = _page()
    assert "11 places left" in page
    assert "Full — waiting list" in page
    assert "no limit on places" in page
    assert ">Talk<" in page and ">Hybrid<" in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "hackathon"}, {"Hack"}),
        ({"format": "online"}, {"Webinar"}),
        ({"country": "SN"}, {"Dakar"}),
        ({"language": "fr"}, {"Dakar", "Webinar"}),
        ({"goal": "13"}, {"Hack"}),
        ({"kind": "nonsense"}, {"Hack", "Webinar", "Dakar", "Plain"}),
    ],
)
def test_filters_live_in_the_url(owner, params, expected):
    hack = make_event(owner, title="Hack", kind="hackathon")
    hack.goals.set(Goal.objects.filter(number=13))
    make_event(owner, title="Webinar", format="online", languages=["fr", "en"])
    make_event(owner, title="Dakar", country="SN", languages=["fr", "wo"])
    make_event(owner, title="Plain", languages=["en"])

    page = _page(**params)
    shown = {title for title in ("Hack", "Webinar", "Dakar", "Plain") if f">{title}</a>" in page}
    assert shown == expected


def test_the_festival_filter_keeps_approved_local_events(owner):
    festival = make_festival(starts_on=datetime.date(2026, 6, 1), ends_on=datetime.date(2026, 6, 9))
    add_to_festival(make_event(owner, title="Approved one"), festival)
    add_to_festival(make_event(owner, title="Proposed one"), festival, review="proposed")
    make_event(owner, title="Outside")

    page = _page(festival=festival.slug)
    assert "Approved one" in page
    assert "Proposed one" not in page and "Outside" not in page


def test_times_are_shown_in_the_viewers_zone_with_the_events_zone(owner):
    # 16:00 UTC is 12:00 in New York (the event's zone) and 01:00 the next day in Tokyo.
    make_event(owner, starts_at=datetime.datetime(2026, 6, 10, 16, 0, tzinfo=UTC))
    viewer = make_user("tokyo@example.org")
    viewer.profile.timezone = "Asia/Tokyo"
    viewer.profile.save()

    page = _page(viewer)
    assert "June 11, 2026, 1 a.m." in page and "your time, Asia/Tokyo" in page
    assert "At the event: June 10, 2026, noon" in page and "(America/New_York)" in page
    assert 'datetime="2026-06-10T16:00:00+00:00"' in page

    new_yorker = make_user("ny@example.org")
    new_yorker.profile.timezone = "America/New_York"
    new_yorker.profile.save()
    page = _page(new_yorker)
    assert "June 10, 2026, noon" in page and "At the event" not in page


def test_the_list_costs_the_same_queries_for_5_or_25_events(owner):
    def queries_for_page():
        client = client_for(owner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("events:list")).status_code == 200
        return len(captured)

    goals = list(Goal.objects.filter(number__in=[4, 13]))

    def add(count):
        for index in range(count):
            event = make_event(owner, title=f"Event {index}", capacity=5)
            event.goals.set(goals)
            register(event, make_user(f"guest{Event.objects.count()}-{index}@example.org"))

    add(5)
    few = queries_for_page()
    add(20)
    many = queries_for_page()
    assert few == many


# The event's page --------------------------------------------------------------------------


@pytest.fixture
def online_event(owner, organisation):
    event = make_event(
        owner,
        title="Climate webinar",
        organisation=organisation,
        format="hybrid",
        online_url="https://meet.example.org/secret-room",
        address="10 Grand Army Plaza",
        capacity=2,
        languages=["en", "es"],
        audience=["youth"],
        description="Bring **questions**.",
    )
    event.goals.set(Goal.objects.filter(number__in=[4, 13]))
    return event


def _detail(user, event):
    response = client_for(user).get(reverse("events:detail", args=[event.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_describes_the_event(online_event):
    page = _detail(None, online_event)
    assert "Climate webinar" in page and "<strong>questions</strong>" in page
    assert "10 Grand Army Plaza" in page and "openstreetmap.org/?mlat=40.672400" in page
    assert "Lycée Planète" in page
    assert "English, Spanish" in page and "Young adults (18-24)" in page
    assert "2 places in all" in page
    assert reverse("events:ics", args=[online_event.slug]) in page
    assert "the link is shown to registered people" in page


def test_the_online_link_is_only_for_confirmed_registrants_and_organisers(
    cast, owner, online_event
):
    registrant = make_user("registrant@example.org")
    register(online_event, registrant)
    waiting = make_user("waiting@example.org")
    register(online_event, waiting, status=RegistrationStatus.WAITING)
    gone = make_user("gone@example.org")
    register(online_event, gone, status=RegistrationStatus.CANCELLED)

    secret = "secret-room"
    for user in (None, cast["outsider"], cast["member"], waiting, gone):
        assert secret not in _detail(user, online_event)
    for user in (registrant, owner, cast["org_admin"], cast["curator"]):
        assert secret in _detail(user, online_event)


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "member"])
def test_drafts_are_not_found_by_others(cast, owner, viewer):
    draft = make_event(owner, status=EventStatus.DRAFT)
    response = client_for(cast[viewer]).get(reverse("events:detail", args=[draft.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("viewer", ["org_admin", "editor", "curator"])
def test_drafts_are_shown_to_their_organisers(cast, owner, organisation, viewer):
    draft = make_event(owner, organisation=organisation, status=EventStatus.DRAFT)
    page = _detail(cast[viewer], draft)
    assert "Draft: only its organisers see it" in page and "Edit the event" in page
    assert "application/ld+json" not in page


def test_organiser_links_are_only_shown_to_organisers(cast, owner, online_event):
    assert "Edit the event" in _detail(owner, online_event)
    assert "Cancel the event" in _detail(owner, online_event)
    for name in ("anonymous", "outsider", "member"):
        page = _detail(cast[name], online_event)
        assert "Edit the event" not in page and "Cancel the event" not in page


def test_the_page_shows_times_in_the_viewers_zone(owner):
    event = make_event(owner, starts_at=datetime.datetime(2026, 6, 10, 16, 0, tzinfo=UTC))
    viewer = make_user("paris@example.org")
    viewer.profile.timezone = "Europe/Paris"
    viewer.profile.save()
    page = _detail(viewer, event)
    assert "June 10, 2026, 6 p.m." in page and "your time, Europe/Paris" in page
    assert "At the event: June 10, 2026, noon" in page


def test_an_approved_festival_event_links_to_its_edition(owner):
    festival = make_festival()
    approved = add_to_festival(make_event(owner, title="In the festival"), festival)
    proposed = add_to_festival(make_event(owner, title="Proposed"), festival, review="proposed")
    assert festival.get_absolute_url() in _detail(None, approved)
    assert festival.get_absolute_url() not in _detail(None, proposed)


def test_the_page_costs_a_fixed_number_of_queries(owner, online_event):
    viewer = make_user("viewer@example.org")
    register(online_event, viewer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            _detail(viewer, online_event)
        return len(captured)

    few = queries()
    for index in range(10):
        register(online_event, make_user(f"more{index}@example.org"))
    online_event.goals.set(Goal.objects.filter(number__lte=10))
    assert queries() == few
