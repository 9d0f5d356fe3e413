"""The map shows published items only, to everyone: unpublished places never leak."""

import pytest

from conftest import client_for
from planet.maps.tests.helpers import geojson_of, located_project, titles
from planet.projects.models import ProjectMember, Status, TeamRole

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
UNPUBLISHED = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ARCHIVED]


@pytest.fixture
def places(cast):
    """A published project and one project in each unpublished status, all on the team of
    `member` (owner) and `editor` (editor), all at the same place."""
    projects = {"published": located_project("Open garden", lat=5, lng=5, owner=cast["member"])}
    for status in UNPUBLISHED:
        projects[status] = located_project(
            f"Hidden {status}", lat=5, lng=5, status=status, owner=cast["member"]
        )
    for project in projects.values():
        ProjectMember.objects.create(project=project, user=cast["editor"], role=TeamRole.EDITOR)
    return projects


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("zoom", [0, 10])
def test_geojson_shows_only_published_places(cast, places, who, zoom):
    data = geojson_of(client_for(cast[who]).get("/map/geojson", {"zoom": zoom}))
    assert data["total"] == 1
    assert titles(data) == {"Open garden"}
    body = str(data)
    for status in UNPUBLISHED:
        assert f"Hidden {status}" not in body
        assert places[status].get_absolute_url() not in body


@pytest.mark.parametrize("who", CAST)
def test_page_lists_only_published_places(cast, places, who):
    response = client_for(cast[who]).get("/map/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open garden" in html
    for status in UNPUBLISHED:
        assert f"Hidden {status}" not in html


@pytest.mark.parametrize("who", CAST)
def test_unpublishing_takes_a_place_off_the_map(cast, places, who):
    places["published"].status = Status.ARCHIVED
    places["published"].save()
    data = geojson_of(client_for(cast[who]).get("/map/geojson", {"zoom": 10}))
    assert data["features"] == [] and data["total"] == 0


def test_projects_without_a_place_are_not_listed(db):
    from planet.projects.tests.factories import make_project

    make_project(title="Nowhere in particular")
    located_project("Somewhere")
    html = client_for(None).get("/map/").content.decode()
    assert "Somewhere" in html and "Nowhere in particular" not in html
