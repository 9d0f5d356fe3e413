"""Who may see and do what with a project: the whole cast against every project action.

The project's team: org_admin is its owner, editor its editor, member a plain member;
outsider, curator and site_admin are not on it. Every denied request must leave the
database as it was.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from conftest import client_for
from planet.moderation.models import AuditLog
from planet.projects.models import (
    Project,
    ProjectInvitation,
    ProjectMember,
    Status,
    TeamRole,
)
from planet.projects.permissions import allowed_actions, get_project_for_user
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
TEAM = {"org_admin": TeamRole.OWNER, "editor": TeamRole.EDITOR, "member": TeamRole.MEMBER}
PRIVATE = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED]
PUBLIC = [Status.PUBLISHED, Status.ARCHIVED]
SEES_PRIVATE = {"member", "editor", "org_admin", "curator", "site_admin"}

# Who may do each action, once they may see the project.
EDITORS = {"org_admin", "editor", "site_admin"}
OWNERS = {"org_admin", "site_admin"}
CURATORS = {"curator", "site_admin"}
TEAM_AND_ADMIN = {"org_admin", "editor", "member", "site_admin"}
SIGNED_IN = set(CAST) - {"anonymous"}


@pytest.fixture
def make_team_project(cast):
    def make(status, **extra):
        project = make_project(cast["org_admin"], title=f"A {status} project", status=status,
                               **extra)  # fmt: skip
        for who in ("editor", "member"):
            ProjectMember.objects.create(project=project, user=cast[who], role=TEAM[who])
        return project

    return make


def sees(who, status) -> bool:
    return status in PUBLIC or who in SEES_PRIVATE


def expected(who, status, allowed) -> int:
    """What a page behind login answers: sign in, hidden, refused or allowed."""
    if who == "anonymous":
        return 302
    if not sees(who, status):
        return 404
    return 200 if who in allowed else 403


def snapshot(project):
    """What a refused request must not change."""
    row = Project.objects.filter(pk=project.pk).values().first()
    team = sorted(ProjectMember.objects.filter(project=project).values_list("user_id", "role"))
    return row, team, AuditLog.objects.count(), ProjectInvitation.objects.count()


# Seeing a project


@pytest.mark.parametrize("status", PRIVATE + PUBLIC)
@pytest.mark.parametrize("who", CAST)
def test_project_page(make_team_project, cast, who, status):
    project = make_team_project(status)
    response = client_for(cast[who]).get(project.get_absolute_url())
    assert response.status_code == (200 if sees(who, status) else 404)


@pytest.mark.parametrize("who", CAST)
def test_visible_to_is_the_one_rule(make_team_project, cast, who):
    projects = {status: make_team_project(status) for status in PRIVATE + PUBLIC}
    make_project(None, title="Someone else's draft", status=Status.DRAFT)
    user = cast[who] or AnonymousUser()
    seen = set(Project.objects.visible_to(user).values_list("title", flat=True))
    expected_titles = {p.title for status, p in projects.items() if sees(who, status)}
    if who in {"curator", "site_admin"}:
        expected_titles.add("Someone else's draft")
    assert seen == expected_titles


# Pages behind an action


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
@pytest.mark.parametrize("who", CAST)
def test_edit(make_team_project, cast, who, status):
    project = make_team_project(status)
    client = client_for(cast[who])
    url = f"/projects/{project.slug}/edit/"
    assert client.get(url).status_code == expected(who, status, EDITORS)
    if who not in EDITORS:
        before = snapshot(project)
        assert client.post(url, {"title": "Hijacked"}).status_code == expected(who, status, set())
        assert snapshot(project) == before


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
@pytest.mark.parametrize("who", CAST)
def test_delete(make_team_project, cast, who, status):
    project = make_team_project(status)
    client = client_for(cast[who])
    url = f"/projects/{project.slug}/delete/"
    assert client.get(url).status_code == expected(who, status, OWNERS)
    before = snapshot(project)
    response = client.post(url, {"confirm_title": project.title})
    if who in OWNERS:
        assert response.status_code == 302
        assert not Project.objects.filter(pk=project.pk).exists()
    else:
        assert response.status_code == expected(who, status, set())
        assert snapshot(project) == before


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PUBLISHED])
@pytest.mark.parametrize("who", CAST)
def test_team_management(make_team_project, cast, who, status):
    project = make_team_project(status)
    client = client_for(cast[who])
    url = f"/projects/{project.slug}/team/"
    assert client.get(url).status_code == expected(who, status, OWNERS)
    before = snapshot(project)
    editor_seat = ProjectMember.objects.get(project=project, user=cast["editor"])
    attempts = [
        {"operation": "invite", "email": "new@example.org", "role": "owner"},
        {"operation": "role", "member": editor_seat.pk, "role": "owner"},
        {"operation": "remove", "member": editor_seat.pk},
    ]
    for data in attempts:
        response = client.post(url, data)
        if who in OWNERS:
            assert response.status_code == 302
        else:
            assert response.status_code == expected(who, status, set())
            assert snapshot(project) == before
    if who in OWNERS:
        assert ProjectInvitation.objects.count() == 1
        assert not ProjectMember.objects.filter(project=project, user=cast["editor"]).exists()


# The life of a project: (action, the status it starts from, who may, the status it ends in)
TRANSITIONS = [
    ("submit", Status.DRAFT, EDITORS, Status.SUBMITTED),
    ("submit", Status.RETURNED, EDITORS, Status.SUBMITTED),
    ("publish", Status.SUBMITTED, CURATORS, Status.PUBLISHED),
    ("return", Status.SUBMITTED, CURATORS, Status.RETURNED),
    ("feature", Status.PUBLISHED, CURATORS, Status.PUBLISHED),
    ("unfeature", Status.PUBLISHED, CURATORS, Status.PUBLISHED),
    ("archive", Status.PUBLISHED, OWNERS, Status.ARCHIVED),
    ("unarchive", Status.ARCHIVED, OWNERS, Status.PUBLISHED),
]


@pytest.mark.parametrize(
    "action, start, allowed, end", TRANSITIONS, ids=[f"{t[0]}-{t[1]}" for t in TRANSITIONS]
)
@pytest.mark.parametrize("who", CAST)
def test_transitions(make_team_project, cast, who, action, start, allowed, end):
    featured_at = timezone.now() if action == "unfeature" else None
    project = make_team_project(start, featured_at=featured_at)
    before = snapshot(project)
    url = f"/projects/{project.slug}/transition/{action}/"
    response = client_for(cast[who]).post(url, {"note": "Reason given"})
    if who in allowed:
        assert response.status_code == 302
        project.refresh_from_db()
        assert project.status == end
        assert AuditLog.objects.get().action == f"project.{action}"
    else:
        assert response.status_code == expected(who, start, set())
        assert snapshot(project) == before


# Posting updates, commenting and following. Their views are written separately; here the
# rule they must apply is checked through the permissions module, which they call:
# "update" for posting updates and managing needs by the team; "take_part" for comments,
# follows and offers of help.


@pytest.mark.parametrize("status", PRIVATE + PUBLIC)
@pytest.mark.parametrize("who", CAST)
def test_updates_comments_and_follows(make_team_project, cast, who, status):
    project = make_team_project(status)
    user = cast[who] or AnonymousUser()
    request = RequestFactory().get("/")
    request.user = user
    for action, allowed in [
        ("update", TEAM_AND_ADMIN),
        ("take_part", SIGNED_IN if status in PUBLIC else set()),
    ]:
        if not sees(who, status):
            with pytest.raises(Http404):
                get_project_for_user(request, project.slug, action=action)
        elif who in allowed:
            assert get_project_for_user(request, project.slug, action=action) == project
            assert action in allowed_actions(user, project)
        else:
            with pytest.raises(PermissionDenied):
                get_project_for_user(request, project.slug, action=action)
            assert action not in allowed_actions(user, project)
