"""Personal API tokens: the settings page, and what a token opens (or not) in the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import client_for
from planet.apikeys.models import PersonalToken, Scope, hash_token
from planet.apikeys.views import NEW_TOKEN_KEY

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects/"


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    return body["error"]


# The settings page -------------------------------------------------------------------------


def test_token_page_needs_sign_in(client):
    response = client.get("/accounts/tokens/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_settings_navigation_links_to_tokens(member):
    response = client_for(member).get("/accounts/settings/")
    assert b'href="/accounts/tokens/"' in response.content


def test_create_token_shows_raw_value_once_and_stores_only_its_hash(member):
    client = client_for(member)
    response = client.post(
        "/accounts/tokens/", {"name": "notebook", "scope": "read", "expires_on": ""}
    )
    assert response.status_code == 302
    token = PersonalToken.objects.get(user=member)
    assert (token.name, token.scope, token.expires_at) == ("notebook", Scope.READ, None)

    page = client.get("/accounts/tokens/")
    raw = page.context["new_token"]["raw"]
    assert raw.startswith("lp_")
    assert raw.encode() in page.content
    assert token.token_hash == hash_token(raw)
    assert raw not in {token.token_hash, token.name}

    again = client.get("/accounts/tokens/")
    assert raw.encode() not in again.content
    assert NEW_TOKEN_KEY not in client.session


def test_create_token_with_expiry_ends_after_that_day(member):
    day = timezone.now().date() + timedelta(days=3)
    client_for(member).post(
        "/accounts/tokens/", {"name": "short", "scope": "read_write", "expires_on": day}
    )
    token = PersonalToken.objects.get(user=member)
    assert token.scope == Scope.READ_WRITE
    assert token.expires_at.date() == day + timedelta(days=1)


def test_bad_token_form_changes_nothing(member):
    yesterday = timezone.now().date() - timedelta(days=1)
    response = client_for(member).post(
        "/accounts/tokens/", {"name": "", "scope": "admin", "expires_on": yesterday}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "scope", "expires_on"}
    assert not PersonalToken.objects.exists()


def test_token_list_shows_only_own_tokens_with_last_use(member, outsider):
    mine, _ = PersonalToken.issue(member, name="mine")
    PersonalToken.issue(outsider, name="theirs")
    mine.mark_used()
    page = client_for(member).get("/accounts/tokens/")
    assert list(page.context["tokens"]) == [mine]
    assert b"theirs" not in page.content
    assert b"Never used" not in page.content


def test_revoke_own_token(member):
    token, raw = PersonalToken.issue(member, name="mine")
    response = client_for(member).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_error(client_for(None).get(PROJECTS, **bearer(raw)), 401, "unauthorized")


def test_cannot_revoke_someone_elses_token(member, outsider):
    token, raw = PersonalToken.issue(outsider, name="theirs")
    response = client_for(member).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_needs_post(member):
    token, _ = PersonalToken.issue(member, name="mine")
    assert client_for(member).get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405


# Authentication in the API -----------------------------------------------------------------


def test_valid_token_authenticates_and_records_last_use(client, member):
    token, raw = PersonalToken.issue(member, name="mine")
    assert client.get(PROJECTS, **bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(client, member, django_assert_num_queries):
    token, raw = PersonalToken.issue(member, name="mine")
    recent = timezone.now() - timedelta(seconds=20)
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=recent)
    client.get(PROJECTS, **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at == recent

    old = timezone.now() - timedelta(minutes=5)
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=old)
    client.get(PROJECTS, **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at > old


@pytest.mark.parametrize(
    "header",
    ["Bearer lp_unknown", "Bearer not-even-ours", "Bearer ", "Basic dXNlcjpwYXNz", "lp_x"],
)
def test_unknown_or_malformed_tokens_get_401(client, header):
    response = client.get(PROJECTS, HTTP_AUTHORIZATION=header)
    assert_error(response, 401, "unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_gets_401(client, member):
    _, raw = PersonalToken.issue(
        member, name="old", expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert_error(client.get(PROJECTS, **bearer(raw)), 401, "unauthorized")


def test_token_of_deactivated_member_gets_401(client, member):
    _, raw = PersonalToken.issue(member, name="mine")
    member.is_active = False
    member.save()
    assert_error(client.get(PROJECTS, **bearer(raw)), 401, "unauthorized")


def test_token_is_not_a_session(client, member):
    _, raw = PersonalToken.issue(member, name="mine")
    client.get(PROJECTS, **bearer(raw))
    assert client.get("/accounts/tokens/").status_code == 302
