"""Capacity holds under concurrent registrations, and each waiting person is promoted exactly
once under concurrent cancellations. Real threads with their own connections, released at the
same instant by a barrier, against PostgreSQL (row locks); SQLite serialises writers anyway."""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection, connections

from planet.events import registration as rules
from planet.events.models import Registration, RegistrationStatus
from planet.events.tests.factories import make_event
from planet.events.tests.registration_helpers import people

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 10


def at_once(work, arguments) -> list[Exception]:
    """Run `work(argument)` for each argument in its own thread, all released together."""
    barrier = threading.Barrier(len(arguments))
    errors = []

    def runner(argument):
        try:
            barrier.wait(timeout=30)
            work(argument)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.fixture
def organiser(db):
    return people(1, "organiser")[0]


def test_ten_people_registering_at_once_for_three_places(organiser):
    event = make_event(organiser, capacity=3)
    crowd = people(THREADS)
    assert at_once(lambda person: rules.register(event, person), crowd) == []
    assert event.registrations.confirmed().count() == 3
    waiting = list(event.registrations.waiting())
    assert len(waiting) == THREADS - 3
    assert [rules.queue_position(r) for r in waiting] == list(range(1, THREADS - 2))
    assert len(mail.outbox) == THREADS  # one confirmation or waiting-list e-mail each


def test_one_person_clicking_many_times_at_once_registers_once(organiser):
    event = make_event(organiser, capacity=3)
    (person,) = people(1)
    errors = at_once(lambda _n: rules.register(event, person), list(range(5)))
    assert all(isinstance(error, rules.AlreadyRegistered) for error in errors)
    assert len(errors) == 4
    assert Registration.objects.filter(event=event, user=person).count() == 1
    assert len(mail.outbox) == 1


def test_cancellations_at_once_promote_each_waiting_person_exactly_once(organiser):
    event = make_event(organiser, capacity=3)
    crowd = people(THREADS)
    for person in crowd:
        rules.register(event, person)
    holders, waiting = crowd[:3], crowd[3:]
    leaving_waiters = waiting[-2:]  # two people leave the waiting list at the same time
    mail.outbox.clear()

    errors = at_once(lambda person: rules.unregister(event, person), holders + leaving_waiters)
    assert errors == []

    assert event.registrations.confirmed().count() == 3
    promoted = Registration.objects.filter(event=event).exclude(promoted_at=None)
    assert sorted(r.user_id for r in promoted) == sorted(p.pk for p in waiting[:3])
    assert event.registrations.waiting().count() == THREADS - 3 - 3 - 2
    promotions = Counter(m.to[0] for m in mail.outbox if "You have a place" in m.subject)
    assert promotions == Counter({p.email: 1 for p in waiting[:3]})
    assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).count() == 5
