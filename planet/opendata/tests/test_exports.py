"""The CSV and JSON Lines of each table hold public items only, whoever downloads them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from planet.opendata.tables import TABLES
from planet.opendata.tests.helpers import (
    DRAFT,
    HIDDEN,
    PUBLIC,
    body,
    csv_rows,
    jsonl_rows,
    make_world,
)
from planet.projects.tests.factories import add_location, make_project

pytestmark = pytest.mark.django_db

TITLED = {
    "projects": "title",
    "organisations": "name",
    "events": "title",
    "stories": "title",
    "resources": "title",
    "learning_opportunities": "title",
    "challenges": "title",
    "consultations": "title",
}


@pytest.mark.parametrize("viewer", ["anonymous", "curator"])
@pytest.mark.parametrize("table", TITLED)
def test_csv_and_jsonl_hold_public_items_only(request, viewer, table):
    make_world()
    client = client_for(request.getfixturevalue(viewer))
    for response, read in [
        (client.get(f"/opendata/{table}.csv"), csv_rows),
        (client.get(f"/opendata/{table}.jsonl"), jsonl_rows),
    ]:
        assert response.status_code == 200
        titles = [row[TITLED[table]] for row in read(response)]
        assert any(title.startswith(PUBLIC) for title in titles)
        assert not [t for t in titles if t.startswith((DRAFT, HIDDEN))], titles


def test_places_of_draft_and_hidden_projects_are_left_out(client):
    world = make_world()
    rows = csv_rows(client.get("/opendata/project_locations.csv"))
    assert [int(row["project_id"]) for row in rows] == [world["project"].pk]


def test_links_to_hidden_organisations_are_left_out(client):
    world = make_world()
    links = csv_rows(client.get("/opendata/project_organisations.csv"))
    assert [int(row["organisation_id"]) for row in links] == [world["organisation"].pk]
    (event,) = jsonl_rows(client.get("/opendata/events.jsonl"))
    assert event["organisation_id"] is None  # its organiser is hidden


def test_values_are_typed(client):
    world = make_world()
    (project,) = jsonl_rows(client.get("/opendata/projects.jsonl"))
    assert project["id"] == world["project"].pk
    assert project["featured"] is False
    assert project["url"].endswith(f"/projects/{world['project'].slug}/")
    assert project["published_at"] is None or project["published_at"].endswith("Z")
    (event,) = csv_rows(client.get("/opendata/events.csv"))
    assert event["starts_at"].endswith("Z") and float(event["latitude"]) == pytest.approx(40.6724)
    goals = jsonl_rows(client.get("/opendata/sdg_goals.jsonl"))
    assert len(goals) == 17
    assert goals[3]["uri"] == "http://metadata.un.org/sdg/4"
    assert goals[3]["short_name_fr"]


def test_unknown_table_is_not_found(client):
    assert client.get("/opendata/users.csv").status_code == 404
    assert client.get("/opendata/users.jsonl").status_code == 404


def test_files_answer_with_their_content_types(client):
    assert client.get("/opendata/projects.csv")["Content-Type"] == "text/csv; charset=utf-8"
    jsonl = client.get("/opendata/projects.jsonl")
    assert jsonl["Content-Type"].startswith("application/jsonl")
    assert jsonl["Access-Control-Allow-Origin"] == "*"
    assert client.get("/opendata/located.geojson")["Content-Type"] == "application/geo+json"


def _queries_to_download(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        body(response)
    return len(queries)


def _make_projects(count: int) -> None:
    for n in range(count):
        add_location(make_project(title=f"Project {n}"), lat=n % 80, lng=n % 170)


@pytest.mark.parametrize(
    "path",
    [f"/opendata/{name}.csv" for name in TABLES]
    + [f"/opendata/{name}.jsonl" for name in ("projects", "project_goals")]
    + ["/opendata/located.geojson"],
)
def test_downloads_cost_the_same_queries_whatever_the_data(client, path):
    _make_projects(5)
    few = _queries_to_download(client, path)
    _make_projects(45)
    assert _queries_to_download(client, path) == few
    assert few <= 3


def test_streamed_rows_are_all_there(client):
    _make_projects(50)
    assert len(csv_rows(client.get("/opendata/projects.csv"))) == 50
    assert len(jsonl_rows(client.get("/opendata/project_goals.jsonl"))) == 100
