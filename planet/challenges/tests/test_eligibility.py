"""Entrants confirm the age and country rules; a profile country outside them is refused."""

import pytest

from conftest import client_for, make_user
from planet.challenges.models import SubmissionStatus
from planet.challenges.tests.entry_helpers import contest_form, entry_data
from planet.challenges.tests.factories import make_challenge, make_entry


@pytest.fixture
def challenge(org_admin, organisation):
    return make_challenge(
        org_admin, organisation=organisation, min_age=8, max_age=17, countries=["FR", "SN"]
    )


@pytest.fixture
def questions(challenge):
    return contest_form(challenge)


def make_entrant(country: str):
    entrant = make_user(f"entrant-{country or 'none'}@example.org", "Awa Entrant")
    entrant.profile.country = country
    entrant.profile.save()
    return entrant


def submit(entrant, challenge, questions, **extra):
    draft = make_entry(challenge, entrant, title="Draft", submitted=False)
    url = f"/challenges/{challenge.slug}/entries/{draft.pk}/edit/"
    response = client_for(entrant).post(url, {**entry_data(questions), **extra})
    draft.refresh_from_db()
    return response, draft


def test_the_rules_are_stated_and_must_be_confirmed(challenge, questions):
    response, draft = submit(make_entrant("SN"), challenge, questions)
    assert response.status_code == 400
    page = response.content.decode()
    assert "aged 8 to 17; living in France, Senegal" in page
    assert "confirm that you meet the rules" in page
    assert draft.status == SubmissionStatus.DRAFT


def test_a_confirmed_entrant_from_an_eligible_country_submits(challenge, questions):
    response, draft = submit(make_entrant("SN"), challenge, questions, eligible="on")
    assert response.status_code == 302
    assert draft.status == SubmissionStatus.SUBMITTED


def test_a_profile_country_outside_the_rules_is_refused(challenge, questions):
    response, draft = submit(make_entrant("BR"), challenge, questions, eligible="on")
    assert response.status_code == 400
    assert "Your profile says you live in Brazil" in response.content.decode()
    assert draft.status == SubmissionStatus.DRAFT


def test_a_challenge_without_rules_asks_for_no_confirmation(org_admin, organisation):
    challenge = make_challenge(org_admin, organisation=organisation)
    questions = contest_form(challenge)
    response, draft = submit(make_entrant("BR"), challenge, questions)
    assert response.status_code == 302
    assert draft.status == SubmissionStatus.SUBMITTED
