"""Consultations in the JSON API: published and not hidden only, proposals with their
supports (hidden ones left out), official answers and the summary once published."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.apikeys.models import PersonalToken
from planet.consultations.models import ConsultationStatus
from planet.consultations.tests.factories import make_consultation, make_proposal, support

pytestmark = pytest.mark.django_db
URL = "/api/v1/consultations/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def hide(item):
    item.hidden_at = timezone.now()
    item.save()
    return item


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "creator"])
def test_drafts_and_hidden_consultations_never_appear(viewer, cast):
    creator = make_user("creator@example.org")
    make_consultation(creator, title="Climate at school")
    make_consultation(creator, title="Draft question", status=ConsultationStatus.DRAFT)
    hide(make_consultation(creator, title="Hidden question"))
    client = client_for(creator if viewer == "creator" else cast[viewer])

    assert slugs(client.get(URL)) == ["climate-at-school"]
    for slug in ("draft-question", "hidden-question"):
        assert client.get(URL + slug).status_code == 404
        assert client.get(f"{URL}{slug}/proposals").status_code == 404


def test_a_token_of_another_user_sees_no_draft(outsider):
    make_consultation(make_user("creator@example.org"), status=ConsultationStatus.DRAFT)
    _token, raw = PersonalToken.issue(outsider, name="reader")

    response = client_for(None).get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert slugs(response) == []


def test_proposals_have_support_counts_and_hidden_ones_are_left_out(outsider, member):
    consultation = make_consultation()
    trees = make_proposal(consultation, outsider, title="Plant trees")
    make_proposal(consultation, member, title="Bike racks")
    hide(make_proposal(consultation, member, title="Insult"))
    for n in range(3):
        support(trees, make_user(f"s{n}@example.org"))
    url = f"{URL}{consultation.slug}/proposals"

    for viewer in (None, outsider, member):
        response = client_for(viewer).get(url)
        assert titles(response) == ["Plant trees", "Bike racks"]
    first = response.json()["results"][0]
    assert first["support_count"] == 3
    assert first["author"] == "Olu Outsider"
    assert titles(client_for(None).get(url + "?sort=newest")) == ["Bike racks", "Plant trees"]
    assert client_for(None).get(URL + consultation.slug).json()["proposal_count"] == 2


def test_answers_and_summary_appear_once_published(outsider):
    now = timezone.now()
    consultation = make_consultation(
        opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1), summary="Draft"
    )
    answered = make_proposal(consultation, outsider, title="Answered")
    answered.retained, answered.answer, answered.answered_at = True, "We will.", now
    answered.save()
    make_proposal(consultation, outsider, title="Pending", answer="Not yet published")
    client = client_for(None)

    data = client.get(URL + consultation.slug).json()
    assert data["summary"] is None
    assert data["phase"] == "closed"
    proposals = client.get(f"{URL}{consultation.slug}/proposals").json()["results"]
    answers = {proposal["title"]: proposal["answer"] for proposal in proposals}
    assert answers == {"Answered": "We will.", "Pending": None}

    consultation.summary_published_at = now
    consultation.save()
    assert client.get(URL + consultation.slug).json()["summary"] == "Draft"


def test_a_consultation_carries_its_dates_in_utc_and_the_organisers_zone(organisation):
    consultation = make_consultation(organisation=organisation, countries=["FR"])

    data = client_for(None).get(URL + consultation.slug).json()

    assert data["opens_at"]["timezone"] == "Europe/Paris"
    assert data["opens_at"]["local"].endswith(("+01:00", "+02:00"))
    assert data["organiser"]["slug"] == organisation.slug
    assert data["countries"] == ["FR"]
    assert data["phase"] == "open"


def test_a_bad_sort_is_a_422_naming_the_field():
    consultation = make_consultation()

    response = client_for(None).get(f"{URL}{consultation.slug}/proposals?sort=random")

    assert response.status_code == 422
    assert "sort" in response.json()["error"]["fields"]


def test_an_unknown_slug_is_a_404_in_the_error_shape():
    response = client_for(None).get(URL + "no-such-question")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_lists_cost_the_same_whatever_the_page_size(organisation):
    people = [make_user(f"p{n}@example.org") for n in range(30)]
    for n in range(30):
        consultation = make_consultation(title=f"Question {n}", organisation=organisation)
        consultation.goals.set([n % 17 + 1])
    for n, person in enumerate(people):
        proposal = make_proposal(consultation, person, title=f"Proposal {n}")
        support(proposal, people[0])
    client = client_for(None)

    for url in (URL, f"{URL}{consultation.slug}/proposals"):
        assert len(client.get(url + "?limit=30").json()["results"]) == 30
        assert queries_for(client, url + "?limit=5") == queries_for(client, url + "?limit=30")
