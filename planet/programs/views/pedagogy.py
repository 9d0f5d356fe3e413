"""A program's pedagogy: its section on the project page, its editing, its materials, and
running the program elsewhere (a replication)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planet.lib import once
from planet.programs.models import Material, Pedagogy
from planet.programs.pedagogy_forms import (
    MaterialForm,
    PedagogyForm,
    PhaseFormSet,
    ReplicateForm,
    place_form,
    place_of,
)
from planet.programs.replicate import refusal, start_replication
from planet.projects.models import Kind, Project, Status
from planet.projects.permissions import at_current_address, get_project_for_user

GET_POST = require_http_methods(["GET", "POST"])


def _program_for(request, slug: str, *, action: str | None = None) -> Project:
    project = get_project_for_user(request, slug, action=action)
    if project.kind != Kind.PROGRAM:
        raise Http404
    return project


def with_pedagogy(project: Project) -> Pedagogy | None:
    """The project's pedagogy with its phases and materials (three queries at most), kept on
    the project so that `project.pedagogy` costs nothing more."""
    pedagogy = (
        Pedagogy.objects.filter(project=project).prefetch_related("phases", "materials").first()
    )
    Project._meta.get_field("pedagogy").set_cached_value(project, pedagogy)
    if pedagogy is not None:
        pedagogy.project = project
    return pedagogy


def section(request, project, actions: set[str]) -> dict:
    """Context for this section of the project page (see planet/programs/presenters.py)."""
    if project.kind != Kind.PROGRAM:
        return {}
    pedagogy = with_pedagogy(project)
    return {
        "pedagogy_program": True,
        "pedagogy_record": pedagogy,
        "pedagogy_phases": list(pedagogy.phases.all()) if pedagogy else [],
        "pedagogy_materials": list(pedagogy.materials.all()) if pedagogy else [],
        "pedagogy_hours": pedagogy.total_hours() if pedagogy else 0,
        "pedagogy_may_edit": "edit" in actions,
        "replicate_offered": project.status == Status.PUBLISHED,
        "replicate_refusal": refusal(project),
    }


def _save_pedagogy(form, phases) -> None:
    pedagogy = form.save()
    phases.instance = pedagogy
    for deleted in phases.deleted_forms:
        if deleted.instance.pk:
            deleted.instance.delete()
    for position, phase_form in enumerate(phases.ordered_forms):
        phase = phase_form.instance
        phase.pedagogy, phase.position = pedagogy, position
        phase.save()


@login_required
@GET_POST
@at_current_address
def pedagogy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug, action="edit")
    pedagogy = Pedagogy.objects.filter(project=program).first() or Pedagogy(project=program)
    data = request.POST if request.method == "POST" else None
    form = PedagogyForm(data, instance=pedagogy)
    phases = PhaseFormSet(data, instance=pedagogy, prefix="phases")
    if data is not None and form.is_valid() and phases.is_valid():
        form.check_phase_hours(phases.total_hours())
        if form.is_valid():
            with transaction.atomic():
                _save_pedagogy(form, phases)
            messages.success(request, _("The pedagogy is saved."))
            return redirect(f"{program.get_absolute_url()}#pedagogy")
    context = {"project": program, "form": form, "phases": phases}
    status = 400 if form.is_bound else 200
    return render(request, "programs/pedagogy_form.html", context, status=status)


@login_required
@GET_POST
@at_current_address
def materials(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program_for(request, slug, action="edit")
    pedagogy = Pedagogy.objects.filter(project=program).first()
    form = MaterialForm(request.POST or None, request.FILES or None, pedagogy=pedagogy)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            material = form.save(commit=False)
            material.pedagogy, _created = Pedagogy.objects.get_or_create(project=program)
            material.save()
        messages.success(request, _("“%(title)s” is added.") % {"title": material.title})
        return redirect("programs:materials", program.slug)
    context = {
        "project": program,
        "form": form,
        "materials": pedagogy.materials.all() if pedagogy else [],
    }
    status = 400 if form.is_bound else 200
    return render(request, "programs/materials.html", context, status=status)


@login_required
@require_POST
@at_current_address
def material_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program = _program_for(request, slug, action="edit")
    material = get_object_or_404(Material, pk=pk, pedagogy__project=program)
    with transaction.atomic():
        name, storage = material.file.name, material.file.storage
        material.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
    messages.success(request, _("“%(title)s” is deleted.") % {"title": material.title})
    return redirect("programs:materials", program.slug)


def _refused(request, program, reason: str) -> HttpResponse:
    """The explanation; a POST changes nothing: 403 when the licence forbids adapting,
    400 when the project is not (or not yet) a program one can run."""
    status = 200
    if request.method == "POST":
        runnable = program.kind == Kind.PROGRAM and program.status == Status.PUBLISHED
        status = 403 if runnable else 400
    context = {"program": program, "refusal": reason}
    return render(request, "programs/replicate.html", context, status=status)


def _start(request, program, form, place_form) -> Project:
    data, place = form.cleaned_data, place_of(place_form)
    return start_replication(
        program,
        by=request.user,
        title=form.title_at(place),
        summary=data["summary"],
        place=place,
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        language=data["language"],
        organisation=data["organisation"],
        adaptations=form.adaptations(),
        today=timezone.localdate(),
    )


@login_required
@GET_POST
@at_current_address
def replicate(request: HttpRequest, slug: str) -> HttpResponse:
    program = get_project_for_user(request, slug)
    pedagogy = with_pedagogy(program)
    reason = refusal(program)
    if reason:
        return _refused(request, program, reason)
    phases = pedagogy.phases.all() if pedagogy else []
    data = request.POST if request.method == "POST" else None
    form = ReplicateForm(data, program=program, phases=phases, user=request.user)
    place = place_form(data)
    if data is not None:
        token = data.get("form_token", "")
        earlier = once.already_used(request, token)
        if earlier is not None:
            messages.info(request, _("This form was already sent; here is what it made."))
            return redirect(earlier or program)
        if all([form.is_valid(), place.is_valid()]):
            try:
                project = _start(request, program, form, place)
            except ValidationError as error:
                return _refused(request, program, " ".join(error.messages))
            once.mark_used(request, token, project.get_absolute_url())
            messages.success(
                request,
                _("Your run is saved as a draft that only you see: complete it, then submit it."),
            )
            return redirect(project)
    form.initial["form_token"] = once.issue_token(request)
    context = {"program": program, "pedagogy": pedagogy, "form": form, "place": place}
    return render(request, "programs/replicate.html", context, status=400 if data else 200)
