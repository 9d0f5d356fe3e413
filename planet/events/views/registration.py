"""Registering for events, the person's own events, and the organisers' attendee pages.

Who sees what is decided by planet.events.permissions; the rules of registration (capacity,
waiting list, promotion, e-mails) live in planet.events.registration, and what organisers do
with their attendees in planet.events.attendees.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from planet.events import attendees as attendee_rules
from planet.events import registration as rules
from planet.events.attendee_forms import AttendeeMessageForm
from planet.events.models import CalendarFeed, Event, Registration, RegistrationStatus
from planet.events.permissions import get_event_for_user
from planet.orgs.models import Membership, Role

GET_POST = require_http_methods(["GET", "POST"])
ORGANISED_SHOWN = 100
PAST_SHOWN = 30
MESSAGES_SHOWN = 20


@login_required
@require_POST
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    try:
        registration = rules.register(event, request.user)
    except rules.AlreadyRegistered as already:
        messages.info(request, str(already))
    except rules.RegistrationRefused as refused:
        messages.error(request, str(refused))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(
                request, _("You are registered. A confirmation is on its way to your e-mail.")
            )
        else:
            messages.info(
                request,
                _(
                    "The event is full: you are number %(position)s on the waiting list. "
                    "We will e-mail you as soon as a place is yours."
                )
                % {"position": rules.queue_position(registration)},
            )
    return redirect(event)


@login_required
@require_POST
def unregister(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    try:
        registration = rules.unregister(event, request.user)
    except rules.RegistrationRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Your registration is cancelled.")
            if registration.was_confirmed
            else _("You have left the waiting list."),
        )
    return redirect(event)


def _organised_by_me(user):
    """Events the person runs themselves: created by them or by an organisation they
    administer or edit (curators' right to change every event is not "organising")."""
    runs = Membership.objects.filter(
        organisation=OuterRef("organisation"), user=user, role__in=(Role.ADMIN, Role.EDITOR)
    )
    events = Event.objects.filter(Q(created_by=user) | Exists(runs))
    return events.select_related("organisation").with_counts()


@login_required
def my_events(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    mine = rules.with_queue_position(
        Registration.objects.active()
        .filter(user=request.user)
        .select_related("event__organisation")
    )
    organised = _organised_by_me(request.user)
    context = {
        "upcoming": list(mine.filter(event__ends_at__gte=now).order_by("event__starts_at", "pk")),
        "past": list(
            mine.filter(event__ends_at__lt=now).order_by("-event__starts_at")[:PAST_SHOWN]
        ),
        "organised": list(organised.upcoming(now)[:ORGANISED_SHOWN]),
        "organised_past": list(organised.past(now)[:PAST_SHOWN]),
        "calendar_feed": CalendarFeed.for_user(request.user),
    }
    return render(request, "events/my_events.html", context)


@login_required
def attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, organise=True)
    context = {
        "event": event,
        "attendees": attendee_rules.attendees_of(event),
        "sent_messages": event.messages.select_related("sent_by__profile")[:MESSAGES_SHOWN],
    }
    return render(request, "events/attendees.html", context)


@login_required
def attendees_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, organise=True)
    return attendee_rules.attendees_csv_response(event)


@login_required
@GET_POST
def message_attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, organise=True)
    form = AttendeeMessageForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        include_waiting = form.cleaned_data["include_waiting"]
        if attendee_rules.recipients_of(event, include_waiting=include_waiting).exists():
            sent = attendee_rules.send_message(
                event,
                request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                include_waiting=include_waiting,
            )
            messages.success(request, _message_sent(sent.recipients))
            return redirect("events:attendees", event.slug)
        form.add_error(None, _("Nobody would receive this message: no one is registered yet."))
    if form.is_bound:
        messages.error(request, _("The message needs your attention; nothing was sent."))
    context = {"event": event, "form": form}
    return render(request, "events/message.html", context, status=400 if form.is_bound else 200)


def _message_sent(count: int) -> str:
    return ngettext(
        "Your message is on its way to %(count)s person, separately.",
        "Your message is on its way to %(count)s people, each separately.",
        count,
    ) % {"count": count}
