"""Hidden content disappears in one step from every surface that goes through `visible_to`:
lists, pages, search, suggestions, the map, the SDG hub and calendar feeds. Its author still
sees its page with the moderators' note; curators see it."""

import pytest

from conftest import client_for
from planet.events.tests.factories import make_event
from planet.moderation.tests.helpers import act, comment_on
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db

NOTE = "Copied from another site."


@pytest.fixture
def hidden_project(org_admin, curator):
    project = make_project(org_admin, title="Rivers as classrooms")
    add_location(project)
    make_project(org_admin, title="Gardens of knowledge")  # stays visible
    assert act(curator, "project", project.pk, "hide", NOTE).status_code == 302
    return project


@pytest.fixture
def hidden_event(org_admin, organisation, curator):
    event = make_event(org_admin, title="Repair café for climate", organisation=organisation)
    event.goals.add(Goal.objects.get(number=4))
    other = make_event(org_admin, title="Tree planting morning", organisation=organisation)
    other.goals.add(Goal.objects.get(number=4))
    assert act(curator, "event", event.pk, "hide", NOTE).status_code == 302
    return event


VIEWERS = ["anonymous", "outsider", "member"]


@pytest.mark.parametrize("who", VIEWERS + ["org_admin", "curator"])
def test_a_hidden_project_leaves_the_project_list(cast, hidden_project, who):
    page = client_for(cast[who]).get("/projects/").content.decode()
    assert "Gardens of knowledge" in page
    assert "Rivers as classrooms" not in page


@pytest.mark.parametrize("who", VIEWERS)
def test_a_hidden_project_page_is_not_found_for_others(cast, hidden_project, who):
    assert client_for(cast[who]).get(hidden_project.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["org_admin", "curator"])
def test_its_owner_and_the_curators_see_the_page_with_the_note(cast, hidden_project, who):
    response = client_for(cast[who]).get(hidden_project.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hidden by the moderators." in page and NOTE in page


@pytest.mark.parametrize("who", VIEWERS + ["org_admin", "curator"])
def test_a_hidden_project_leaves_search_and_suggestions(cast, hidden_project, who):
    client = client_for(cast[who])
    results = client.get("/search/", {"q": "classrooms gardens"}).content.decode()
    assert "Rivers as classrooms" not in results
    assert "Gardens of knowledge" in client.get("/search/", {"q": "gardens"}).content.decode()
    assert (
        "Rivers as classrooms"
        not in client.get("/search/suggest/", {"q": "rivers"}).content.decode()
    )


def test_a_hidden_project_comes_back_in_search_when_restored(curator, member, hidden_project):
    act(curator, "project", hidden_project.pk, "restore", "Fixed.")
    results = client_for(member).get("/search/", {"q": "rivers"}).content.decode()
    assert "Rivers as classrooms" in results


@pytest.mark.parametrize("who", VIEWERS + ["org_admin"])
def test_a_hidden_project_leaves_the_map(cast, hidden_project, who):
    body = client_for(cast[who]).get("/map/geojson", {"zoom": 8}).content.decode()
    assert "Rivers as classrooms" not in body


def test_a_hidden_project_leaves_the_sdg_hub(member, hidden_project):
    page = client_for(member).get("/sdg/4/").content.decode()
    assert "Gardens of knowledge" in page
    assert "Rivers as classrooms" not in page


@pytest.mark.parametrize("who", VIEWERS + ["org_admin", "curator"])
def test_a_hidden_event_leaves_the_event_list_and_the_map(cast, hidden_event, who):
    client = client_for(cast[who])
    page = client.get("/events/").content.decode()
    assert "Tree planting morning" in page and "Repair café" not in page
    body = client.get("/map/geojson", {"zoom": 8, "type": "event"}).content.decode()
    assert "Tree planting morning" in body and "Repair café" not in body
    search = client.get("/search/", {"q": "repair"}).content.decode()
    assert "Repair café" not in search


@pytest.mark.parametrize("who", VIEWERS)
def test_a_hidden_event_page_is_not_found_for_others(cast, hidden_event, who):
    assert client_for(cast[who]).get(hidden_event.get_absolute_url()).status_code == 404
    assert client_for(cast[who]).get(f"/events/{hidden_event.slug}/event.ics").status_code == 404


def test_its_organiser_sees_the_hidden_event_with_the_note(org_admin, hidden_event):
    page = client_for(org_admin).get(hidden_event.get_absolute_url()).content.decode()
    assert "Hidden by the moderators." in page and NOTE in page


def test_a_hidden_event_leaves_the_calendar_feeds(organisation, hidden_event):
    client = client_for(None)
    for url in (
        "/events/calendar/sdg/4.ics",
        f"/events/calendar/organisation/{organisation.slug}.ics",
    ):
        body = client.get(url).content.decode()
        assert "Tree planting morning" in body, url
        assert "Repair caf" not in body, url


def test_a_hidden_comment_leaves_the_thread(curator, member, outsider, org_admin):
    project = make_project(org_admin)
    rude = comment_on(project, outsider, "You are all idiots")
    kind = comment_on(project, member, "What a lovely idea")
    reply = comment_on(
        project,
        outsider,
        "Rude reply",
    )
    reply.parent = kind
    reply.save()
    act(curator, "comment", rude.pk, "hide", NOTE)
    act(curator, "comment", reply.pk, "hide", NOTE)
    for viewer in (None, member, org_admin):
        page = client_for(viewer).get(project.get_absolute_url()).content.decode()
        assert "What a lovely idea" in page
        assert "You are all idiots" not in page and "Rude reply" not in page
    own = client_for(outsider).get(project.get_absolute_url()).content.decode()
    assert "You are all idiots" in own and "Rude reply" in own and NOTE in own
    assert (
        "You are all idiots" in client_for(curator).get(project.get_absolute_url()).content.decode()
    )
