"""The reminder the day before: a task scheduled when the first person registers e-mails each
confirmed registrant once, 24 hours before the start; never before, never twice, never for a
cancelled event; it follows the start when it moves. `manage.py send_event_reminders` is the
same sweep for deployments without a worker."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from conftest import run_due_tasks
from planet.events import registration as rules
from planet.events.models import Event, EventStatus, Registration
from planet.events.reminders import schedule_reminder
from planet.events.tests.factories import make_event
from planet.events.tests.registration_helpers import ics_of, mails_to, people

pytestmark = pytest.mark.django_db

START = datetime(2031, 3, 10, 18, 0, tzinfo=UTC)
DUE = START - timedelta(hours=24)


def reminders():
    return [message for message in mail.outbox if "Tomorrow" in message.subject]


@pytest.fixture
def event(org_admin):
    with time_machine.travel(DUE - timedelta(days=5), tick=False):
        event = make_event(org_admin, capacity=2, starts_at=START)
    return event


@pytest.fixture
def registrants(event):
    """Two confirmed people and one on the waiting list, five days ahead."""
    confirmed_one, confirmed_two, waiting = people(3)
    with time_machine.travel(DUE - timedelta(days=5), tick=False):
        for person in (confirmed_one, confirmed_two, waiting):
            rules.register(event, person)
    mail.outbox.clear()
    return confirmed_one, confirmed_two, waiting


def test_reminders_leave_the_day_before_once_and_only_to_confirmed_people(
    event, registrants, monkeypatch
):
    confirmed_one, confirmed_two, waiting = registrants
    with time_machine.travel(DUE - timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)
    assert reminders() == []
    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)
    assert sorted(m.to[0] for m in reminders()) == sorted(
        [confirmed_one.email, confirmed_two.email]
    )
    assert not mails_to(waiting)
    (message,) = mails_to(confirmed_one)
    assert ics_of(message).walk("VEVENT")
    assert Registration.objects.exclude(reminded_at=None).count() == 2
    with time_machine.travel(DUE + timedelta(minutes=30), tick=False):
        schedule_reminder(event)  # enqueued again: still sent once
        run_due_tasks(monkeypatch)
    assert len(reminders()) == 2


def test_the_sweep_command_sends_the_due_reminders_once(event, registrants):
    out = io.StringIO()
    with time_machine.travel(DUE - timedelta(hours=1), tick=False):
        call_command("send_event_reminders", stdout=out)
    assert reminders() == [] and "0 reminder(s)" in out.getvalue()
    with time_machine.travel(DUE + timedelta(hours=1), tick=False):
        call_command("send_event_reminders", stdout=out)
        call_command("send_event_reminders", stdout=out)
    assert len(reminders()) == 2
    assert "2 reminder(s)" in out.getvalue()


def test_no_reminder_for_a_cancelled_event(event, registrants, monkeypatch):
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)
        call_command("send_event_reminders", stdout=io.StringIO())
    assert reminders() == []


def test_the_reminder_follows_a_start_moved_later(event, registrants, monkeypatch):
    new_start = START + timedelta(days=2)
    with time_machine.travel(DUE - timedelta(days=1), tick=False):
        Event.objects.filter(pk=event.pk).update(
            starts_at=new_start, ends_at=new_start + timedelta(hours=2)
        )
        event.refresh_from_db()
        schedule_reminder(event)  # what the edit view does when the start moves
    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)  # the first task comes due: no longer due, sends nothing
    assert reminders() == []
    with time_machine.travel(new_start - timedelta(hours=23), tick=False):
        run_due_tasks(monkeypatch)
    assert len(reminders()) == 2


def test_a_start_moved_after_the_reminder_brings_a_new_one(event, registrants, monkeypatch):
    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)
        new_start = START + timedelta(days=7)
        Event.objects.filter(pk=event.pk).update(
            starts_at=new_start, ends_at=new_start + timedelta(hours=2)
        )
        event.refresh_from_db()
        schedule_reminder(event)
    with time_machine.travel(new_start - timedelta(hours=23), tick=False):
        run_due_tasks(monkeypatch)
    assert len(reminders()) == 4


def test_people_registering_within_the_last_day_get_no_separate_reminder(event, monkeypatch):
    (late,) = people(1, "late")
    with time_machine.travel(DUE + timedelta(hours=2), tick=False):
        rules.register(event, late)
        run_due_tasks(monkeypatch)
        call_command("send_event_reminders", stdout=io.StringIO())
    assert reminders() == []


def test_a_person_promoted_before_the_reminder_gets_it(event, registrants, monkeypatch):
    confirmed_one, _two, waiting = registrants
    with time_machine.travel(DUE - timedelta(days=1), tick=False):
        rules.unregister(event, confirmed_one)
    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)
    assert [m.to[0] for m in reminders() if m.to == [waiting.email]] == [waiting.email]
    assert not [m for m in reminders() if m.to == [confirmed_one.email]]
