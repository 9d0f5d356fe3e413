from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from planet.sdgs.models import Goal


def goal_list(request: HttpRequest) -> HttpResponse:
    return render(request, "sdgs/goal_list.html", {"goals": Goal.objects.for_tiles()})


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.prefetch_related("targets"), number=number)
    neighbours = {
        "previous": goal.number - 1 if goal.number > 1 else None,
        "next": goal.number + 1 if goal.number < 17 else None,
    }
    return render(request, "sdgs/goal_detail.html", {"goal": goal, **neighbours})
