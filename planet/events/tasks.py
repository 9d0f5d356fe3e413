"""Background work of events (django.tasks, kept in the database; `manage.py db_worker` runs
it): the reminders the day before and organisers' messages to their attendees."""

from django.tasks import task

from planet.events import reminders


@task()
def send_reminders(event_id: int) -> int:
    """Remind the event's confirmed registrants, once each, when it is due (see reminders)."""
    return reminders.send_reminders_for(event_id)


@task()
def send_attendee_message(message_id: int, include_waiting: bool) -> int:
    """E-mail an organiser's message to each attendee separately (see attendees)."""
    from planet.events.attendees import deliver_message

    return deliver_message(message_id, include_waiting=include_waiting)
