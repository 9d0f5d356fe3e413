"""Helpers of the moderation tests: a reported project and comment, and a curator's action."""

from conftest import client_for
from planet.projects.models import Comment
from planet.projects.tests.factories import make_project


def reported_project(owner, *, title="Rivers as classrooms"):
    return make_project(owner, title=title)


def comment_on(project, author, body="Lovely idea, we will try it in Lyon."):
    return Comment.objects.create(project=project, author=author, body=body)


def act(curator, label, pk, action, note="Breaks the community rules."):
    return client_for(curator).post(f"/moderation/queue/{label}/{pk}/{action}/", {"note": note})
