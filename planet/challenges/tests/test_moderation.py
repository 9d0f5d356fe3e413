"""Challenge entries shown to the public (offered to the vote, or in the gallery) can be
reported by any signed-in member and hidden by the curators: a hidden entry leaves the voting
page, the gallery and the names on the results page; its entrant, the organisers and the
curators still open it, with the moderators' note."""

import datetime

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from planet.challenges.models import Outcome, Submission
from planet.challenges.tests.factories import add_question, make_challenge, make_entry
from planet.moderation import registry
from planet.moderation.models import Flag
from planet.moderation.tests.helpers import act

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
NOTE = "Plagiarised from a published book."


@pytest.fixture
def entrant(db):
    return make_user("author@example.org", "Nour Author")


@pytest.fixture
def voting(org_admin, organisation):
    now = timezone.now()
    challenge = make_challenge(
        org_admin,
        organisation=organisation,
        voting_opens_at=now - DAY,
        voting_closes_at=now + DAY,
    )
    add_question(challenge, "Your story")
    return challenge


@pytest.fixture
def entry(voting, entrant):
    make_entry(voting, make_user("other@example.org", "Oona Other"), title="The fox and the river")
    return make_entry(voting, entrant, title="A rose on Mars")


@pytest.fixture
def hidden(entry, curator):
    assert act(curator, "entry", entry.pk, "hide", NOTE).status_code == 302
    entry.refresh_from_db()
    return entry


def flag_url(entry) -> str:
    return f"/moderation/flag/entry/{entry.pk}/"


def entry_url(entry) -> str:
    return f"/challenges/{entry.challenge.slug}/entries/{entry.pk}/"


# Reporting -------------------------------------------------------------------------------


def test_a_member_reports_an_entry_offered_to_the_vote(outsider, entry, entrant):
    assert (
        f'href="{flag_url(entry)}"' in client_for(outsider).get(entry_url(entry)).content.decode()
    )
    response = client_for(outsider).post(flag_url(entry), {"reason": "inappropriate"})
    assert response.status_code == 302
    assert Flag.objects.get().content_object == entry
    assert registry.owner_of(entry) == entrant


def test_the_entrant_cannot_report_their_own_entry_nor_sees_the_link(entrant, entry):
    response = client_for(entrant).post(flag_url(entry), {"reason": "spam"})
    assert response.status_code == 400
    assert not Flag.objects.exists()
    assert (
        f'href="{flag_url(entry)}"'
        not in client_for(entrant).get(entry_url(entry)).content.decode()
    )


def test_anonymous_visitors_see_no_link_and_are_asked_to_sign_in(entry):
    assert "/moderation/flag/" not in client_for(None).get(entry_url(entry)).content.decode()
    response = client_for(None).post(flag_url(entry), {"reason": "spam"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_entries_the_public_does_not_see_cannot_be_reported(outsider, org_admin, organisation):
    quiet = make_challenge(org_admin, organisation=organisation, title="No vote, no results yet")
    submitted = make_entry(quiet, make_user("a@example.org"), title="Under review")
    voting = make_challenge(
        org_admin,
        organisation=organisation,
        title="Voting",
        voting_opens_at=timezone.now() - DAY,
        voting_closes_at=timezone.now() + DAY,
    )
    draft = make_entry(voting, make_user("b@example.org"), title="Draft", submitted=False)
    unconsented = make_entry(
        voting, make_user("c@example.org"), title="Private", consent_to_publish=False
    )
    client = client_for(outsider)
    for entry in (submitted, draft, unconsented):
        assert client.post(flag_url(entry), {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_a_hidden_entry_cannot_be_reported(outsider, hidden):
    assert client_for(outsider).post(flag_url(hidden), {"reason": "spam"}).status_code == 404


# Hiding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_a_hidden_entry_leaves_the_voting_page_and_its_page(cast, hidden, who):
    client = client_for(cast[who])
    page = client.get(f"/challenges/{hidden.challenge.slug}/vote/").content.decode()
    assert "The fox and the river" in page and "A rose on Mars" not in page
    assert client.get(entry_url(hidden)).status_code == 404


def test_nobody_votes_for_a_hidden_entry(outsider, hidden):
    url = f"/challenges/{hidden.challenge.slug}/entries/{hidden.pk}/vote/"
    assert client_for(outsider).post(url).status_code == 404
    assert not hidden.votes.exists()


@pytest.mark.parametrize("who", ["entrant", "org_admin", "curator"])
def test_the_entrant_organisers_and_curators_still_open_it(cast, entrant, hidden, who):
    viewer = entrant if who == "entrant" else cast[who]
    response = client_for(viewer).get(entry_url(hidden))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hidden by the moderators." in page and NOTE in page


def test_the_note_is_not_shown_on_a_visible_entry(entrant, entry):
    assert (
        "Hidden by the moderators."
        not in client_for(entrant).get(entry_url(entry)).content.decode()
    )


@pytest.fixture
def published_results(org_admin, organisation, entrant, curator):
    now = timezone.now()
    contest = make_challenge(
        org_admin,
        organisation=organisation,
        opens_at=now - 40 * DAY,
        closes_at=now - 30 * DAY,
        review_ends_at=now - 2 * DAY,
        results_at=now - DAY,
    )
    add_question(contest, "Your story")
    winner = make_entry(contest, entrant, title="Baobabs on the roof", outcome=Outcome.WINNER)
    make_entry(contest, make_user("o@example.org"), title="The fox and the river",
               outcome=Outcome.SELECTED)  # fmt: skip
    contest.results_finalised_at = contest.results_published_at = now
    contest.save()
    return contest, winner


def test_a_hidden_entry_leaves_the_gallery_and_the_names_of_the_results(
    published_results, outsider, curator
):
    contest, winner = published_results
    client = client_for(outsider)
    assert client.post(flag_url(winner), {"reason": "spam"}).status_code == 302
    assert (
        "Baobabs on the roof" in client.get(f"/challenges/{contest.slug}/results/").content.decode()
    )
    act(curator, "entry", winner.pk, "hide", NOTE)
    gallery = client.get(f"/challenges/{contest.slug}/gallery/").content.decode()
    assert "The fox and the river" in gallery and "Baobabs on the roof" not in gallery
    results = client.get(f"/challenges/{contest.slug}/results/").content.decode()
    assert "The fox and the river" in results and "Baobabs on the roof" not in results
    assert client.get(entry_url(winner)).status_code == 404
    assert Submission.objects.in_gallery().get().title == "The fox and the river"


def test_a_restored_entry_comes_back_to_the_voting_page(outsider, curator, hidden):
    act(curator, "entry", hidden.pk, "restore", "Not plagiarised after all.")
    page = client_for(outsider).get(f"/challenges/{hidden.challenge.slug}/vote/").content.decode()
    assert "A rose on Mars" in page
