from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from planet.sdgs import hub


def goal_list(request: HttpRequest) -> HttpResponse:
    return render(request, "sdgs/goal_list.html", {"goals": hub.goals_with_counts()})


def goal_detail(request: HttpRequest, number: int) -> HttpResponse:
    """The goal's texts and targets, and its hub: the published projects that serve it."""
    goal = get_object_or_404(hub.goal_with_targets(number))
    context = {
        "goal": goal,
        "previous": goal.number - 1 if goal.number > 1 else None,
        "next": goal.number + 1 if goal.number < 17 else None,
        **hub.hub_context(goal),
    }
    return render(request, "sdgs/goal_detail.html", context)
