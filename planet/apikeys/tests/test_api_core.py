"""What every endpoint shares: the error shape, ETags, rate limits and the OpenAPI page."""

import pytest

from conftest import token_client
from planet.apikeys.models import PersonalToken
from planet.apikeys.throttling import ApiRateLimit

pytestmark = pytest.mark.django_db

GOALS = "/api/v1/sdgs/goals/"


def error_of(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_unknown_address_gets_404_in_error_shape(client):
    assert error_of(client.get("/api/v1/no-such-thing/"), 404)["code"] == "not_found"


def test_unknown_object_gets_404_in_error_shape(client):
    assert error_of(client.get("/api/v1/sdgs/goals/99/"), 404)["code"] == "not_found"


def test_wrong_method_gets_405_in_error_shape(client):
    response = client.delete(GOALS)
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_bad_parameters_get_422_naming_each_field(client):
    error = error_of(client.get(GOALS, {"limit": 0, "offset": "x"}), 422)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"limit", "offset"}


def test_get_carries_etag_and_matching_if_none_match_gets_304(client):
    first = client.get(GOALS)
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get(GOALS, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(GOALS, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200
    assert other.content == first.content


def test_etag_changes_with_the_body(client):
    assert client.get(GOALS)["ETag"] != client.get(GOALS, {"limit": 3})["ETag"]


def test_anonymous_ip_is_limited_with_retry_after(client, settings):
    settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = 3
    for _ in range(3):
        assert client.get(GOALS).status_code == 200
    response = client.get(GOALS)
    assert error_of(response, 429)["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    other_ip = client.get(GOALS, REMOTE_ADDR="192.0.2.7")
    assert other_ip.status_code == 200


def test_forwarded_for_header_does_not_dodge_the_ip_limit(client, settings):
    settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = 1
    assert client.get(GOALS, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get(GOALS, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_tokens_have_their_own_limit(client, settings, member, outsider):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = 100
    _, mine = PersonalToken.issue(member, name="mine")
    _, theirs = PersonalToken.issue(outsider, name="theirs")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {mine}"}
    assert client.get(GOALS, **auth).status_code == 200
    assert client.get(GOALS, **auth).status_code == 200
    limited = client.get(GOALS, **auth)
    assert error_of(limited, 429)["code"] == "rate_limited"
    assert "Retry-After" in limited
    assert client.get(GOALS, HTTP_AUTHORIZATION=f"Bearer {theirs}").status_code == 200
    assert client.get(GOALS).status_code == 200


def test_the_window_resets_after_a_minute(client, settings, monkeypatch):
    settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = 1
    now = [1_000_040.0]  # 20 s into a minute
    monkeypatch.setattr(ApiRateLimit, "timer", staticmethod(lambda: now[0]))
    assert client.get(GOALS).status_code == 200
    response = client.get(GOALS)
    assert response.status_code == 429
    assert response["Retry-After"] == "40"
    now[0] += 40
    assert client.get(GOALS).status_code == 200


def test_openapi_is_3_1_and_documents_the_error_shape(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    operation = schema["paths"]["/api/v1/projects/"]["get"]
    assert {"200", "401", "404", "422", "429"} <= set(operation["responses"])
    assert "ErrorOut" in schema["components"]["schemas"]
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()


def test_docs_page_uses_local_files_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn" not in response.content.lower()


def test_every_address_is_documented_with_a_slash_and_answers_without_it(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert all(path.endswith("/") for path in paths)
    with_slash = client.get("/api/v1/sdgs/goals/4/")
    without = client.get("/api/v1/sdgs/goals/4")
    assert (without.status_code, without.json()) == (200, with_slash.json())


def test_writing_is_refused_before_the_body_is_read(client, member):
    """Who may not write learns that first, not what is wrong with their body."""

    garbage = '{"title": 12, "goals": "many"}'
    anonymous = client.post("/api/v1/projects/", garbage, content_type="application/json")
    read_only = token_client(member, "read").post(
        "/api/v1/projects/", garbage, content_type="application/json"
    )
    assert error_of(anonymous, 401)["code"] == "unauthorized"
    assert error_of(read_only, 403)["code"] == "forbidden"


@pytest.mark.parametrize("text", ["\ud800 orphan half", "nul \x00 inside"])
def test_text_no_database_can_store_is_refused_naming_the_field(member, text):

    body = {"kind": "project", "title": text, "summary": "s", "content_language": "en"}
    response = token_client(member).post(
        "/api/v1/projects/", body | {"stage": "idea", "goals": [4]}, content_type="application/json"
    )
    assert "title" in error_of(response, 422)["fields"]
