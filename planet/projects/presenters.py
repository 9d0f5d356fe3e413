"""What the project page shows, gathered in a fixed number of queries."""

from planet.lib import once
from planet.lib.jsonld import json_ld_script
from planet.lib.languages import language_name
from planet.projects.models import Comment, Follow, Project, ProjectMember
from planet.projects.permissions import allowed_actions, available_transitions
from planet.projects.team import with_visible_avatars


def detail_context(request, project) -> dict:
    team = ProjectMember.objects.filter(project=project).select_related("user__profile")
    user = request.user
    comments = Comment.objects.filter(project=project).visible_to(user).threads(user)
    actions = allowed_actions(user, project)
    from planet.programs.presenters import program_sections

    return {
        **program_sections(request, project, actions),
        "actions": actions,
        "transitions": available_transitions(user, project, actions),
        "project": project,
        "goals": project.goals.all(),
        "targets": project.targets.select_related("goal"),
        "locations": project.locations.all(),
        "languages": [
            language_name(code) for code in project.languages.values_list("code", flat=True)
        ],
        "organisations": project.organisations.all(),
        "team": with_visible_avatars(team, user),
        "role": project.role_of(user),
        "updates": project.updates.select_related("author__profile"),
        "needs": project.needs.all(),
        "comments": comments,
        "comment_token": once.issue_token(request) if "take_part" in actions else "",
        "follower_count": project.follows.count(),
        "is_following": user.is_authenticated
        and Follow.objects.filter(project=project, user=user).exists(),
        "json_ld": json_ld_script(project.json_ld()),
        "points": [
            {"lat": loc.latitude, "lng": loc.longitude, "label": loc.place_name}
            for loc in project.locations.all()
        ],
    }


def published_projects_for(viewer, *, limit: int = 12, **filters) -> dict:
    """Published projects matching `filters` (e.g. organisations=org, team__user=user), as
    cards, with their total count: for organisation and profile pages."""
    projects = Project.objects.visible_to(viewer).published().filter(**filters)
    shown = projects.for_cards().order_by("-published_at", "-pk")[:limit]
    return {"projects": shown, "project_count": projects.count()}
