"""Public profiles can be reported by any signed-in member and hidden by the curators: a hidden
profile's page answers 404 to others, and the person leaves the search and the innovators on
the home page. The member sees their own page with the moderators' note; their projects stay."""

import pytest

from conftest import client_for, make_user
from planet.innovators.models import Innovator
from planet.moderation import registry
from planet.moderation.models import Flag
from planet.moderation.tests.helpers import act
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

NOTE = "Impersonates a public figure."


@pytest.fixture
def person(db):
    return make_user("kenji@example.org", "Kenji Watanabe")


@pytest.fixture
def hidden(person, curator):
    assert act(curator, "profile", person.profile.pk, "hide", NOTE).status_code == 302
    person.profile.refresh_from_db()
    return person.profile


def flag_url(profile) -> str:
    return f"/moderation/flag/profile/{profile.pk}/"


# Reporting -------------------------------------------------------------------------------


def test_a_member_reports_a_profile(member, person):
    profile = person.profile
    response = client_for(member).post(flag_url(profile), {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"] == profile.get_absolute_url()
    flag = Flag.objects.get()
    assert flag.content_object == profile and registry.owner_of(profile) == person


def test_nobody_reports_their_own_profile_nor_sees_the_link(member, person):
    profile = person.profile
    response = client_for(person).post(flag_url(profile), {"reason": "spam"})
    assert response.status_code == 400
    assert not Flag.objects.exists()
    link = f'href="{flag_url(profile)}"'
    assert link not in client_for(person).get(profile.get_absolute_url()).content.decode()
    assert link in client_for(member).get(profile.get_absolute_url()).content.decode()
    assert link not in client_for(None).get(profile.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_asked_to_sign_in(person):
    response = client_for(None).post(flag_url(person.profile), {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_hidden_profile_cannot_be_reported(member, hidden):
    assert client_for(member).post(flag_url(hidden), {"reason": "spam"}).status_code == 404


# Hiding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "org_admin"])
def test_a_hidden_profile_is_not_found_for_others(cast, hidden, who):
    assert client_for(cast[who]).get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["person", "curator"])
def test_the_member_and_the_curators_see_it_with_the_note(person, curator, hidden, who):
    viewer = person if who == "person" else curator
    response = client_for(viewer).get(hidden.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hidden by the moderators." in page and NOTE in page


def test_the_note_is_not_shown_on_a_visible_profile(person):
    page = client_for(person).get(person.profile.get_absolute_url()).content.decode()
    assert "Hidden by the moderators." not in page


@pytest.mark.parametrize("who", ["anonymous", "member", "curator"])
def test_a_hidden_profile_leaves_the_search(cast, person, hidden, who):
    make_user("kenjiro@example.org", "Kenji Tanaka")
    results = client_for(cast[who]).get("/search/", {"q": "kenji"}).content.decode()
    assert "Kenji Tanaka" in results and "Kenji Watanabe" not in results


def test_a_hidden_person_leaves_the_innovators_of_the_home_page(person, curator):
    Innovator.objects.create(user=person, quote="Every river is a classroom.")
    assert "Every river is a classroom." in client_for(None).get("/").content.decode()
    act(curator, "profile", person.profile.pk, "hide", NOTE)
    assert "Every river is a classroom." not in client_for(None).get("/").content.decode()


def test_hiding_a_profile_leaves_the_members_projects_visible(person, curator, outsider):
    project = make_project(person, title="Rivers as classrooms")
    act(curator, "profile", person.profile.pk, "hide", NOTE)
    client = client_for(outsider)
    assert client.get(project.get_absolute_url()).status_code == 200
    assert "Rivers as classrooms" in client.get("/projects/").content.decode()


def test_a_restored_profile_comes_back(person, curator, member, hidden):
    act(curator, "profile", hidden.pk, "restore", "Verified identity.")
    client = client_for(member)
    assert client.get(hidden.get_absolute_url()).status_code == 200
    assert "Kenji Watanabe" in client.get("/search/", {"q": "kenji"}).content.decode()
