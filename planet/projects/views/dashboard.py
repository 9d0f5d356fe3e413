"""A member's dashboard: their projects, the projects they follow, their organisations and
the requests to join waiting for them. Routed at /dashboard/."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planet.orgs.models import Membership
from planet.projects.models import JoinRequest, Project, ProjectMember, TeamRole


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = Project.objects.visible_to(user)
    seats = (
        ProjectMember.objects.filter(user=user, project__in=visible)
        .select_related("project")
        .order_by("-project__updated_at", "pk")
    )
    owned = ProjectMember.objects.filter(user=user, role=TeamRole.OWNER).values("project")
    join_requests = (
        JoinRequest.objects.filter(state=JoinRequest.State.PENDING, project__in=owned)
        .select_related("project", "user__profile")
        .order_by("created_at", "pk")
    )
    followed = (
        visible.published().filter(follows__user=user).for_cards().order_by("-follows__created_at")
    )
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    context = {
        "seats": seats,
        "join_requests": join_requests,
        "followed": followed,
        "memberships": memberships,
    }
    return render(request, "projects/dashboard.html", context)
