"""Helpers of the registration tests: posting to register/unregister, reading e-mails and
their `.ics` attachments."""

import icalendar
from django.core import mail

from conftest import client_for, make_user
from planet.events.models import Registration


def people(count: int, prefix: str = "person"):
    return [make_user(f"{prefix}{n}@example.org", f"{prefix.title()} {n}") for n in range(count)]


def post_register(event, user):
    return client_for(user).post(f"/events/{event.slug}/register/")


def post_unregister(event, user):
    return client_for(user).post(f"/events/{event.slug}/unregister/")


def status_of(event, user) -> str | None:
    registration = Registration.objects.filter(event=event, user=user).first()
    return registration.status if registration else None


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def ics_of(message) -> icalendar.Calendar:
    """The `.ics` attached to `message`, parsed (fails the test if there is none)."""
    (attachment,) = [a for a in message.attachments if a.mimetype.startswith("text/calendar")]
    content = attachment.content
    return icalendar.Calendar.from_ical(content if isinstance(content, bytes) else content.encode())


def only_vevent(calendar: icalendar.Calendar):
    (vevent,) = calendar.walk("VEVENT")
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
        assert required in vevent, required
    return vevent
