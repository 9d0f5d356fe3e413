"""The waiting list: a full event queues people first come first served, and a freed place (a
cancellation, or places added by the organiser) goes to the head of the queue exactly once,
with a "you have a place" e-mail carrying the event as an `.ics`."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from planet.events import registration
from planet.events.models import Event, EventStatus, Registration, RegistrationStatus
from planet.events.tests.factories import make_event
from planet.events.tests.registration_helpers import (
    ics_of,
    mails_to,
    only_vevent,
    people,
    post_register,
    post_unregister,
    status_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def full_event(org_admin):
    """Two places, both taken; three people waiting in the order w0, w1, w2."""
    event = make_event(
        org_admin, capacity=2, format="online", online_url="https://meet.example.org/x"
    )
    holders, waiting = people(2, "holder"), people(3, "waiter")
    for person in holders + waiting:
        post_register(event, person)
    event.holders, event.waiting = holders, waiting
    mail.outbox.clear()
    return event


def test_people_beyond_the_capacity_wait_in_order(full_event):
    assert full_event.registrations.confirmed().count() == 2
    queue = list(full_event.registrations.waiting().values_list("user", flat=True))
    assert queue == [person.pk for person in full_event.waiting]
    assert [registration.queue_position(r) for r in full_event.registrations.waiting()] == [
        1,
        2,
        3,
    ]


def test_the_waiting_list_e_mail_gives_the_position(org_admin, committing):
    event = make_event(org_admin, capacity=1)
    first, second, third = people(3)
    with committing():
        for person in (first, second, third):
            post_register(event, person)
    (message,) = mails_to(third)
    assert "waiting list" in message.subject
    assert "number 2" in message.body
    assert not message.attachments


def test_a_cancellation_promotes_the_head_of_the_queue_once_with_an_ics(full_event, committing):
    with committing():
        post_unregister(full_event, full_event.holders[0])
    first, second, _third = full_event.waiting
    promoted = Registration.objects.get(event=full_event, user=first)
    assert promoted.status == RegistrationStatus.CONFIRMED and promoted.promoted_at
    assert status_of(full_event, second) == RegistrationStatus.WAITING
    assert full_event.registrations.confirmed().count() == 2
    (message,) = mails_to(first)
    assert "You have a place" in message.subject
    vevent = only_vevent(ics_of(message))
    assert "https://meet.example.org/x" in str(vevent["DESCRIPTION"])
    assert len(mail.outbox) == 1


def test_leaving_the_waiting_list_promotes_nobody(full_event, committing):
    with committing():
        response = post_unregister(full_event, full_event.waiting[0])
    assert response.status_code == 302
    assert full_event.registrations.confirmed().count() == 2
    assert full_event.registrations.waiting().count() == 2
    assert not mail.outbox


def test_each_cancellation_promotes_the_next_one(full_event):
    first, second, third = full_event.waiting
    post_unregister(full_event, full_event.holders[0])
    post_unregister(full_event, first)  # promoted, then cancels in turn
    assert status_of(full_event, second) == RegistrationStatus.CONFIRMED
    assert status_of(full_event, third) == RegistrationStatus.WAITING
    assert full_event.registrations.confirmed().count() == 2


def test_raising_the_capacity_fills_places_from_the_queue(full_event, committing):
    Event.objects.filter(pk=full_event.pk).update(capacity=4)
    with committing():
        promoted = registration.fill_from_waiting_list(full_event)
    assert [r.user for r in promoted] == full_event.waiting[:2]
    assert full_event.registrations.confirmed().count() == 4
    assert [m.to for m in mail.outbox] == [[p.email] for p in full_event.waiting[:2]]
    assert registration.fill_from_waiting_list(full_event) == []  # exactly once


def test_removing_the_limit_promotes_everyone_waiting(full_event):
    Event.objects.filter(pk=full_event.pk).update(capacity=None)
    assert len(registration.fill_from_waiting_list(full_event)) == 3
    assert not full_event.registrations.waiting().exists()


def test_a_newcomer_never_jumps_the_queue(full_event):
    """Places freed without a promotion (capacity raised in the admin) go to those waiting."""
    Event.objects.filter(pk=full_event.pk).update(capacity=3)
    (newcomer,) = people(1, "newcomer")
    post_register(full_event, newcomer)
    assert status_of(full_event, full_event.waiting[0]) == RegistrationStatus.CONFIRMED
    assert status_of(full_event, newcomer) == RegistrationStatus.WAITING


def test_nobody_is_promoted_for_a_cancelled_or_started_event(full_event):
    Event.objects.filter(pk=full_event.pk).update(status=EventStatus.CANCELLED, capacity=5)
    assert registration.fill_from_waiting_list(full_event) == []
    Event.objects.filter(pk=full_event.pk).update(
        status=EventStatus.PUBLISHED,
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    assert registration.fill_from_waiting_list(full_event) == []
    assert full_event.registrations.waiting().count() == 3
