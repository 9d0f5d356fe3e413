"""Public profiles in the JSON API: only the field groups their owners show to the caller."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.accounts.models import Visibility
from planet.apikeys.models import PersonalToken

pytestmark = pytest.mark.django_db

LIST = "/api/v1/people/"


@pytest.fixture
def person(db):
    user = make_user("pat@example.org", "Pat Person")
    profile = user.profile
    profile.bio = "I teach rivers."
    profile.country, profile.city = "SN", "Dakar"
    profile.languages, profile.skills = ["fr", "wo"], ["facilitation"]
    profile.about_visibility = Visibility.PUBLIC
    profile.location_visibility = Visibility.MEMBERS
    profile.interests_visibility = Visibility.PRIVATE
    profile.save()
    profile.sdgs.set([4, 14])
    return user


def detail(client, user, **extra):
    response = client.get(f"{LIST}{user.profile.handle}/", **extra)
    assert response.status_code == 200, response.content
    return response.json()


def test_anonymous_sees_only_public_groups(client, person):
    data = detail(client, person)
    assert data["display_name"] == "Pat Person"
    assert data["about"] == {"bio": "I teach rivers.", "avatar": None}
    assert data["location"] is None
    assert data["interests"] is None
    assert b"Dakar" not in client.get(LIST).content


def test_member_token_sees_members_groups_but_not_private(client, person, outsider):
    _, raw = PersonalToken.issue(outsider, name="t")
    data = detail(client, person, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert data["location"] == {"country": "SN", "city": "Dakar"}
    assert data["interests"] is None


def test_owner_sees_everything(person):
    data = detail(client_for(person), person)
    assert data["interests"] == {
        "languages": ["fr", "wo"],
        "skills": ["facilitation"],
        "sdgs": [4, 14],
    }


def test_hidden_and_inactive_profiles_stay_out(client, person, outsider, curator):
    person.profile.hidden_at = timezone.now()
    person.profile.save()
    gone = make_user("gone@example.org", "Gone")
    gone.is_active = False
    gone.save()
    handles = [item["handle"] for item in client.get(LIST).json()["results"]]
    assert person.profile.handle not in handles
    assert gone.profile.handle not in handles
    assert client.get(f"{LIST}{person.profile.handle}/").status_code == 404
    assert client_for(outsider).get(f"{LIST}{person.profile.handle}/").status_code == 404
    assert client_for(curator).get(f"{LIST}{person.profile.handle}/").status_code == 200


def test_list_costs_fixed_queries(client, db):
    for i in range(30):
        make_user(f"p{i}@example.org").profile.sdgs.set([i % 17 + 1])
    client.get(LIST)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(LIST, {"limit": 5}).json()["results"]) == 5
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(LIST, {"limit": 30}).json()["results"]) == 30
    assert len(small) == len(large)
