"""Impact reports: what a project achieved over a period, as its team reports it, and the
curators' verification. Reports are seen exactly by those who may see their project."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.lib import once
from planet.moderation.models import AuditLog
from planet.programs.impact_forms import all_valid, evidence_of, report_forms
from planet.programs.models import ImpactReport
from planet.projects.permissions import (
    allowed_actions,
    at_current_address,
    get_project_for_user,
)

GET_POST = require_http_methods(["GET", "POST"])
LATEST_ON_PROJECT_PAGE = 3
REPORTS_PER_PAGE = 20


def totals_of(project) -> dict:
    """Figures over all the reports of a project, in one query."""
    totals = project.impact_reports.aggregate(
        learners=Sum("learners_total", default=0),
        sessions=Sum("sessions_held", default=0),
        reports=Count("pk"),
        verified=Count("pk", filter=Q(verified_at__isnull=False)),
    )
    return totals


def with_figures(reports) -> list[ImpactReport]:
    """The reports as a list, their indicators' values written for people (12.5, not 12.500)."""
    reports = list(reports)
    for report in reports:
        for indicator in report.indicators.all():
            indicator.figure = number_format(indicator.value.normalize(), force_grouping=True)
    return reports


def section(request, project, actions: set[str]) -> dict:
    """Context for this section of the project page (see planet/programs/presenters.py): the
    totals and the latest reports, in three queries at most whatever their number."""
    totals = totals_of(project)
    latest = []
    if totals["reports"]:
        reports = project.impact_reports.prefetch_related("indicators")
        latest = with_figures(reports[:LATEST_ON_PROJECT_PAGE])
    return {
        "impact_totals": totals,
        "impact_latest": latest,
        "impact_may_edit": "edit" in actions,
    }


def _page_context(request, project, **extra) -> dict:
    return {"project": project, "actions": allowed_actions(request.user, project), **extra}


@at_current_address
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug)
    reports = project.impact_reports.prefetch_related("indicators")
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    context = _page_context(
        request, project, page=page, reports=with_figures(page), totals=totals_of(project)
    )
    return render(request, "programs/impact_list.html", context)


def _form_page(request, project, forms, *, report=None, form_token="") -> HttpResponse:
    form, indicators, evidence = forms
    context = _page_context(
        request,
        project,
        report=report,
        form=form,
        indicators=indicators,
        evidence=evidence,
        form_token=form_token,
    )
    return render(
        request, "programs/impact_form.html", context, status=400 if form.is_bound else 200
    )


def _save(project, forms, *, by) -> tuple[ImpactReport, bool]:
    """Save the report, its indicators and its evidence at once. A change to a verified report
    removes its verification (the curators check it again): say whether it did."""
    form, indicators, evidence = forms
    with transaction.atomic():
        report = form.save(commit=False)
        report.project = project
        report.evidence_links = evidence_of(evidence)
        was_verified = False
        if report.pk is None:
            report.created_by = by
        else:
            locked = ImpactReport.objects.select_for_update().filter(pk=report.pk)
            was_verified = locked.exclude(verified_at=None).exists()
            report.verified_at = report.verified_by = None
        report.save()
        indicators.instance = report
        indicators.save()
        if was_verified:
            AuditLog.record(
                by,
                "impact_report.unverify",
                project,
                reason=str(report),
                report=report.pk,
                cause="edited by the team",
            )
    return report, was_verified


def _listed(project, report) -> str:
    return f"{reverse('programs:impact_list', args=[project.slug])}#report-{report.pk}"


@login_required
@GET_POST
@at_current_address
def report_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="edit")
    if request.method == "GET":
        return _form_page(request, project, report_forms(), form_token=once.issue_token(request))
    token = request.POST.get("form_token", "")
    earlier = once.already_used(request, token)
    if earlier is not None:
        messages.info(request, _("This report was already sent; here it is."))
        return redirect(earlier or reverse("programs:impact_list", args=[project.slug]))
    forms = report_forms(request.POST)
    if not all_valid(request.POST, *forms):
        return _form_page(request, project, forms, form_token=token)
    report, _unverified = _save(project, forms, by=request.user)
    once.mark_used(request, token, _listed(project, report))
    messages.success(request, _("The impact report is saved."))
    return redirect(_listed(project, report))


@login_required
@GET_POST
@at_current_address
def report_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_user(request, slug, action="edit")
    report = get_object_or_404(project.impact_reports, pk=pk)
    forms = report_forms(request.POST if request.method == "POST" else None, report)
    if request.method == "GET" or not all_valid(request.POST, *forms):
        return _form_page(request, project, forms, report=report)
    if not any(each.has_changed() for each in forms):
        messages.info(request, _("Nothing was changed."))
        return redirect(_listed(project, report))
    report, unverified = _save(project, forms, by=request.user)
    messages.success(request, _("Your changes are saved."))
    if unverified:
        messages.info(
            request,
            _("The report changed: it is no longer verified until a curator checks it again."),
        )
    return redirect(_listed(project, report))


@login_required
@GET_POST
@at_current_address
def report_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = get_project_for_user(request, slug, action="edit")
    report = get_object_or_404(project.impact_reports, pk=pk)
    if request.method == "GET":
        return render(
            request, "programs/impact_delete.html", _page_context(request, project, report=report)
        )
    with transaction.atomic():
        report.delete()
    messages.success(request, _("The impact report is deleted."))
    return redirect("programs:impact_list", project.slug)


def _verify(request, report) -> None:
    if request.POST.get("seen", "") != report.updated_at.isoformat():
        messages.error(
            request,
            _("The team changed this report since you opened the page: read it again first."),
        )
        return
    report.mark_verified(request.user)
    messages.success(request, _("The report is marked verified."))


def _unverify(request, report) -> None:
    report.verified_at = report.verified_by = None
    report.save(update_fields=["verified_at", "verified_by"])
    AuditLog.record(
        request.user, "impact_report.unverify", report.project, reason=str(report), report=report.pk
    )
    messages.success(request, _("The verification is removed."))


@login_required
@require_POST
@at_current_address
def report_verify(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Curators mark a report verified, or remove the verification; both are audited. A
    report the team changed since the curator's page was loaded is not verified unseen."""
    project = get_project_for_user(request, slug, action="publish")
    operation = request.POST.get("operation", "")
    with transaction.atomic():
        report = get_object_or_404(project.impact_reports.select_for_update(), pk=pk)
        report.project = project
        if operation == "verify" and not report.is_verified:
            _verify(request, report)
        elif operation == "unverify" and report.is_verified:
            _unverify(request, report)
        else:
            messages.info(request, _("Nothing was changed."))
    return redirect(_listed(project, report))
