"""Deleting an account: personal drafts go with it, shared projects stay or block it."""

import pytest

from conftest import PASSWORD, client_for, make_user
from planet.projects.models import Project, ProjectMember, Status, TeamRole
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def _delete(user):
    return client_for(user).post("/accounts/delete/", {"password": PASSWORD})


def test_solo_drafts_go_and_published_projects_stay_credited_to_nobody(outsider):
    draft = make_project(outsider, title="My notes", status=Status.DRAFT)
    published = make_project(outsider, title="Shared work", status=Status.PUBLISHED)
    assert _delete(outsider).status_code == 302
    assert not Project.objects.filter(pk=draft.pk).exists()
    published.refresh_from_db()
    assert published.created_by is None and not published.team.exists()
    page = client_for(None).get(published.get_absolute_url())
    assert page.status_code == 200


def test_the_only_owner_of_a_team_must_hand_over_first(outsider):
    project = make_project(outsider, title="Team work", status=Status.DRAFT)
    teammate = make_user("mate@example.org", "Mate")
    ProjectMember.objects.create(project=project, user=teammate, role=TeamRole.EDITOR)
    response = _delete(outsider)
    assert response.status_code in (200, 400)
    assert "only owner of “Team work”" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()
    outsider.refresh_from_db()
    assert outsider.is_active


def test_comments_and_updates_of_a_deleted_account_are_credited_to_it(outsider, member):
    from planet.projects.models import Comment, ProjectUpdate

    project = make_project(member, title="Shared work")
    Comment.objects.create(project=project, author=outsider, body="Lovely idea")
    ProjectUpdate.objects.create(project=project, author=member, title="Week 1", body="Started")
    ProjectMember.objects.create(project=project, user=outsider, role=TeamRole.MEMBER)
    assert _delete(outsider).status_code == 302
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Lovely idea" in page and "Deleted account" in page
