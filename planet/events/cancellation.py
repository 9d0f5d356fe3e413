"""Cancelling an event: it stays readable, marked cancelled, and closed to registration;
everyone registered or waiting is told once, with the organiser's note.

The e-mails leave from a background task enqueued in the same transaction as the
cancellation (so it cannot be lost). Telling is idempotent: each registration is marked told
(`told_of_cancellation_at`) in the same transaction as its e-mail leaves, so a second request,
or a retry after a failure half-way, sends only what is missing.
"""

import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from planet.challenges.outcomes import interface_language_of
from planet.events.models import Event, EventStatus, Registration, RegistrationStatus
from planet.moderation.models import AuditLog


class CancelRefused(Exception):
    """Why the event cannot be cancelled; the message is for the page."""


def why_not_cancellable(event: Event, now=None) -> str:
    """Empty when the event may be cancelled; otherwise the reason, for the page."""
    if event.status == EventStatus.DRAFT:
        return _("A draft is not published, so nobody is registered: there is nothing to cancel.")
    if event.ends_at <= (now or timezone.now()):
        return _("This event has already taken place: it can no longer be cancelled.")
    return ""


@transaction.atomic
def cancel_event(event: Event, *, by, note: str) -> Event:
    """Mark the event cancelled (once), audit it and enqueue the e-mails to its registrants.
    Returns the locked, updated event."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.status == EventStatus.CANCELLED:
        return locked
    refusal = why_not_cancellable(locked)
    if refusal:
        raise CancelRefused(refusal)
    locked.status = EventStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancellation_note = note
    locked.save(update_fields=["status", "cancelled_at", "cancellation_note", "updated_at"])
    # Saving leaves the search (signals) and the map: both keep published events only.
    AuditLog.record(by, "event.cancel", locked, reason=note)
    tell_registrants_of_cancellation.enqueue(locked.pk)
    return locked


def _zone_for(user, event) -> zoneinfo.ZoneInfo:
    name = getattr(getattr(user, "profile", None), "timezone", "") or event.timezone
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return event.zone


def _message(event: Event, registration: Registration) -> tuple[str, str]:
    person = registration.user
    context = {
        "event": event,
        "person": person,
        "was_waiting": registration.status == RegistrationStatus.WAITING,
        "zone": _zone_for(person, event),
        "url": settings.SITE_URL + event.get_absolute_url(),
        "events_url": settings.SITE_URL + reverse("events:list"),
    }
    with translation.override(interface_language_of(person)):
        subject = render_to_string("events/email/cancelled_subject.txt", context)
        body = render_to_string("events/email/cancelled.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body


def people_to_tell(event: Event):
    return (
        Registration.objects.filter(
            event=event,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING),
            told_of_cancellation_at=None,
        )
        .select_related("user__profile")
        .order_by("queued_at", "pk")
    )


def tell_registrants(event: Event) -> int:
    """E-mail every confirmed and waiting registrant of a cancelled event who has not been
    told yet; return how many were told by this run."""
    if event.status != EventStatus.CANCELLED:
        return 0
    told = 0
    for registration in people_to_tell(event):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, told_of_cancellation_at=None
            ).update(told_of_cancellation_at=timezone.now())
            if not claimed:
                continue  # another run told them meanwhile
            subject, body = _message(event, registration)
            send_mail(subject, body, None, [registration.user.email])
        told += 1
    return told


@task()
def tell_registrants_of_cancellation(event_id: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    return tell_registrants(event) if event else 0
