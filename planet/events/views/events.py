"""Event pages: the list, the event's page, creating and editing an event, cancelling it.
Who may see or change what is decided in permissions.py."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from planet.events import presenters
from planet.events.cancellation import CancelRefused, cancel_event, why_not_cancellable
from planet.events.event_forms import (
    PAST,
    EventFilterForm,
    EventForm,
    TooFewPlaces,
    filter_events,
    save_event,
)
from planet.events.models import Event, EventStatus, Festival, FestivalReview
from planet.events.permissions import get_event_for_user
from planet.events.registration import has_verified_email
from planet.lib.jsonld import json_ld_script
from planet.lib.languages import language_name
from planet.projects.models import AgeGroup

GET_POST = require_http_methods(["GET", "POST"])
EVENTS_PER_PAGE = 24


# The list ----------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    filters = form.filters()
    events = filter_events(Event.objects.visible_to(request.user).public(), filters, timezone.now())
    events = events.with_counts().select_related("organisation").prefetch_related("goals")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "events": [presenters.with_places(event) for event in page],
        "showing_past": filters.get("when") == PAST,
    }
    template = "events/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# The event's page --------------------------------------------------------------------------


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    presenters.count_registrations(event)
    goals = list(event.goals.all())
    registration = presenters.viewer_registration(request.user, event)
    structured = presenters.json_ld(event, goals)
    context = {
        "event": event,
        "goals": goals,
        "registration": registration,
        "shows_online_link": presenters.may_see_online_link(event, registration),
        "language_names": [language_name(code) for code in event.languages],
        "audience_labels": [
            AgeGroup(code).label for code in event.audience if code in AgeGroup.values
        ],
        "in_festival": bool(event.festival_id) and event.festival_review == FestivalReview.APPROVED,
        "json_ld": json_ld_script(structured) if structured else "",
        "cancel_refusal": why_not_cancellable(event) if event.viewer_is_organiser else "",
    }
    return render(request, "events/detail.html", context)


# Creating and editing ----------------------------------------------------------------------


def _form_page(request, form, event=None, festival=None) -> HttpResponse:
    status = 400 if form.is_bound else 200
    context = {"form": form, "event": event, "festival": festival}
    return render(request, "events/form.html", context, status=status)


def _saved_message(event) -> str:
    if event.status == EventStatus.DRAFT:
        return _("The event is saved as a draft: only its organisers see it.")
    return _("The event is published: everybody can see it and register.")


@login_required
@GET_POST
def event_create(request: HttpRequest) -> HttpResponse:
    if not has_verified_email(request.user):
        messages.error(
            request,
            _("Verify your e-mail address before publishing an event: open the link we sent."),
        )
        return redirect("events:list")
    # Coming from a festival edition's proposal page: propose the new event there next.
    festival = Festival.objects.filter(
        slug=request.GET.get("festival", ""), proposals_open=True
    ).first()
    form = EventForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, festival=festival)
    event = save_event(form, by=request.user)
    messages.success(request, _saved_message(event))
    if festival is not None:
        return redirect("festival:propose", festival.slug)
    return redirect(event)


@login_required
@GET_POST
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, organise=True)
    if event.is_cancelled:
        messages.error(request, _("This event is cancelled: it can no longer be changed."))
        return redirect(event)
    data = request.POST if request.method == "POST" else None
    form = EventForm(data, instance=event, user=request.user)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, event)
    try:
        event = save_event(form, by=request.user)
    except TooFewPlaces as refused:
        form.add_error(
            "capacity",
            _(
                "%(count)s people already have a confirmed place: the event needs at least "
                "%(count)s places."
            )
            % {"count": refused.confirmed},
        )
        return _form_page(request, form, get_event_for_user(request, slug, organise=True))
    messages.success(request, _saved_message(event))
    return redirect(event)


# Cancelling --------------------------------------------------------------------------------


class CancelForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("A note to the people registered"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Why the event is cancelled; it is e-mailed to them and shown."),
        error_messages={"required": gettext_lazy("Say in a few words why the event is cancelled.")},
    )


@login_required
@GET_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug, organise=True)
    if event.is_cancelled:
        messages.info(request, _("This event is already cancelled."))
        return redirect(event)
    if refusal := why_not_cancellable(event):
        messages.error(request, refusal)
        return redirect(event)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        presenters.count_registrations(event)
        status = 400 if form.is_bound else 200
        return render(request, "events/cancel.html", {"event": event, "form": form}, status=status)
    try:
        cancel_event(event, by=request.user, note=form.cleaned_data["note"])
    except CancelRefused as refused:
        messages.error(request, str(refused))
        return redirect(event)
    messages.success(
        request, _("The event is cancelled. Everyone registered or waiting is told by e-mail.")
    )
    return redirect(event)
