"""Small helpers to make events, festival editions and registrations in tests.

Times are relative to `now` (the real or the travelled clock) unless given. The event's zone
is America/New_York by default, so that tests exercise a non-UTC zone.
"""

from datetime import date, timedelta

from django.utils import timezone

from planet.events.models import (
    Event,
    EventStatus,
    Festival,
    FestivalReview,
    Registration,
    RegistrationStatus,
)


def make_event(organiser=None, *, title="Repair café for climate", **extra) -> Event:
    now = timezone.now()
    extra.setdefault("summary", "Bring a broken toaster; leave with a working one and a plan.")
    extra.setdefault("kind", "workshop")
    extra.setdefault("format", "in_person")
    extra.setdefault("status", EventStatus.PUBLISHED)
    extra.setdefault("timezone", "America/New_York")
    extra.setdefault("starts_at", now + timedelta(days=7))
    extra.setdefault("ends_at", extra["starts_at"] + timedelta(hours=3))
    extra.setdefault("place_name", "Brooklyn Public Library")
    extra.setdefault("country", "US")
    extra.setdefault("latitude", 40.6724)
    extra.setdefault("longitude", -73.9684)
    return Event.objects.create(title=title, created_by=organiser, **extra)


def make_festival(name="Festival of Learning 2027", **extra) -> Festival:
    extra.setdefault("starts_on", date(2027, 1, 20))
    extra.setdefault("ends_on", date(2027, 1, 28))
    return Festival.objects.create(name=name, **extra)


def add_to_festival(event, festival, review=FestivalReview.APPROVED) -> Event:
    event.festival, event.festival_review = festival, review
    event.save(update_fields=["festival", "festival_review"])
    return event


def register(event, user, status=RegistrationStatus.CONFIRMED) -> Registration:
    return Registration.objects.create(event=event, user=user, status=status)
