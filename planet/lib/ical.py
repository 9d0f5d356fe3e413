"""iCalendar (RFC 5545) files for events: one event's `.ics` and subscribable feeds.

Times are written in UTC with the `Z` suffix (`DTSTART:20270124T150000Z`). Every calendar
application reads that form the same way and shows it in its user's own zone, and it needs no
VTIMEZONE block (which clients are known to read differently). Our events never repeat, so
nothing is lost: the event's own zone only matters to recurrence rules; it is stated in the
DESCRIPTION for people who read the details.

Escaping (commas, semicolons, backslashes, new lines) and line folding are the `icalendar`
library's job; nothing here writes raw content lines.
"""

from collections.abc import Collection, Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

PRODID = "-//LearningPlanet//Events//EN"
REFRESH_EVERY = timedelta(hours=6)  # how often subscribed calendar apps should fetch again


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def event_uid(event) -> str:
    """Stable across files and feeds, so calendar apps update rather than duplicate."""
    return f"event-{event.pk}@{site_host()}"


def event_location(event) -> str:
    where = [event.place_name, event.address, event.country.name if event.country else ""]
    parts = [part for part in where if part]
    if parts:
        return ", ".join(parts)
    return _("Online") if event.online_url else ""


def event_description(event, *, include_online_link: bool) -> str:
    local_start = timezone.localtime(event.starts_at, event.zone)
    lines = [
        event.summary,
        "",
        _("Local time: %(time)s (%(zone)s)")
        % {"time": local_start.strftime("%Y-%m-%d %H:%M"), "zone": event.timezone},
    ]
    if event.organisation_id:
        lines.append(_("Organiser: %(name)s") % {"name": event.organisation.name})
    if event.is_cancelled:
        lines.append(_("This event is cancelled."))
        if event.cancellation_note:
            lines.append(event.cancellation_note)
    if include_online_link and event.online_url:
        lines.append(_("Join online: %(url)s") % {"url": event.online_url})
    lines.append(_("Details: %(url)s") % {"url": absolute_url(event.get_absolute_url())})
    return "\n".join(lines)


def vevent_status(event, *, waiting: bool) -> str:
    if event.is_cancelled:
        return "CANCELLED"
    return "TENTATIVE" if waiting else "CONFIRMED"


def vevent(event, *, include_online_link: bool, waiting: bool = False) -> icalendar.Event:
    """One VEVENT. `waiting`: the reader is on the event's waiting list (tentative)."""
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", datetime.now(UTC))
    component.add("dtstart", event.starts_at.astimezone(UTC))
    component.add("dtend", event.ends_at.astimezone(UTC))
    summary = event.title
    if waiting:
        summary = _("%(title)s (waiting list)") % {"title": event.title}
    component.add("summary", summary)
    component.add("description", event_description(event, include_online_link=include_online_link))
    component.add("url", absolute_url(event.get_absolute_url()))
    if location := event_location(event):
        component.add("location", location)
    if event.has_place:
        component.add("geo", (event.latitude, event.longitude))
    component.add("status", vevent_status(event, waiting=waiting))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("categories", [str(event.get_kind_display())])
    return component


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # The library types these as raw values; vText escapes commas and semicolons.
    name = icalendar.vText(" ".join(name.split()))
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)  # what Apple, Google and Outlook read
    calendar.add("refresh-interval", REFRESH_EVERY, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_EVERY))
    return calendar


def event_calendar_bytes(event, *, include_online_link: bool) -> bytes:
    """A calendar holding one event: the `.ics` of its page and of e-mails to registrants.
    `include_online_link` only for people registered for it and its organisers."""
    calendar = _calendar(event.title)
    calendar.add_component(vevent(event, include_online_link=include_online_link))
    return calendar.to_ical()


def calendar_bytes(
    events: Iterable,
    *,
    name: str,
    include_online_link_for: Collection[int] = frozenset(),
    waiting_for: Collection[int] = frozenset(),
) -> bytes:
    """A calendar of several events (a feed). Online links only for events whose pk is in
    `include_online_link_for`; events whose pk is in `waiting_for` are marked as waiting.
    Events need `organisation` selected to keep the query count fixed."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(
            vevent(
                event,
                include_online_link=event.pk in include_online_link_for,
                waiting=event.pk in waiting_for,
            )
        )
    return calendar.to_ical()
