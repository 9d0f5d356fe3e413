from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from planet.orgs.models import Organisation
from planet.sdgs.models import Goal


def home(request: HttpRequest) -> HttpResponse:
    goals = Goal.objects.for_tiles()
    organisations = Organisation.objects.order_by("-created_at")[:6]
    return render(request, "core/home.html", {"goals": goals, "organisations": organisations})


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
