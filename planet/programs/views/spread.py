"""How far programs spread: the summary and the origin on the project page, a program's
spread page (map, lineage tree, timeline) and the scale page that ranks programs."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html

from planet.programs import lineage, scale
from planet.programs.models import Replication
from planet.projects.models import Kind, Project, Status
from planet.projects.permissions import MovedPermanently, get_project_for_user


def adapter_link(replication) -> str:
    """A link to who runs a replication: its organisation, else the member who started it
    (empty when that account was deleted)."""
    if replication.organisation is not None:
        organisation = replication.organisation
        return format_html('<a href="{}">{}</a>', organisation.get_absolute_url(), organisation)
    if replication.created_by is not None:
        user = replication.created_by
        return format_html(
            '<a href="{}">{}</a>', user.profile.get_absolute_url(), user.display_name
        )
    return ""


def _origin_context(request, project) -> dict:
    """Where a replication comes from: its origin (when the viewer may see it), who adapted
    it and what they changed. At most three queries."""
    replications = Replication.objects.select_related(
        "origin", "organisation", "created_by__profile"
    ).prefetch_related("adaptations")
    prefetch_related_objects([project], Prefetch("replication", queryset=replications))
    replication = getattr(project, "replication", None)
    if replication is None:
        return {}
    origin = replication.origin
    visible = (
        origin.is_public or Project.objects.visible_to(request.user).filter(pk=origin.pk).exists()
    )
    return {
        "origin_replication": replication,
        "origin_project": origin if visible else None,
        "origin_archived": visible and origin.status == Status.ARCHIVED,
        "origin_adapted_by": adapter_link(replication),
        "origin_adaptations": replication.adaptations.all(),
    }


def section(request, project, actions: set[str]) -> dict:
    """Context for this section of the project page (see planet/programs/presenters.py):
    the origin of a replication and the public figures of a program's spread."""
    context = _origin_context(request, project)
    if project.kind == Kind.PROGRAM:
        context["spread_figures"] = lineage.public_figures(project)
    return context


def _program_for(request, slug: str) -> Project:
    project = get_project_for_user(request, slug)
    if project.kind != Kind.PROGRAM:
        raise Http404
    return project


def spread_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The lineage of a program as the viewer may see it, with its public figures."""
    try:
        program = _program_for(request, slug)
    except MovedPermanently as moved:
        return redirect("programs:spread", slug=moved.project.slug, permanent=True)
    origin = _origin_context(request, program)  # first: it fetches the program's replication
    spread = lineage.spread_of(program, request.user)
    context = {
        **origin,
        "program": program,
        "spread": spread,
        "outline": spread.outline(),
        "points": spread.points(),
    }
    return render(request, "programs/spread.html", context)


def program_list(request: HttpRequest) -> HttpResponse:
    """The scale page: original programs ranked by spread or by learners reached."""
    form = scale.ScaleFilterForm(request.GET)
    programs = scale.filtered_programs(form)
    sort = form.sort_order()
    paginator = Paginator(scale.ranked(programs, sort), scale.PROGRAMS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    years = scale.runs_per_year(programs)
    context = {
        "form": form,
        "errors": form.filter_errors(),
        "sort": sort,
        "page": page,
        "programs": page.object_list,
        "years": years,
        "chart": scale.chart_of(years),
    }
    return render(request, "programs/program_list.html", context)
