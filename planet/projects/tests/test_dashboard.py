"""The member's dashboard: their projects, the projects they follow, organisations, requests."""

import pytest

from conftest import client_for, make_organisation, make_user
from planet.orgs.models import Membership, Role
from planet.projects.models import Follow, JoinRequest, ProjectMember, Status, TeamRole
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_sign_in():
    response = client_for(None).get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_dashboard_shows_my_projects_follows_organisations_and_requests(
    member, organisation, outsider, curator
):
    draft = make_project(member, title="My quiet draft", status=Status.DRAFT)
    editing = make_project(outsider, title="Their garden", status=Status.PUBLISHED)
    ProjectMember.objects.create(project=editing, user=member, role=TeamRole.EDITOR)
    followed = make_project(outsider, title="A followed river", status=Status.PUBLISHED)
    archived = make_project(outsider, title="An archived follow", status=Status.ARCHIVED)
    submitted = make_project(outsider, title="A submitted follow", status=Status.SUBMITTED)
    for project in (followed, archived, submitted):
        Follow.objects.create(project=project, user=member)
    JoinRequest.objects.create(project=draft, user=curator, message="Let me help")
    JoinRequest.objects.create(project=editing, user=curator)  # not mine to answer

    page = client_for(member).get("/dashboard/").content.decode()
    mine, follows = page.index("My projects"), page.index("Projects I follow")
    assert mine < page.index("My quiet draft") < follows and "Draft" in page
    assert mine < page.index("Their garden") < follows and "Editor" in page
    assert page.index("A followed river") > follows
    assert "An archived follow" not in page and "A submitted follow" not in page
    assert "Lycée Planète" in page and "Member" in page
    assert "Cora Curator asks to join “My quiet draft”" in page
    assert "asks to join “Their garden”" not in page
    assert f"/projects/{draft.slug}/team/" in page


def test_a_dashboard_shows_nothing_of_others(member, outsider):
    make_project(outsider, title="Outsider's draft", status=Status.DRAFT)
    page = client_for(member).get("/dashboard/").content.decode()
    assert "Outsider&#x27;s draft" not in page and "Outsider's draft" not in page


def _fill(user, n):
    for i in range(n):
        owner = make_user(f"owner{i}-{user.pk}@example.org")
        mine = make_project(user, title=f"Mine {i}", status=Status.DRAFT)
        JoinRequest.objects.create(project=mine, user=owner)
        followed = make_project(owner, title=f"Followed {i}", status=Status.PUBLISHED)
        Follow.objects.create(project=followed, user=user)
        organisation = make_organisation(f"Organisation {i} of {user.pk}")
        Membership.objects.create(organisation=organisation, user=user, role=Role.EDITOR)


def test_the_dashboard_costs_the_same_with_2_or_10_rows_each(django_assert_num_queries):
    few, many = make_user("few@example.org"), make_user("many@example.org")
    _fill(few, 2)
    _fill(many, 10)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few_client, many_client = client_for(few), client_for(many)
    with CaptureQueriesContext(connection) as baseline:
        assert few_client.get("/dashboard/").status_code == 200
    with django_assert_num_queries(len(baseline.captured_queries)):
        page = many_client.get("/dashboard/").content.decode()
    assert "Mine 9" in page and "Followed 9" in page and "Organisation 9" in page
