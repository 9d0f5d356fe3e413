"""The data package validates with the `frictionless` library, as downloaded from the views
and as written by `manage.py build_opendata`; the licence is the operator's."""

import io
import json

import frictionless
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client

from planet.opendata import tasks
from planet.opendata.apps import check_licence
from planet.opendata.tables import TABLES
from planet.opendata.tests.helpers import body, make_world

pytestmark = pytest.mark.django_db


def _download_package(client: Client, folder) -> dict:
    package = client.get("/opendata/datapackage.json").json()
    (folder / "datapackage.json").write_text(json.dumps(package))
    for resource in package["resources"]:
        response = client.get(f"/opendata/{resource['path']}")
        assert response.status_code == 200
        (folder / resource["path"]).write_text(body(response), newline="")
    return package


def _assert_valid(path) -> None:
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note", "fieldName", "rowNumber"])


def test_downloaded_package_is_valid(client, tmp_path):
    make_world()
    package = _download_package(client, tmp_path)
    assert {resource["name"] for resource in package["resources"]} == set(TABLES)
    _assert_valid(tmp_path / "datapackage.json")


def test_validation_catches_a_broken_file(client, tmp_path):
    """The validation above can fail: a text in an integer column is an error."""
    make_world()
    _download_package(client, tmp_path)
    projects = tmp_path / "projects.csv"
    header, first, *rest = projects.read_text().splitlines(keepends=True)
    projects.write_text(header + "not-a-number" + first[first.index(",") :] + "".join(rest))
    assert not frictionless.validate(str(tmp_path / "datapackage.json")).valid


def test_validation_catches_a_dangling_link(client, tmp_path):
    """A row that points at a goal the package does not hold breaks a foreign key."""
    make_world()
    _download_package(client, tmp_path)
    links = tmp_path / "project_goals.csv"
    links.write_text(links.read_text().replace(",4\n", ",99\n", 1))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_schemas_declare_types_keys_and_links(client):
    package = client.get("/opendata/datapackage.json").json()
    resources = {resource["name"]: resource for resource in package["resources"]}
    events = resources["events"]["schema"]
    types = {field["name"]: field["type"] for field in events["fields"]}
    assert types["starts_at"] == "datetime" and types["latitude"] == "number"
    assert events["primaryKey"] == ["id"]
    assert {
        "fields": "organisation_id",
        "reference": {"resource": "organisations", "fields": "id"},
    } in events["foreignKeys"]
    assert resources["project_goals"]["schema"]["primaryKey"] == ["project_id", "goal"]


def test_licence_is_cc_by_by_default(client):
    package = client.get("/opendata/datapackage.json").json()
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    page = client.get("/opendata/")
    assert page.status_code == 200
    assert b"Creative Commons Attribution 4.0 International" in page.content
    assert b'href="/opendata/datapackage.json"' in page.content
    assert b'href="/opendata/located.geojson"' in page.content


def test_operator_sets_the_licence(client, settings):
    settings.OPENDATA_LICENCE = "ODbL-1.0"
    package = client.get("/opendata/datapackage.json").json()
    assert package["licenses"][0]["name"] == "ODbL-1.0"
    assert b"Open Database License" in client.get("/opendata/").content


def test_unknown_licence_stops_the_start(settings):
    assert check_licence() == []
    settings.OPENDATA_LICENCE = "CC-BY-5.0"
    (error,) = check_licence()
    assert error.id == "opendata.E001"


def test_command_writes_a_valid_package(tmp_path):
    make_world()
    call_command("build_opendata", output=tmp_path, stdout=io.StringIO())
    names = {path.name for path in tmp_path.iterdir()}
    assert {"datapackage.json", "projects.csv", "projects.jsonl", "located.geojson"} <= names
    assert "Draft project" not in (tmp_path / "projects.csv").read_text()
    _assert_valid(tmp_path / "datapackage.json")


def test_task_writes_the_files_into_storage():
    make_world()
    names = tasks.build_opendata.call()
    assert "opendata/datapackage.json" in names
    with default_storage.open("opendata/projects.csv") as projects:
        assert b"Public project" in projects.read()
    tasks.build_opendata.call()  # again: the files are replaced, not duplicated
    assert len(default_storage.listdir("opendata")[1]) == len(names)
