"""Calendars (iCalendar, RFC 5545): each event's `.ics`, and feeds that calendar apps
subscribe to: a festival edition, an organisation, an SDG, and a person's own registrations at
a secret, resettable address.

Online links go only into files meant for one person who may see them: the event `.ics`
fetched by a confirmed registrant or an organiser, and the personal feed for confirmed
registrations. Public feeds are the same for everybody and never carry them.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from planet.events.models import CalendarFeed, Event, Registration, RegistrationStatus
from planet.events.permissions import get_event_for_user, get_festival_for_user
from planet.lib import ical
from planet.orgs.models import Organisation
from planet.sdgs.models import Goal

# Feeds hold upcoming events and those that ended in the last 90 days: enough for a calendar
# app to keep recent history, while a feed stays small however many years of events exist.
FEED_HISTORY = timedelta(days=90)
FEED_LIMIT = 2000  # a safety cap on one response; a yearly festival has hundreds of events
SDG_NUMBERS = range(1, 18)


def calendar_response(body: bytes, filename: str, *, private: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    safe_name = slugify(filename) or "calendar"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}.ics"'
    if private:
        # Meant for one person: no shared cache keeps it, no search engine lists it.
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
    return response


def in_feed_window(events):
    """Public events, the same for everyone (calendar apps fetch feeds without cookies),
    from 90 days ago on, in order, with what the files show selected in the same query."""
    since = timezone.now() - FEED_HISTORY
    return (
        events.visible_to(AnonymousUser())
        .filter(ends_at__gte=since)
        .select_related("organisation")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


@require_safe
def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    may_join_online = event.viewer_is_organiser or (
        request.user.is_authenticated
        and Registration.objects.confirmed().filter(event=event, user=request.user).exists()
    )
    body = ical.event_calendar_bytes(event, include_online_link=may_join_online)
    return calendar_response(body, event.slug, private=True)


@require_safe
def festival_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    festival = get_festival_for_user(request, slug)
    events = in_feed_window(Event.objects.in_festival(festival))
    body = ical.calendar_bytes(events, name=festival.name)
    return calendar_response(body, festival.slug)


@require_safe
def organisation_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    events = in_feed_window(Event.objects.filter(organisation=organisation))
    name = _("Events of %(name)s") % {"name": organisation.name}
    body = ical.calendar_bytes(events, name=name)
    return calendar_response(body, f"{organisation.slug}-events")


@require_safe
def sdg_calendar(request: HttpRequest, number: int) -> HttpResponse:
    if number not in SDG_NUMBERS:
        raise Http404
    goal = get_object_or_404(Goal, number=number)
    events = in_feed_window(Event.objects.filter(goals=goal))
    name = _("Events for SDG %(number)s: %(name)s") % {"number": number, "name": goal.short_name}
    body = ical.calendar_bytes(events, name=name)
    return calendar_response(body, f"sdg-{number}-events")


@require_safe
def personal_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A capability URL: whoever holds the token reads that person's registrations, with the
    online links of those confirmed. Resetting the token makes the old address answer 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    user = feed.user
    registrations = (
        Registration.objects.active()
        .filter(
            user=user,
            event__in=Event.objects.visible_to(user),
            event__ends_at__gte=timezone.now() - FEED_HISTORY,
        )
        .select_related("event__organisation")
        .order_by("event__starts_at", "event__pk")[:FEED_LIMIT]
    )
    events, confirmed, waiting = [], set(), set()
    for registration in registrations:
        events.append(registration.event)
        is_confirmed = registration.status == RegistrationStatus.CONFIRMED
        (confirmed if is_confirmed else waiting).add(registration.event_id)
    body = ical.calendar_bytes(
        events,
        name=_("My events on LearningPlanet"),
        include_online_link_for=confirmed,
        waiting_for=waiting,
    )
    return calendar_response(body, "my-events", private=True)


@login_required
@require_POST
def personal_calendar_reset(request: HttpRequest) -> HttpResponse:
    CalendarFeed.for_user(request.user).reset()
    messages.success(
        request,
        _(
            "Your calendar has a new secret address. The old one no longer works: subscribe "
            "again in your calendar app with the new one."
        ),
    )
    return redirect("events:mine")
