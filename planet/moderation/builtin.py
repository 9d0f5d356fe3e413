"""The content that existed before moderation, registered as flaggable (from AppConfig.ready)."""

from planet.moderation.registry import Flaggable, register


def project_owner(project):
    from planet.projects.models import TeamRole

    owners = [member for member in project.team.all() if member.role == TeamRole.OWNER]
    return owners[0].user if owners else project.created_by


def register_builtin_content() -> None:
    from planet.events.models import Event
    from planet.projects.models import Comment, Project

    register(Flaggable(model=Project, label="project", owner=project_owner, title=str))
    register(
        Flaggable(
            model=Comment,
            label="comment",
            owner=lambda comment: comment.author,
            title=lambda comment: comment.body[:80],
        )
    )
    register(Flaggable(model=Event, label="event", owner=lambda event: event.created_by))
