"""Results, facet counts and suggestions follow the visibility rules for every member of
the cast: unpublished projects only for their team and curators, profile fields only when
shown to everyone."""

import pytest

from planet.accounts.models import Visibility
from planet.projects.models import ProjectMember, Status, TeamRole
from planet.projects.tests.factories import make_project
from planet.search.tests.helpers import facet, search, suggestions, titles

pytestmark = pytest.mark.django_db

HIDDEN = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED]


@pytest.fixture
def hidden_projects(org_admin, editor):
    """One project per unpublished status, owned by org_admin; editor is on the team too."""
    projects = {}
    for status in HIDDEN:
        project = make_project(org_admin, title=f"Secret lagoon {status}", status=status)
        ProjectMember.objects.create(project=project, user=editor, role=TeamRole.EDITOR)
        projects[status] = project
    make_project(title="Public lagoon", kind="tool")
    make_project(title="Old lagoon", status=Status.ARCHIVED)
    return projects


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "member"])
def test_unpublished_projects_never_show_to_those_outside_the_team(hidden_projects, cast, viewer):
    user = cast[viewer]
    response = search(user, q="lagoon")
    assert sorted(titles(response)) == ["Old lagoon", "Public lagoon"]
    assert facet(response, "type") == {"project": 2}
    assert facet(response, "kind") == {"program": 1, "tool": 1}
    assert facet(response, "goal") == {"4": 2, "6": 2}
    assert sum(facet(search(user, q="lagoon", kind="program"), "type").values()) == 1
    assert "Secret" not in suggestions(user, "lagoon")
    assert "Secret" not in suggestions(user, "secret")
    assert titles(search(user, q="secret")) == []


@pytest.mark.parametrize("viewer", ["org_admin", "editor", "curator", "site_admin"])
def test_the_team_and_curators_see_unpublished_projects(hidden_projects, cast, viewer):
    user = cast[viewer]
    response = search(user, q="lagoon")
    assert len(titles(response)) == 5
    assert facet(response, "type") == {"project": 5}
    assert "Secret lagoon draft" in suggestions(user, "secret")
    badges = {hit.display_title: hit.badges for hit in response.context["found"].page}
    assert "Draft" in badges["Secret lagoon draft"]


def test_a_team_sees_only_its_own_unpublished_projects(hidden_projects, outsider):
    make_project(outsider, title="Outsider lagoon", status=Status.DRAFT)
    assert "Outsider lagoon" in titles(search(outsider, q="lagoon"))
    assert len(titles(search(outsider, q="lagoon"))) == 3


def test_only_profile_fields_shown_to_everyone_are_indexed(member, outsider, anonymous):
    profile = member.profile
    profile.bio = "I teach permaculture."
    profile.skills = ["beekeeping"]
    profile.about_visibility = Visibility.MEMBERS
    profile.interests_visibility = Visibility.PRIVATE
    profile.save()
    for viewer in (anonymous, outsider, member):
        assert titles(search(viewer, q="permaculture")) == []
        assert titles(search(viewer, q="beekeeping")) == []
    assert "Mia Member" in titles(search(anonymous, q="mia"))  # the name is always public

    profile.about_visibility = Visibility.PUBLIC
    profile.save()
    assert titles(search(anonymous, q="permaculture")) == ["Mia Member"]

    profile.about_visibility = Visibility.PRIVATE
    profile.save()
    assert titles(search(anonymous, q="permaculture")) == []


def test_deactivated_people_disappear(member, anonymous):
    member.is_active = False
    member.save()
    assert titles(search(anonymous, q="mia")) == []
