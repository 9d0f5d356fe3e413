"""Cancelling an event: organisers only, with a note; the event stays visible and marked,
registration closes, and everyone registered or waiting is told once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from conftest import client_for, make_user, run_due_tasks
from planet.events.cancellation import tell_registrants
from planet.events.models import Event, EventStatus, Registration, RegistrationStatus
from planet.events.tests.factories import make_event, register
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
NOTE = "The library is closed after a flood. We will announce a new date."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def people(cast, owner):
    return {**cast, "owner": owner}


@pytest.fixture
def event(owner, organisation):
    event = make_event(owner, organisation=organisation, title="Repair café", capacity=2)
    register(event, make_user("ana@example.org", "Ana"))
    register(event, make_user("ben@example.org", "Ben"))
    register(event, make_user("cleo@example.org", "Cleo"), status=RegistrationStatus.WAITING)
    register(event, make_user("dan@example.org", "Dan"), status=RegistrationStatus.CANCELLED)
    return event


def _cancel(user, event, note=NOTE):
    return client_for(user).post(reverse("events:cancel", args=[event.slug]), {"note": note})


@pytest.mark.parametrize("viewer", ["owner", "org_admin", "editor", "curator"])
def test_organisers_cancel_and_everyone_registered_or_waiting_is_told_once(
    people, event, viewer, monkeypatch
):
    client = client_for(people[viewer])
    confirm = client.get(reverse("events:cancel", args=[event.slug]))
    assert confirm.status_code == 200
    assert "2 people are registered" in confirm.content.decode()

    response = _cancel(people[viewer], event)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED and event.cancellation_note == NOTE
    assert event.cancelled_at == NOW
    audit = AuditLog.objects.get(action="event.cancel")
    assert audit.actor == people[viewer] and audit.reason == NOTE

    run_due_tasks(monkeypatch)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
        "cleo@example.org",
    ]
    message = mail.outbox[0]
    assert "Cancelled: “Repair café”" in message.subject
    assert NOTE in message.body and event.get_absolute_url() in message.body
    assert all(
        r.told_of_cancellation_at == NOW
        for r in Registration.objects.exclude(status=RegistrationStatus.CANCELLED)
    )

    # A second request, a retry of the task, a manual sweep: nobody is told twice.
    _cancel(people[viewer], event, note="Another note")
    run_due_tasks(monkeypatch)
    assert tell_registrants(event) == 0
    assert len(mail.outbox) == 3
    event.refresh_from_db()
    assert event.cancellation_note == NOTE
    assert AuditLog.objects.filter(action="event.cancel").count() == 1


@pytest.mark.parametrize("viewer", ["outsider", "member"])
def test_others_may_not_cancel(people, event, viewer, monkeypatch):
    client = client_for(people[viewer])
    assert client.get(reverse("events:cancel", args=[event.slug])).status_code == 403
    assert _cancel(people[viewer], event).status_code == 403
    run_due_tasks(monkeypatch)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and not mail.outbox


def test_anonymous_visitors_are_sent_to_sign_in(event):
    response = _cancel(None, event)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_a_note_is_required(owner, event, monkeypatch):
    response = _cancel(owner, event, note="   ")
    assert response.status_code == 400
    assert "why the event is cancelled" in " ".join(response.context["form"].errors["note"])
    run_due_tasks(monkeypatch)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and not mail.outbox


def test_a_cancelled_event_stays_visible_marked_and_closed_to_registration(owner, event):
    _cancel(owner, event)
    page = client_for(None).get(event.get_absolute_url()).content.decode()
    assert "This event is cancelled" in page and "The library is closed after a flood" in page
    assert "EventCancelled" in page
    assert (
        "Cancel the event" not in client_for(owner).get(event.get_absolute_url()).content.decode()
    )

    newcomer = make_user("late@example.org")
    client_for(newcomer).post(reverse("events:register", args=[event.slug]))
    assert not Registration.objects.filter(user=newcomer).exists()
    listing = client_for(None).get(reverse("events:list")).content.decode()
    assert "Repair café" in listing and "badge-cancelled" in listing


def test_past_events_and_drafts_cannot_be_cancelled(owner, monkeypatch):
    past = make_event(owner, title="Done", starts_at=NOW - datetime.timedelta(days=2))
    draft = make_event(owner, title="Draft", status=EventStatus.DRAFT)
    for event in (past, draft):
        response = _cancel(owner, event)
        assert response.status_code == 302
    assert set(Event.objects.values_list("status", flat=True)) == {"published", "draft"}
    run_due_tasks(monkeypatch)
    assert not mail.outbox


def test_people_are_told_in_their_own_zone_with_the_events_zone(owner, event, monkeypatch):
    ana = Registration.objects.get(user__email="ana@example.org").user
    ana.profile.timezone = "Asia/Tokyo"
    ana.profile.save()
    _cancel(owner, event)
    run_due_tasks(monkeypatch)
    body = next(m.body for m in mail.outbox if m.to == ["ana@example.org"])
    starts = event.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=9)))
    assert f"{starts:%B} {starts.day}, {starts.year}" in body and "(Asia/Tokyo)" in body
