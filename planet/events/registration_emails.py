"""The e-mails of registration: confirmation and promotion (each with the event as an `.ics`
attachment that carries the online link, since the person holds a place), waiting-list
confirmation with the position in the queue, the reminder the day before, and organisers'
messages to their attendees.

Each e-mail is written in the recipient's language, with times in the recipient's zone (their
profile's, else the event's) and the event's own zone stated beside them. Sending happens once
the transaction that decided it commits (`send_on_commit`) or from a background task.
"""

import zoneinfo

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from planet.challenges.outcomes import interface_language_of
from planet.events.models import EventFormat, Registration, RegistrationStatus
from planet.lib.ical import event_calendar_bytes

ICS_NAME = "event.ics"


def recipient_zone(user, event) -> zoneinfo.ZoneInfo:
    """The zone the recipient reads times in: their profile's, else the event's."""
    name = getattr(getattr(user, "profile", None), "timezone", "") or event.timezone
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return event.zone


def _context(registration: Registration, extra: dict) -> dict:
    event, user = registration.event, registration.user
    zone = recipient_zone(user, event)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    return {
        "event": event,
        "user": user,
        "name": user.display_name,
        "registration": registration,
        "zone": zone.key,
        "event_zone": event.timezone,
        "shows_event_zone": zone.key != event.timezone,
        "is_online": event.format != EventFormat.IN_PERSON,
        "online_url": event.online_url if confirmed else "",
        "url": settings.SITE_URL + event.get_absolute_url(),
        "mine_url": settings.SITE_URL + reverse("events:mine"),
        **extra,
    }


def compose(kind: str, registration: Registration, **extra) -> EmailMessage:
    """The e-mail `kind` ("confirmed", "waiting", "promoted", "reminder", "message") for one
    registration, from templates/events/email/<kind>.txt and <kind>_subject.txt."""
    context = _context(registration, extra)
    with translation.override(interface_language_of(registration.user)):
        subject = render_to_string(f"events/email/{kind}_subject.txt", context)
        body = render_to_string(f"events/email/{kind}.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    message = EmailMessage(subject, body, None, [registration.user.email])
    if kind in ("confirmed", "promoted", "reminder"):
        message.attach(
            ICS_NAME,
            event_calendar_bytes(registration.event, include_online_link=True),
            "text/calendar",
        )
    return message


def send_now(messages: list[EmailMessage]) -> int:
    """Send `messages` over one connection; each has its own single recipient."""
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0


def send_on_commit(messages: list[EmailMessage]) -> None:
    """Send once the current transaction commits (at once outside a transaction)."""
    if messages:
        transaction.on_commit(lambda: send_now(messages))
