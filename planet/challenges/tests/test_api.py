"""The challenges of the JSON API: published challenges only, and the gallery of selected
entries once the results are published, never drafts, other entries, scores or jurors."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.apikeys.models import PersonalToken
from planet.challenges.models import ChallengeStatus, Outcome
from planet.challenges.tests.factories import (
    add_criteria,
    make_challenge,
    make_entry,
    review,
    seat_juror,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/challenges/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def with_published_results(challenge):
    now = timezone.now()
    challenge.opens_at = now - timedelta(days=40)
    challenge.closes_at = now - timedelta(days=30)
    challenge.review_ends_at = now - timedelta(days=20)
    challenge.results_at = now - timedelta(days=10)
    challenge.results_finalised_at = challenge.results_published_at = now
    challenge.save()
    return challenge


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "org_admin"])
def test_drafts_never_appear_published_ones_do(viewer, cast, organisation, org_admin):
    make_challenge(org_admin, title="Open call", organisation=organisation)
    make_challenge(
        org_admin, title="Secret draft", organisation=organisation, status=ChallengeStatus.DRAFT
    )
    client = client_for(cast[viewer])

    assert slugs(client.get(URL)) == ["open-call"]
    assert client.get(URL + "open-call").status_code == 200
    assert client.get(URL + "secret-draft").status_code == 404


def test_a_token_of_another_user_sees_no_draft(organisation, org_admin, outsider):
    make_challenge(org_admin, title="Secret draft", status=ChallengeStatus.DRAFT)
    _token, raw = PersonalToken.issue(outsider, name="research")

    response = client_for(None).get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert slugs(response) == []


def test_a_challenge_carries_its_phases_in_utc_and_the_organisers_zone(organisation):
    challenge = make_challenge(organisation=organisation, min_age=12, countries=["FR", "SN"])
    challenge.goals.set([4, 13])

    data = client_for(None).get(URL + challenge.slug).json()

    opens = data["phases"]["opens_at"]
    assert opens["timezone"] == "Europe/Paris"
    assert opens["utc"].endswith("Z") or opens["utc"].endswith("+00:00")
    assert opens["local"].endswith(("+01:00", "+02:00"))
    assert data["phase"] == "open"
    assert data["kind"] == "contest"
    assert data["organiser"]["slug"] == organisation.slug
    assert [goal["uri"] for goal in data["goals"]] == [
        "http://metadata.un.org/sdg/4",
        "http://metadata.un.org/sdg/13",
    ]
    assert data["eligibility"]["min_age"] == 12
    assert data["eligibility"]["countries"] == ["FR", "SN"]
    # The submission form is public, as on the challenge's page; the jury's work is not.
    assert not {"jurors", "entries", "scores", "criteria"} & data.keys()


def test_filters_mirror_the_list_page():
    now = timezone.now()
    make_challenge(title="Open one")
    make_challenge(
        title="Later call",
        kind="call",
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=9),
    )
    client = client_for(None)

    assert slugs(client.get(URL + "?kind=call")) == ["later-call"]
    assert slugs(client.get(URL + "?phase=open")) == ["open-one"]
    assert slugs(client.get(URL + "?phase=upcoming")) == ["later-call"]


def test_a_bad_filter_is_a_422_naming_the_field():
    response = client_for(None).get(URL + "?kind=lottery")

    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]


def test_an_unknown_slug_is_a_404_in_the_error_shape():
    response = client_for(None).get(URL + "no-such-challenge")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_the_gallery_is_empty_until_results_are_published(outsider):
    challenge = make_challenge()
    make_entry(challenge, outsider, title="A rose on Mars", outcome=Outcome.WINNER)

    response = client_for(None).get(f"{URL}{challenge.slug}/gallery")

    assert response.json()["results"] == []


def test_the_gallery_shows_selected_entries_with_consent_only(organisation, outsider):
    challenge = make_challenge(organisation=organisation)
    seat_juror(challenge, make_user("juror@example.org", "Jules Juror"))
    add_criteria(challenge, 1)
    winner = make_entry(challenge, outsider, title="A rose on Mars", outcome=Outcome.WINNER)
    review(challenge.jurors.get(), winner, [9])
    people = [make_user(f"entrant{n}@example.org", f"Entrant {n}") for n in range(4)]
    make_entry(challenge, people[0], title="No consent", outcome="winner", consent_to_publish=False)
    make_entry(challenge, people[1], title="Not chosen", outcome=Outcome.NOT_SELECTED)
    make_entry(challenge, people[2], title="Draft", submitted=False, outcome=Outcome.SELECTED)
    hidden = make_entry(challenge, people[3], title="Hidden", outcome=Outcome.SELECTED)
    hidden.hidden_at = timezone.now()
    hidden.save()
    with_published_results(challenge)

    response = client_for(None).get(f"{URL}{challenge.slug}/gallery")

    assert response.json()["results"] == [
        {
            "id": winner.pk,
            "title": "A rose on Mars",
            "team_name": "",
            "author": "Olu Outsider",
            "outcome": "winner",
        }
    ]


def test_a_draft_challenges_gallery_is_a_404(org_admin):
    challenge = make_challenge(org_admin, status=ChallengeStatus.DRAFT)

    response = client_for(org_admin).get(f"{URL}{challenge.slug}/gallery")

    assert response.status_code == 404


def test_the_list_costs_the_same_whatever_the_page_size(organisation):
    for n in range(30):
        challenge = make_challenge(title=f"Challenge {n}", organisation=organisation)
        challenge.goals.set([n % 17 + 1])
    client = client_for(None)

    assert queries_for(client, URL + "?limit=5") == queries_for(client, URL + "?limit=30")


def test_the_gallery_costs_the_same_whatever_the_page_size():
    challenge = make_challenge()
    for n in range(30):
        entrant = make_user(f"e{n}@example.org", f"Entrant {n}")
        make_entry(challenge, entrant, title=f"Entry {n}", outcome=Outcome.SELECTED)
    with_published_results(challenge)
    client = client_for(None)
    url = f"{URL}{challenge.slug}/gallery"

    assert len(client.get(url + "?limit=30").json()["results"]) == 30
    assert queries_for(client, url + "?limit=5") == queries_for(client, url + "?limit=30")
