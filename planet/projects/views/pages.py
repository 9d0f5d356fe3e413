from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from planet.lib import once
from planet.moderation.models import AuditLog
from planet.projects.forms import (
    DeleteProjectForm,
    EditConflict,
    LinkFormSet,
    LocationFormSet,
    ProjectForm,
    create_project,
    update_project,
)
from planet.projects.models import Project
from planet.projects.permissions import MovedPermanently, get_project_for_user
from planet.projects.presenters import detail_context


def _formsets(request, project=None):
    data = request.POST if request.method == "POST" else None
    locations = [
        {"place_name": loc.place_name, "country": loc.country.code, "latitude": loc.latitude,
         "longitude": loc.longitude}
        for loc in (project.locations.all() if project else [])
    ]  # fmt: skip
    links = project.links if project else []
    return (
        LocationFormSet(data, initial=locations, prefix="locations"),
        LinkFormSet(data, initial=links, prefix="links"),
    )


def _render_form(request, form, locations, links, project=None, status=200):
    if (
        not form.is_bound
        or form.errors
        or locations.total_error_count()
        or links.total_error_count()
    ):
        form.initial["form_token"] = once.issue_token(request)
    context = {"form": form, "locations": locations, "links": links, "project": project}
    return render(request, "projects/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, request.FILES or None, user=request.user)
    locations, links = _formsets(request)
    if request.method == "POST":
        token = request.POST.get("form_token", "")
        earlier = once.already_used(request, token)
        if earlier is not None:
            messages.info(request, _("This form was already sent; here is what it made."))
            return redirect(earlier or "projects:list")
        if form.is_valid() and locations.is_valid() and links.is_valid():
            project = create_project(form, locations, links, owner=request.user)
            once.mark_used(request, token, project.get_absolute_url())
            messages.success(request, _("Your project is saved as a draft: only its team sees it."))
            return redirect(project)
    return _render_form(request, form, locations, links, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="edit")
    form = ProjectForm(
        request.POST or None, request.FILES or None, instance=project, user=request.user
    )
    locations, links = _formsets(request, project)
    if request.method == "POST" and form.is_valid() and locations.is_valid() and links.is_valid():
        try:
            edited = update_project(project, form, locations, links)
        except EditConflict as conflict:
            form.add_error(
                None,
                _(
                    "Someone else saved this project while you were editing it. Your changes "
                    "are kept below: compare them with the current version (open it in another "
                    "tab), then save again."
                ),
            )
            form.data = form.data.copy()
            form.data["version"] = conflict.current_version
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(edited)
    return _render_form(
        request, form, locations, links, project, status=400 if form.is_bound else 200
    )


DETAIL_QUERYSET = Project.objects.prefetch_related("goals", "locations", "organisations")


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        project = get_project_for_user(request, slug, queryset=DETAIL_QUERYSET)
    except MovedPermanently as moved:
        return redirect(moved.project, permanent=True)
    return render(request, "projects/detail.html", detail_context(request, project))


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request, slug, action="delete")
    form = DeleteProjectForm(request.POST or None, project=project)
    adaptations = project.replications.count()
    if adaptations:
        return _archive_instead_of_delete(request, project, form, adaptations)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            AuditLog.record(request.user, "project.delete", project)
            if project.cover:
                project.cover.delete(save=False)
            project.delete()
        messages.success(request, _("The project is deleted."))
        return redirect("projects:list")
    return render(request, "projects/delete.html", {"project": project, "form": form})


def _archive_instead_of_delete(request, project, form, adaptations: int) -> HttpResponse:
    """A program that others adapted stays, archived, so that their lineage holds."""
    if request.method == "POST" and form.is_valid():
        if project.can_transition("archive"):
            project.transition(
                "archive", by=request.user, note="Archived instead of deleted: it has replications."
            )
        messages.success(
            request, _("The program is archived: the projects adapted from it keep their origin.")
        )
        return redirect(project)
    context = {"project": project, "form": form, "adaptations": adaptations}
    return render(request, "projects/delete.html", context, status=400 if form.is_bound else 200)
