import json
import re

import pytest

from conftest import client_for
from planet.projects.models import Status
from planet.projects.tests.factories import add_location, make_project

pytestmark = pytest.mark.django_db


def _json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(block) for block in blocks]


def test_published_project_describes_itself_in_schema_org(member, organisation):
    project = make_project(member, title="Rivers </script><script>alert(1)</script>")
    project.organisations.add(organisation)
    add_location(project)
    [data] = _json_ld(client_for(None).get(project.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["CreativeWork", "Project"]
    assert data["name"] == project.title  # markup in values cannot close the script block
    assert data["url"].endswith(project.get_absolute_url())
    assert data["location"][0]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": -1.45,
        "longitude": -48.49,
    }
    assert data["location"][0]["address"]["addressCountry"] == "BR"
    assert {about["sameAs"] for about in data["about"]} == {
        "http://metadata.un.org/sdg/4",
        "http://metadata.un.org/sdg/6",
    }
    assert data["sponsor"][0]["name"] == organisation.name


def test_unpublished_projects_carry_no_json_ld(member):
    project = make_project(member, status=Status.SUBMITTED)
    assert _json_ld(client_for(member).get(project.get_absolute_url())) == []
