"""One place decides who may see and change a project.

Those who may not see a project get 404 (its existence stays private); those who may
see it but not act get 403.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from planet.projects.models import Project, ProjectSlug, Status, TeamRole

EDIT_ROLES = {TeamRole.OWNER, TeamRole.EDITOR}


class MovedPermanently(Exception):
    """The slug is an old address of a project: redirect to its current one."""

    def __init__(self, project):
        self.project = project


def may_edit(user, project, role) -> bool:
    return role in EDIT_ROLES or (user.is_authenticated and user.is_site_admin)


def may_manage_team(user, project, role) -> bool:
    return role == TeamRole.OWNER or (user.is_authenticated and user.is_site_admin)


def may_post_update(user, project, role) -> bool:
    return role is not None or (user.is_authenticated and user.is_site_admin)


def may_curate(user, project, role) -> bool:
    return user.is_authenticated and user.is_curator


def may_take_part(user, project, role) -> bool:
    """Comment, follow and offer help: signed-in members, on public projects."""
    return user.is_authenticated and project.status in (Status.PUBLISHED, Status.ARCHIVED)


ACTION_RULES = {
    "edit": may_edit,
    "submit": may_edit,
    "archive": may_manage_team,
    "unarchive": may_manage_team,
    "delete": may_manage_team,
    "team": may_manage_team,
    "update": may_post_update,
    "needs": may_edit,
    "publish": may_curate,
    "return": may_curate,
    "feature": may_curate,
    "unfeature": may_curate,
    "take_part": may_take_part,
}


def get_project_for_user(request, slug: str, *, action: str | None = None, queryset=None):
    """The project at `slug` if the user may see it (404 otherwise) and, when `action` is
    given, may do it (403 otherwise). Old slugs raise MovedPermanently."""
    queryset = (Project.objects.all() if queryset is None else queryset).visible_to(request.user)
    project = queryset.filter(slug=slug).prefetch_related("team").first()
    if project is None:
        old = ProjectSlug.objects.filter(slug=slug).select_related("project").first()
        if old and queryset.filter(pk=old.project_id).exists():
            raise MovedPermanently(old.project)
        raise Http404
    if action is not None:
        role = project.role_of(request.user)
        if not ACTION_RULES[action](request.user, project, role):
            raise PermissionDenied
    return project


def allowed_actions(user, project) -> set[str]:
    role = project.role_of(user)
    return {name for name, rule in ACTION_RULES.items() if rule(user, project, role)}


def available_transitions(user, project, actions: set[str]) -> list[str]:
    """The life-cycle moves this user may make on the project now."""
    return [a for a in project.TRANSITIONS if a in actions and project.can_transition(a)]


def at_current_address(view):
    """Old addresses of a project lead to the same page at its current one (a form posted to
    an old address is posted again to the new one: 307 keeps the method and the data)."""

    @functools.wraps(view)
    def wrapper(request, slug, **kwargs):
        try:
            return view(request, slug, **kwargs)
        except MovedPermanently as moved:
            name = request.resolver_match.view_name
            url = reverse(name, kwargs={**kwargs, "slug": moved.project.slug})
            if request.method in ("GET", "HEAD"):
                return redirect(url, permanent=True)
            return HttpResponse(status=307, headers={"Location": url})

    return wrapper
