"""Consultation pages: the list (open first), the consultation with its proposals, creating,
editing and publishing (curators), the results, and the organiser's summary after closing.
Who may see or do what is decided in permissions.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.consultations import participation, results
from planet.consultations.forms import (
    ConsultationForm,
    DeclarationForm,
    ProposalForm,
    SummaryForm,
)
from planet.consultations.models import Consultation, ConsultationStatus, Proposal
from planet.consultations.permissions import get_consultation_for_user, may_create
from planet.moderation.models import AuditLog

GET_POST = require_http_methods(["GET", "POST"])
PER_PAGE = 24
PROPOSALS_PER_PAGE = 30
SORTS = {"supports": "by_supports", "newest": None}


def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    consultations = (
        Consultation.objects.visible_to(request.user)
        .open_first(now)
        .with_figures()
        .select_related("organisation")
        .prefetch_related("goals")
    )
    page = Paginator(consultations, PER_PAGE).get_page(request.GET.get("page"))
    for consultation in page:
        consultation.current_phase = consultation.phase(now)
    context = {"page": page, "may_create": may_create(request.user)}
    return render(request, "consultations/list.html", context)


def _proposals(request, consultation, sort: str):
    proposals = (
        Proposal.objects.visible_to(request.user)
        .filter(consultation=consultation)
        .for_list(request.user)
    )
    if sort == "supports":
        proposals = proposals.by_supports()
    else:
        proposals = proposals.order_by("-created_at", "-pk")
    return Paginator(proposals, PROPOSALS_PER_PAGE).get_page(request.GET.get("page"))


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug)
    now = timezone.now()
    prefetch_related_objects([consultation], "goals")
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "supports"
    participant = participation.participant_of(request.user, consultation)
    is_open = consultation.is_open(now)
    context = {
        "consultation": consultation,
        "phase": consultation.phase(now),
        "is_open": is_open,
        "page": _proposals(request, consultation, sort),
        "sort": sort,
        "participant": participant,
        "may_answer": consultation.viewer_is_organiser and consultation.is_closed(now),
        "may_edit": may_create(request.user),
        "tab": "about",
    }
    if is_open and request.user.is_authenticated:
        context["proposal_form"] = ProposalForm()
        if participant is None:
            context["declaration_form"] = DeclarationForm(consultation=consultation)
    return render(request, "consultations/detail.html", context)


def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug)
    context = {"consultation": consultation, "tab": "results", **results.figures(consultation)}
    context["phase"] = consultation.phase()
    return render(request, "consultations/results.html", context)


# Creating, editing, publishing (curators) ---------------------------------------------------


def _form_page(request, form, consultation=None) -> HttpResponse:
    context = {"form": form, "consultation": consultation, "tab": "edit"}
    status = 400 if form.is_bound else 200
    return render(request, "consultations/form.html", context, status=status)


@login_required
@GET_POST
def consultation_create(request: HttpRequest) -> HttpResponse:
    if not may_create(request.user):
        raise PermissionDenied
    form = ConsultationForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form)
    with transaction.atomic():
        consultation = form.save(commit=False)
        consultation.created_by = request.user
        consultation.save()
        form.save_goals(consultation)
        AuditLog.record(request.user, "consultation.create", consultation)
    messages.success(request, _("The consultation is saved as a draft: publish it to open it."))
    return redirect(consultation)


@login_required
@GET_POST
def consultation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug, action="edit")
    data = request.POST if request.method == "POST" else None
    form = ConsultationForm(data, instance=consultation)
    if request.method == "GET" or not form.is_valid():
        return _form_page(request, form, consultation)
    with transaction.atomic():
        consultation = form.save()
        form.save_goals(consultation)
        AuditLog.record(request.user, "consultation.edit", consultation)
    messages.success(request, _("Your changes are saved."))
    return redirect(consultation)


@login_required
@require_POST
def consultation_publish(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug, action="edit")
    if consultation.status == ConsultationStatus.PUBLISHED:
        messages.info(request, _("This consultation is already published."))
        return redirect(consultation)
    with transaction.atomic():
        consultation.status = ConsultationStatus.PUBLISHED
        consultation.save(update_fields=["status", "updated_at"])  # the index follows
        AuditLog.record(request.user, "consultation.publish", consultation)
    messages.success(
        request, _("The consultation is published: members may take part between its dates.")
    )
    return redirect(consultation)


# The organiser's summary, after closing ------------------------------------------------------


@login_required
@GET_POST
def summary_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_consultation_for_user(request, slug, action="answer")
    data = request.POST if request.method == "POST" else None
    form = SummaryForm(data, initial={"summary": consultation.summary})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            participation.publish_summary(
                consultation, request.user, text=form.cleaned_data["summary"]
            )
        except participation.Refused as refused:
            error = str(refused)
        else:
            messages.success(request, _("The summary is saved and shown on the page."))
            return redirect(consultation)
    context = {"consultation": consultation, "form": form, "error": error, "tab": "summary"}
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/summary_form.html", context, status=status)
