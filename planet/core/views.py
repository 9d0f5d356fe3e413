from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from planet.innovators.models import Innovator
from planet.orgs.models import Organisation
from planet.projects.models import Project
from planet.sdgs.models import Goal
from planet.stories.models import Story

HOME_PROJECTS = 6
HOME_INNOVATORS = 6
HOME_PARTNERS = 12
HOME_STORIES = 4


def home(request: HttpRequest) -> HttpResponse:
    """The platform's story, then what the community and the curators bring to the front."""
    visible = Project.objects.visible_to(request.user)
    featured = list(visible.featured().for_cards()[:HOME_PROJECTS])
    recent = (
        visible.published()
        .exclude(pk__in=[project.pk for project in featured])
        .order_by("-published_at", "-pk")
        .for_cards()[:HOME_PROJECTS]
    )
    innovators = list(Innovator.objects.shown()[:HOME_INNOVATORS])
    for innovator in innovators:
        innovator.avatar = innovator.user.profile.avatar_for(request.user)
    context = {
        "goals": Goal.objects.for_tiles(),
        "featured_projects": featured,
        "recent_projects": recent,
        "innovators": innovators,
        "partners": Organisation.objects.partners().not_hidden().order_by("name")[:HOME_PARTNERS],
        "stories": Story.objects.visible_to(request.user)
        .published()
        .not_hidden()
        .for_cards()
        .newest_first()[:HOME_STORIES],
    }
    return render(request, "core/home.html", context)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise (for load balancers and uptime checks)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
