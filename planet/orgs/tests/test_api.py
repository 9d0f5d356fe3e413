"""Organisations in the JSON API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_organisation
from planet.apikeys.models import PersonalToken

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organisations/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def hidden_org(org_admin):
    return make_organisation("Hidden Academy", admin=org_admin, hidden_at=timezone.now())


@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "editor"])
def test_hidden_organisation_stays_out(cast, role, organisation, hidden_org):
    client = client_for(cast[role])
    assert slugs(client.get(LIST)) == [organisation.slug]
    assert client.get(f"{LIST}{hidden_org.slug}/").status_code == 404


def test_its_admin_and_curators_see_the_hidden_one(org_admin, curator, hidden_org):
    _, raw = PersonalToken.issue(org_admin, name="t")
    token_client = client_for(None)
    response = token_client.get(f"{LIST}{hidden_org.slug}/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert hidden_org.slug in slugs(client_for(curator).get(LIST))


def test_detail_and_filters(client, organisation):
    make_organisation("Open Uni", kind="university", country="KE", is_partner=True)
    data = client.get(f"{LIST}{organisation.slug}/").json()
    assert data["name"] == "Lycée Planète"
    assert (data["kind"], data["country"], data["is_partner"]) == ("school", "FR", False)
    assert data["url"] == f"http://testserver/orgs/{organisation.slug}/"
    assert slugs(client.get(LIST, {"kind": "university"})) == ["open-uni"]
    assert slugs(client.get(LIST, {"country": "fr"})) == [organisation.slug]
    assert slugs(client.get(LIST, {"partner": True})) == ["open-uni"]


def test_bad_filter_gets_422(client):
    response = client.get(LIST, {"kind": "castle", "country": "QQ"})
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"kind", "country"}


def test_list_costs_fixed_queries(client, db):
    for i in range(30):
        make_organisation(f"School {i:02}")
    client.get(LIST)
    with CaptureQueriesContext(connection) as small:
        assert len(slugs(client.get(LIST, {"limit": 5}))) == 5
    with CaptureQueriesContext(connection) as large:
        assert len(slugs(client.get(LIST, {"limit": 30}))) == 30
    assert len(small) == len(large)
