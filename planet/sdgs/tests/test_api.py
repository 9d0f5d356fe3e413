"""SDG goals and targets in the JSON API."""

import pytest

pytestmark = pytest.mark.django_db

SIX_LANGUAGES = {"en", "fr", "es", "ar", "ru", "zh-hans"}


def test_goals_in_six_languages_with_un_uris(client):
    page = client.get("/api/v1/sdgs/goals/").json()
    assert page["count"] == 17
    assert [goal["number"] for goal in page["results"]] == list(range(1, 18))
    quality = page["results"][3]
    assert quality["uri"] == "http://metadata.un.org/sdg/4"
    assert set(quality["titles"]) >= SIX_LANGUAGES
    assert set(quality["short_names"]) >= SIX_LANGUAGES


def test_goal_detail_lists_its_targets(client):
    goal = client.get("/api/v1/sdgs/goals/4/").json()
    codes = [target["code"] for target in goal["targets"]]
    assert codes[0] == "4.1" and "4.7" in codes and "4.a" in codes
    assert all(target["goal"] == 4 for target in goal["targets"])


def test_target_detail_and_filter(client):
    target = client.get("/api/v1/sdgs/targets/4.7/").json()
    assert target["uri"] == "http://metadata.un.org/sdg/4.7"
    assert set(target["titles"]) >= SIX_LANGUAGES
    page = client.get("/api/v1/sdgs/targets/", {"goal": 17, "limit": 100}).json()
    assert page["results"] and all(t["code"].startswith("17.") for t in page["results"])
    assert page["count"] == len(page["results"])


def test_unknown_goal_or_target(client):
    assert client.get("/api/v1/sdgs/goals/18/").status_code == 404
    assert client.get("/api/v1/sdgs/targets/4.99/").json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/sdgs/targets/", {"goal": 0}).status_code == 422
