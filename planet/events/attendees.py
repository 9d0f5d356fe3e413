"""What organisers do with their attendees: the list (confirmed people, then the waiting list
in its order), its CSV export, and messages e-mailed to each attendee separately (nobody sees
another's address), kept as `AttendeeMessage` and delivered by a background task.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from planet.challenges.export import safe_cell
from planet.events import registration_emails as emails
from planet.events.models import AttendeeMessage, Event, Registration, RegistrationStatus


@dataclass
class Attendees:
    confirmed: list[Registration]
    waiting: list[Registration]  # in the order they will be promoted; each has `position`


def attendees_of(event: Event) -> Attendees:
    """Everyone registered or waiting, with their profile, in one query."""
    registrations = (
        event.registrations.active().select_related("user__profile").order_by("queued_at", "pk")
    )
    confirmed, waiting = [], []
    for registration in registrations:
        if registration.status == RegistrationStatus.CONFIRMED:
            registration.position = 0
            confirmed.append(registration)
        else:
            registration.position = len(waiting) + 1
            waiting.append(registration)
    return Attendees(confirmed, waiting)


def _utc_iso(moment) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")


def attendee_rows(event: Event):
    yield [_("Name"), _("E-mail"), _("Status"), _("Registered at (UTC)"), _("Position")]
    attendees = attendees_of(event)
    for registration in attendees.confirmed + attendees.waiting:
        yield [
            registration.user.display_name,
            registration.user.email,
            registration.get_status_display(),
            _utc_iso(registration.queued_at),
            registration.position or "",
        ]


def attendees_csv_response(event: Event) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a byte-order mark, so that spreadsheets read UTF-8
    writer = csv.writer(buffer)
    for row in attendee_rows(event):
        writer.writerow([safe_cell(cell) for cell in row])
    filename = f"{event.slug}-attendees-{timezone.now():%Y-%m-%d}.csv"
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# Messages ----------------------------------------------------------------------------------


def recipients_of(event: Event, *, include_waiting: bool):
    statuses = [RegistrationStatus.CONFIRMED]
    if include_waiting:
        statuses.append(RegistrationStatus.WAITING)
    return event.registrations.filter(status__in=statuses)


def send_message(event: Event, sender, *, subject: str, body: str, include_waiting: bool):
    """Keep the message and enqueue its delivery to each attendee; returns the message."""
    from planet.events.tasks import send_attendee_message

    with transaction.atomic():
        message = AttendeeMessage.objects.create(
            event=event,
            sent_by=sender,
            subject=subject,
            body=body,
            recipients=recipients_of(event, include_waiting=include_waiting).count(),
        )
        send_attendee_message.enqueue(message.pk, include_waiting)
    return message


def deliver_message(message_id: int, *, include_waiting: bool) -> int:
    """E-mail the message to each attendee separately; returns how many were sent."""
    message = (
        AttendeeMessage.objects.select_related("event__organisation", "sent_by__profile")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return 0
    event = message.event
    registrations = (
        recipients_of(event, include_waiting=include_waiting)
        .select_related("user__profile")
        .order_by("pk")
    )
    sender = message.sent_by.display_name if message.sent_by else event.organisation or ""
    mails = []
    for registration in registrations:
        registration.event = event
        mails.append(
            emails.compose(
                "message",
                registration,
                subject=message.subject,
                body=message.body,
                sender=str(sender),
            )
        )
    return emails.send_now(mails)
