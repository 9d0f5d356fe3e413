"""The reminder the day before: each confirmed registrant gets one e-mail 24 hours before the
event starts.

`schedule_reminder(event)` enqueues `tasks.send_reminders` to run at that moment; it is called
when the first person registers and whenever the start moves. The task is kept in the database
in the transaction that scheduled it. Sending is idempotent: a registration is marked reminded
(`reminded_at`) in the same transaction as its e-mail leaves, so a task enqueued several times,
or the sweep `manage.py send_event_reminders`, sends each reminder once; a task whose moment
has not come (the start moved later) or whose event is cancelled or started sends nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from planet.events import registration_emails as emails
from planet.events.models import Event, EventStatus, Registration, RegistrationStatus

REMINDER_LEAD = timedelta(hours=24)


def reminder_due_at(event: Event):
    return event.starts_at - REMINDER_LEAD


def schedule_reminder(event: Event) -> None:
    """Enqueue the reminder of `event` for 24 hours before its start (at once if that moment
    has passed). When the moment is still ahead, reminders already sent for an earlier start
    are forgotten, so that registrants are reminded of the new one."""
    from planet.events.tasks import send_reminders

    now = timezone.now()
    due_at = reminder_due_at(event)
    if due_at > now:
        Registration.objects.filter(event=event).exclude(reminded_at=None).update(reminded_at=None)
    send_reminders.using(run_after=max(due_at, now)).enqueue(event.pk)


def send_reminders_for(event_id: int, now=None) -> int:
    """Remind the confirmed registrants of the event not reminded yet, when it is due (within
    24 hours of a start still ahead, event published). Returns how many e-mails were sent."""
    now = now or timezone.now()
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.status != EventStatus.PUBLISHED:
        return 0
    if not reminder_due_at(event) <= now < event.starts_at:
        return 0
    pending = (
        event.registrations.confirmed()
        .filter(reminded_at=None)
        .select_related("user__profile")
        .order_by("pk")
    )
    sent = 0
    for registration in pending:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, status=RegistrationStatus.CONFIRMED, reminded_at=None
            ).update(reminded_at=now)
            if not claimed:
                continue  # cancelled, or reminded by another run meanwhile
            registration.event = event
            emails.send_now([emails.compose("reminder", registration)])
        sent += 1
    return sent


def send_due_reminders(now=None) -> int:
    """The sweep: remind the registrants of every event whose reminder is due."""
    now = now or timezone.now()
    due = Event.objects.published().filter(
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_LEAD,
        registrations__status=RegistrationStatus.CONFIRMED,
        registrations__reminded_at=None,
    )
    return sum(send_reminders_for(pk, now) for pk in due.values_list("pk", flat=True).distinct())
