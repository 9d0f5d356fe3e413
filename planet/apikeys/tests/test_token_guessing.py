"""Failed token guesses are limited per IP address: after API_FAILED_TOKEN_LIMIT_PER_MINUTE
unknown tokens in a minute, every request of that address with a token gets 429 with
Retry-After (right token or not), until the minute ends."""

import pytest

from planet.apikeys.models import PersonalToken
from planet.apikeys.throttling import TokenGuessLimit

pytestmark = pytest.mark.django_db

GOALS = "/api/v1/sdgs/goals/"
ATTACKER = "203.0.113.9"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.API_FAILED_TOKEN_LIMIT_PER_MINUTE = 3
    settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE = 1000
    settings.API_RATE_LIMIT_PER_MINUTE = 1000


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_020.0]  # 0 s into a minute
    monkeypatch.setattr(TokenGuessLimit, "timer", staticmethod(lambda: now[0]))
    return now


def guess(client, token="lp_not-a-real-token", ip=ATTACKER):
    return client.get(GOALS, HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=ip)


def test_unknown_tokens_get_401_up_to_the_limit_then_429_with_retry_after(client, clock):
    for _ in range(3):
        assert guess(client).status_code == 401
    clock[0] += 15
    response = guess(client)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert response["Retry-After"] == "45"


def test_the_right_token_is_refused_too_once_the_address_is_over_the_limit(client, member):
    _, raw = PersonalToken.issue(member, name="mine")
    assert guess(client, raw).status_code == 200
    for _ in range(3):
        guess(client)
    assert guess(client, raw).status_code == 429


def test_other_addresses_and_callers_without_token_are_not_limited(client, member):
    _, raw = PersonalToken.issue(member, name="mine")
    for _ in range(4):
        guess(client)
    assert guess(client, raw, ip="198.51.100.4").status_code == 200
    assert guess(client, ip="198.51.100.4").status_code == 401
    assert client.get(GOALS, REMOTE_ADDR=ATTACKER).status_code == 200


def test_valid_tokens_do_not_count_as_failures(client, member):
    _, raw = PersonalToken.issue(member, name="mine")
    for _ in range(10):
        assert guess(client, raw).status_code == 200


def test_expired_and_revoked_tokens_count_as_failures(client, member):
    token, raw = PersonalToken.issue(member, name="old")
    token.revoke()
    for _ in range(3):
        assert guess(client, raw).status_code == 401
    assert guess(client, raw).status_code == 429


def test_the_limit_lifts_when_the_minute_ends(client, clock):
    for _ in range(3):
        guess(client)
    assert guess(client).status_code == 429
    clock[0] += 60
    assert guess(client).status_code == 401
