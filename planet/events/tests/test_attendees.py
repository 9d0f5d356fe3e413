"""Organisers' attendee pages (list, CSV, messages) and the person's own "My events" page:
who may open them, what they show, and a fixed number of queries whatever their size."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user, run_due_tasks
from planet.events.models import AttendeeMessage, CalendarFeed, RegistrationStatus
from planet.events.tests.factories import make_event, register
from planet.events.tests.registration_helpers import people

pytestmark = pytest.mark.django_db

ORGANISERS = ("org_admin", "editor", "curator")
DENIED = {"anonymous": 302, "outsider": 403, "member": 403}


@pytest.fixture
def event(org_admin, organisation):
    event = make_event(org_admin, organisation=organisation, capacity=2, title="Climate café")
    first, second, third, fourth = people(4)
    register(event, first)
    register(event, second)
    register(event, third, RegistrationStatus.WAITING)
    register(event, fourth, RegistrationStatus.WAITING)
    cancelled = make_user("gone@example.org", "Gone Away")
    register(event, cancelled, RegistrationStatus.CANCELLED)
    event.people = (first, second, third, fourth)
    return event


@pytest.mark.parametrize("role", ORGANISERS + tuple(DENIED))
def test_the_attendee_list_is_for_organisers(event, cast, role):
    response = client_for(cast[role]).get(f"/events/{event.slug}/attendees/")
    assert response.status_code == (200 if role in ORGANISERS else DENIED[role])
    if role in ORGANISERS:
        html = response.content.decode()
        for person in event.people:
            assert person.email in html
        assert "gone@example.org" not in html
        assert "2 people registered" in html and "2 on the waiting list" in html


@pytest.mark.parametrize("role", ORGANISERS + tuple(DENIED))
def test_the_csv_is_for_organisers(event, cast, role):
    response = client_for(cast[role]).get(f"/events/{event.slug}/attendees.csv")
    assert response.status_code == (200 if role in ORGANISERS else DENIED[role])


def test_the_csv_lists_confirmed_then_waiting_in_order(event, org_admin):
    response = client_for(org_admin).get(f"/events/{event.slug}/attendees.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(content[1:])))
    assert header == ["Name", "E-mail", "Status", "Registered at (UTC)", "Position"]
    assert [row[1] for row in rows] == [person.email for person in event.people]
    assert [row[2] for row in rows] == ["Registered"] * 2 + ["On the waiting list"] * 2
    assert [row[4] for row in rows] == ["", "", "1", "2"]
    assert rows[0][3].endswith("+00:00")


def test_the_csv_defuses_formulas(org_admin):
    event = make_event(org_admin)
    register(event, make_user("evil@example.org", '=HYPERLINK("http://evil")'))
    response = client_for(org_admin).get(f"/events/{event.slug}/attendees.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'


def test_the_attendee_list_costs_the_same_whatever_its_size(org_admin, django_assert_num_queries):
    event = make_event(org_admin, capacity=3)
    for person in people(2, "small"):
        register(event, person)
    client = client_for(org_admin)
    url = f"/events/{event.slug}/attendees/"
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(url).status_code == 200
    for n, person in enumerate(people(12, "big")):
        register(event, person, RegistrationStatus.CONFIRMED if n < 1 else "waiting")
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert client.get(url).status_code == 200


# Messages to attendees -------------------------------------------------------------------


def post_message(user, event, **data):
    data = {"subject": "Bring a mug", "body": "We serve coffee at 9:30.", **data}
    return client_for(user).post(f"/events/{event.slug}/message/", data)


@pytest.mark.parametrize("role", ORGANISERS + tuple(DENIED))
def test_messaging_is_for_organisers(event, cast, role, monkeypatch):
    response = post_message(cast[role], event)
    if role in ORGANISERS:
        assert response.status_code == 302
        assert AttendeeMessage.objects.count() == 1
    else:
        assert response.status_code == DENIED[role]
        assert not AttendeeMessage.objects.exists()
        assert client_for(cast[role]).get(f"/events/{event.slug}/message/").status_code in (
            302,
            403,
        )
    run_due_tasks(monkeypatch)
    assert len(mail.outbox) == (2 if role in ORGANISERS else 0)


def test_each_confirmed_attendee_gets_the_message_alone(event, org_admin, monkeypatch):
    response = post_message(org_admin, event)
    assert response["Location"] == f"/events/{event.slug}/attendees/"
    message = AttendeeMessage.objects.get()
    assert (message.sent_by, message.recipients) == (org_admin, 2)
    run_due_tasks(monkeypatch)
    assert sorted(m.to for m in mail.outbox) == sorted([p.email] for p in event.people[:2])
    for sent in mail.outbox:
        assert not sent.cc and not sent.bcc
        assert "Bring a mug" in sent.subject and "coffee at 9:30" in sent.body


def test_the_waiting_list_may_be_included(event, org_admin, monkeypatch):
    post_message(org_admin, event, include_waiting="on")
    run_due_tasks(monkeypatch)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in event.people)
    assert AttendeeMessage.objects.get().recipients == 4


@pytest.mark.parametrize(
    ("data", "error"),
    [({"subject": "  "}, "This field is required"), ({"body": " \n "}, "This field is required")],
)
def test_an_empty_message_is_refused_and_nothing_sent(event, org_admin, data, error, monkeypatch):
    response = post_message(org_admin, event, **data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not AttendeeMessage.objects.exists()
    run_due_tasks(monkeypatch)
    assert not mail.outbox


def test_a_message_to_nobody_is_refused(org_admin):
    empty = make_event(org_admin, title="Nobody yet")
    response = post_message(org_admin, empty)
    assert response.status_code == 400 and "no one is registered" in response.content.decode()
    assert not AttendeeMessage.objects.exists()


# My events ---------------------------------------------------------------------------------


def test_my_events_needs_signing_in():
    response = client_for(None).get("/events/mine/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_events_lists_registrations_organised_events_and_the_calendar(event, org_admin, member):
    past = make_event(
        org_admin,
        title="Last year's fair",
        starts_at=timezone.now() - timedelta(days=30),
    )
    register(past, member)
    full = make_event(org_admin, title="Full house", capacity=1)
    register(full, event.people[0])
    register(full, event.people[1], RegistrationStatus.WAITING)
    register(full, member, RegistrationStatus.WAITING)
    register(event, member, RegistrationStatus.CANCELLED)
    html = client_for(member).get("/events/mine/").content.decode()
    assert "Full house" in html and "Waiting list, number 2" in html
    assert "Last year&#x27;s fair" in html
    assert "Climate café" not in html  # cancelled by the member
    assert CalendarFeed.objects.get(user=member).token in html

    organiser_html = client_for(org_admin).get("/events/mine/").content.decode()
    assert "Climate café" in organiser_html and "Full house" in organiser_html
    assert f"/events/{event.slug}/attendees/" in organiser_html


def test_my_events_costs_the_same_whatever_its_size(org_admin, member, django_assert_num_queries):
    client = client_for(member)
    CalendarFeed.for_user(member)
    for n in range(2):
        register(make_event(org_admin, title=f"Small {n}", capacity=1), member, "waiting")
        make_event(member, title=f"Mine {n}")
    with CaptureQueriesContext(connection) as baseline:
        assert client.get("/events/mine/").status_code == 200
    for n in range(10):
        event = make_event(org_admin, title=f"Big {n}", capacity=1)
        register(event, make_user(f"first{n}@example.org"))
        register(event, member, "waiting")
        register(
            make_event(
                org_admin, title=f"Old {n}", starts_at=timezone.now() - timedelta(days=n + 2)
            ),
            member,
        )
        make_event(member, title=f"Mine big {n}")
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert client.get("/events/mine/").status_code == 200
