"""The /projects/ list: published projects, filters that combine and live in the URL."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from planet.projects.filters import ProjectFilterForm, filter_projects
from planet.projects.models import Project

PROJECTS_PER_PAGE = 24


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET)
    projects = filter_projects(Project.objects.visible_to(request.user), form.filters())
    page = Paginator(projects.for_cards(), PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "projects": page.object_list}
    template = "projects/list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
