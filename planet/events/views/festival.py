"""The Festival of Learning: the current edition and past ones with their global programme,
figures and map; creating and editing an edition; proposing local events to it; and the
festival curators' review. Who may do what is decided in permissions.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.events import programme
from planet.events.festival_forms import (
    DecisionForm,
    FestivalForm,
    ProgrammeFilterForm,
    ProposalForm,
)
from planet.events.models import Event, Festival, FestivalReview
from planet.events.permissions import get_festival_for_user, may_create_festival
from planet.moderation.models import AuditLog
from planet.orgs.models import Membership, Role

GET_POST = require_http_methods(["GET", "POST"])


# The edition pages -------------------------------------------------------------------------


def festival_home(request: HttpRequest) -> HttpResponse:
    festival = Festival.objects.current_or_next()
    if festival is None:
        context = {"festival": None, "may_create": may_create_festival(request.user)}
        return render(request, "events/festival.html", context)
    festival.viewer_is_curator = festival.is_curated_by(request.user)
    return _edition_page(request, festival, is_home=True)


def festival_edition(request: HttpRequest, slug: str) -> HttpResponse:
    return _edition_page(request, get_festival_for_user(request, slug))


def _edition_page(request, festival: Festival, *, is_home: bool = False) -> HttpResponse:
    present_countries, present_languages = programme.facets(
        programme.festival_events(festival, request.user)
    )
    form = ProgrammeFilterForm(
        request.GET, countries_present=present_countries, languages_present=present_languages
    )
    filters = form.filters()
    zone = form.zone() or timezone.get_current_timezone()
    events = programme.festival_events(festival, request.user, filters)
    with timezone.override(zone):  # the page's dates are read in the viewer's chosen zone
        rows = programme.programme_rows(events)
        context = {
            "festival": festival,
            "is_home": is_home,
            "form": form,
            "filters": filters,
            "zone_name": zone.key,
            "days": programme.by_day(rows, zone),
            "points": programme.map_points(rows),
            "figures": programme.figures(events),
            "other_editions": Festival.objects.exclude(pk=festival.pk).order_by("-starts_on"),
            "may_create": may_create_festival(request.user),
            "today": timezone.localdate(),
        }
        return render(request, "events/festival.html", context)


# Creating and editing an edition -----------------------------------------------------------


def _form_page(request, form, festival=None) -> HttpResponse:
    status = 400 if form.is_bound else 200
    context = {"form": form, "festival": festival}
    return render(request, "events/festival_form.html", context, status=status)


@login_required
@GET_POST
def festival_create(request: HttpRequest) -> HttpResponse:
    if not may_create_festival(request.user):
        raise PermissionDenied
    form = FestivalForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form)
    with transaction.atomic():
        festival = form.save(commit=False)
        festival.created_by = request.user
        festival.save()
        festival.curators.set(form.cleaned_data["curator_emails"])
        AuditLog.record(request.user, "festival.create", festival)
    messages.success(request, _("The edition is created: local events may now be proposed."))
    return redirect(festival)


@login_required
@GET_POST
def festival_edit(request: HttpRequest, slug: str) -> HttpResponse:
    festival = get_festival_for_user(request, slug, curate=True)
    form = FestivalForm(request.POST if request.method == "POST" else None, instance=festival)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, festival)
    with transaction.atomic():
        festival = form.save()
        AuditLog.record(request.user, "festival.edit", festival, fields=form.changed_data)
    messages.success(request, _("Your changes are saved."))
    return redirect(festival)


# Proposing a local event -------------------------------------------------------------------


@login_required
@GET_POST
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    festival = get_festival_for_user(request, slug)
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, festival=festival, user=request.user)
    if request.method == "GET" or not form.is_valid():
        return _propose_page(request, festival, form)
    event = form.cleaned_data["event"]
    with transaction.atomic():
        proposed = Event.objects.filter(pk=event.pk, festival__isnull=True).update(
            festival=festival,
            festival_review=FestivalReview.PROPOSED,
            festival_note="",
            festival_reviewed_by=None,
            festival_reviewed_at=None,
        )
        if proposed:
            AuditLog.record(request.user, "festival.propose", event, festival=festival.slug)
    if not proposed:
        form.add_error("event", _("This event was proposed to a festival meanwhile."))
        return _propose_page(request, festival, form)
    messages.success(
        request,
        _("“%(title)s” is proposed to %(festival)s. The festival curators will answer by e-mail.")
        % {"title": event.title, "festival": festival.name},
    )
    return redirect(event)


def _propose_page(request, festival, form) -> HttpResponse:
    status = 400 if form.is_bound else 200
    context = {
        "festival": festival,
        "form": form,
        "has_events": form.fields["event"].queryset.exists(),
        "proposed": Event.objects.filter(festival=festival, created_by=request.user),
    }
    return render(request, "events/propose.html", context, status=status)


# The festival curators' review -------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest, slug: str) -> HttpResponse:
    festival = get_festival_for_user(request, slug, curate=True)
    queue = (
        Event.objects.filter(festival=festival, festival_review=FestivalReview.PROPOSED)
        .select_related("organisation", "created_by__profile")
        .prefetch_related("goals")
        .order_by("created_at", "pk")
    )
    decided = (
        Event.objects.filter(festival=festival, festival_reviewed_at__isnull=False)
        .select_related("festival_reviewed_by__profile")
        .order_by("-festival_reviewed_at")[:20]
    )
    context = {"festival": festival, "queue": queue, "decided": decided}
    return render(request, "events/review_queue.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    festival = get_festival_for_user(request, slug, curate=True)
    event = get_object_or_404(Event.objects.select_related("created_by"), pk=pk, festival=festival)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("festival:review", festival.slug)
    approve = form.cleaned_data["decision"] == "approve"
    note = form.cleaned_data["note"]
    with transaction.atomic():
        review = FestivalReview.APPROVED if approve else FestivalReview.DECLINED
        decided = Event.objects.filter(pk=event.pk, festival_review=FestivalReview.PROPOSED)
        if not decided.update(
            festival_review=review,
            festival_note=note,
            festival_reviewed_by=request.user,
            festival_reviewed_at=timezone.now(),
        ):
            messages.info(request, _("This event was already decided on."))
            return redirect("festival:review", festival.slug)
        event.festival_review, event.festival_note = review, note
        AuditLog.record(request.user, f"festival.{review}", event, reason=note, festival=slug)
        _tell_organisers(event, festival)
    messages.success(
        request,
        (_("“%(title)s” is approved.") if approve else _("“%(title)s” is declined."))
        % {"title": event.title},
    )
    return redirect("festival:review", festival.slug)


def organiser_emails(event: Event) -> list[str]:
    """Who hears of the decision: the event's creator, else its organisation's admins."""
    if event.created_by and event.created_by.is_active:
        return [event.created_by.email]
    if event.organisation_id:
        admins = Membership.objects.filter(organisation=event.organisation_id, role=Role.ADMIN)
        return list(admins.values_list("user__email", flat=True))
    return []


def _tell_organisers(event: Event, festival: Festival) -> None:
    recipients = organiser_emails(event)
    if not recipients:
        return
    context = {
        "event": event,
        "festival": festival,
        "approved": event.festival_review == FestivalReview.APPROVED,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "festival_url": settings.SITE_URL + festival.get_absolute_url(),
        "propose_url": settings.SITE_URL + reverse("festival:propose", args=[festival.slug]),
    }
    subject = render_to_string("events/email/festival_decision_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    body = render_to_string("events/email/festival_decision.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
