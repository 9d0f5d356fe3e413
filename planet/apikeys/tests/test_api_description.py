"""What the shared layer adds to every operation, on the wire and in the OpenAPI description:
HEAD, 304 for If-None-Match, 405 with Allow, Retry-After, and one name per schema."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from ninja import Router, Schema

from planet.api import PlanetAPI

pytestmark = pytest.mark.django_db

GOALS = "/api/v1/sdgs/goals/"


@pytest.fixture
def description(client):
    return client.get("/api/v1/openapi.json").json()


def operations(description):
    for path, path_item in description["paths"].items():
        for method, operation in path_item.items():
            yield f"{method.upper()} {path}", method, operation


def test_head_answers_the_headers_of_get_without_a_body(client):
    get = client.get(GOALS)
    head = client.head(GOALS)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))
    assert client.head(GOALS, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


def test_head_of_an_unknown_item_is_404_without_a_body(client):
    response = client.head(f"{GOALS}99/")
    assert response.status_code == 404
    assert response.content == b""


def test_405_lists_get_and_head_in_allow(client):
    response = client.put(GOALS)
    assert response.status_code == 405
    assert [method.strip() for method in response["Allow"].split(",")] == ["GET", "HEAD"]


def test_every_get_documents_if_none_match_304_and_etag(description):
    for name, method, operation in operations(description):
        if method != "get":
            continue
        headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert "If-None-Match" in headers, name
        assert "304" in operation["responses"], name
        assert "ETag" in operation["responses"]["200"]["headers"], name


def test_every_operation_documents_405_and_the_headers_of_its_errors(description):
    for name, _method, operation in operations(description):
        responses = operation["responses"]
        assert "Allow" in responses["405"]["headers"], name
        assert responses["405"]["content"] == responses["404"]["content"], name
        assert "Retry-After" in responses["429"]["headers"], name
        assert "WWW-Authenticate" in responses["401"]["headers"], name


def test_two_schemas_of_one_name_are_refused():
    first, second = Router(), Router()

    class Place(Schema):
        city: str

    @first.get("/a", response=Place)
    def first_place(request):
        return {"city": "Dakar"}

    class Place(Schema):  # noqa: F811 - the clash under test
        latitude: float

    @second.get("/b", response=Place)
    def second_place(request):
        return {"latitude": 1.0}

    api = PlanetAPI(urls_namespace="clash-under-test")
    api.add_router("/first/", first)
    api.add_router("/second/", second)
    with pytest.raises(ImproperlyConfigured, match="'Place'"):
        api.get_openapi_schema(path_prefix="")
