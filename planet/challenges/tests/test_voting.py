"""Public voting: one vote per verified account per entry while voting is open; counts hidden
from everybody, organisers included, until voting closes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.challenges.models import SubmissionStatus, Vote
from planet.challenges.tests.entry_helpers import messages_of
from planet.challenges.tests.factories import add_question, make_challenge, make_entry

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def challenge(org_admin, organisation):
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
def entries(challenge):
    authors = [make_user(f"author{n}@example.org", f"Author {n}") for n in range(3)]
    return [make_entry(challenge, author, title=f"Story {n}") for n, author in enumerate(authors)]


@pytest.fixture
def voter(db):
    return make_user("voter@example.org", "Vera Voter")


def voting_url(challenge) -> str:
    return f"/challenges/{challenge.slug}/vote/"


def vote_url(entry) -> str:
    return f"/challenges/{entry.challenge.slug}/entries/{entry.pk}/vote/"


def test_a_verified_account_votes_once_per_entry(entries, voter):
    client = client_for(voter)
    response = client.post(vote_url(entries[0]))
    assert response.status_code == 302
    assert response.url == f"{voting_url(entries[0].challenge)}#entry-{entries[0].pk}"
    assert any("is counted" in message for message in messages_of(response))
    second = client.post(vote_url(entries[0]))
    assert any("already voted" in message for message in messages_of(second))
    assert Vote.objects.filter(voter=voter).count() == 1
    client.post(vote_url(entries[1]))  # another entry: another vote
    assert Vote.objects.filter(voter=voter).count() == 2


def test_an_unverified_account_is_told_to_verify_its_address(entries):
    unverified = make_user("new@example.org", verified=False)
    response = client_for(unverified).post(vote_url(entries[0]))
    assert any("Verify your e-mail address" in m for m in messages_of(response))
    assert not Vote.objects.exists()


def test_nobody_votes_for_their_own_entry(entries):
    response = client_for(entries[0].entrant).post(vote_url(entries[0]))
    assert any("your own entry" in message for message in messages_of(response))
    assert not Vote.objects.exists()


def test_votes_need_an_account_and_a_post(entries, voter):
    response = client_for(None).post(vote_url(entries[0]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert client_for(voter).get(vote_url(entries[0])).status_code == 405
    assert not Vote.objects.exists()


@pytest.mark.parametrize("moment", ["before", "after"])
def test_votes_are_counted_only_while_voting_is_open(challenge, entries, voter, moment):
    when = challenge.voting_opens_at - DAY if moment == "before" else challenge.voting_closes_at
    with time_machine.travel(when, tick=False):
        response = client_for(voter).post(vote_url(entries[0]))
    assert any("voting is not open" in message for message in messages_of(response))
    assert not Vote.objects.exists()


def test_drafts_withdrawn_and_unconsented_entries_are_not_offered(challenge, entries, voter):
    draft = make_entry(challenge, make_user("d@example.org"), title="Draft", submitted=False)
    withdrawn = entries[1]
    withdrawn.status = SubmissionStatus.WITHDRAWN
    withdrawn.save()
    private = make_entry(challenge, make_user("p@example.org"), consent_to_publish=False)
    for entry in (draft, withdrawn, private):
        assert client_for(voter).post(vote_url(entry)).status_code == 404
    page = client_for(voter).get(voting_url(challenge)).content.decode()
    assert "Story 0" in page and "Story 2" in page
    assert "Story 1" not in page and "Draft" not in page and f"entry-{private.pk}" not in page
    assert not Vote.objects.exists()


def test_a_challenge_without_voting_has_no_voting_page(org_admin, voter):
    challenge = make_challenge(org_admin)
    entry = make_entry(challenge, make_user("a@example.org"))
    assert client_for(voter).get(voting_url(challenge)).status_code == 404
    assert client_for(voter).post(vote_url(entry)).status_code == 302
    assert not Vote.objects.exists()


def test_counts_are_hidden_from_everybody_until_voting_closes(challenge, entries, voter, org_admin):
    for n, entry in enumerate(entries):
        for v in range(n):
            Vote.objects.create(submission=entry, voter=make_user(f"v{n}{v}@example.org"))
    for user in (voter, org_admin, None):
        response = client_for(user).get(voting_url(challenge))
        assert response.status_code == 200
        page = response.content.decode()
        assert "data-votes" not in page and " votes<" not in page
        assert not response.context["counts_public"]
        assert [e.title for e in response.context["entries"]] == ["Story 0", "Story 1", "Story 2"]
    with time_machine.travel(challenge.voting_closes_at, tick=False):
        response = client_for(None).get(voting_url(challenge))
    page = response.content.decode()
    assert 'data-votes="2">2 votes<' in page and 'data-votes="0">0 votes<' in page
    assert [e.title for e in response.context["entries"]] == ["Story 2", "Story 1", "Story 0"]
    assert "Vote for this entry" not in page


def test_the_page_says_when_voting_opens(challenge, entries, voter):
    with time_machine.travel(challenge.voting_opens_at - DAY, tick=False):
        page = client_for(voter).get(voting_url(challenge)).content.decode()
    assert "Public voting opens on" in page and "Story 0" not in page


def test_the_page_marks_my_votes_and_my_own_entry(challenge, entries, voter):
    Vote.objects.create(submission=entries[0], voter=voter)
    page = client_for(voter).get(voting_url(challenge)).content.decode()
    assert "You voted for this entry." in page and page.count("Vote for this entry") == 2
    own = client_for(entries[1].entrant).get(voting_url(challenge)).content.decode()
    assert "Your own entry" in own
    anonymous = client_for(None).get(voting_url(challenge)).content.decode()
    assert "Sign in to vote" in anonymous and "Vote for this entry" not in anonymous


def test_blind_review_hides_names_on_the_voting_page(challenge, entries, org_admin):
    challenge.blind_review = True
    challenge.save()
    page = client_for(None).get(voting_url(challenge)).content.decode()
    assert "Author 0" not in page and f"Entry {entries[0].pk}" in page
    own = client_for(entries[0].entrant).get(voting_url(challenge)).content.decode()
    assert "Author 0" in own and "Author 1" not in own
    challenge.blind_review = False
    challenge.save()
    assert "Author 0" in client_for(None).get(voting_url(challenge)).content.decode()


@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
def test_the_voting_page_costs_the_same_for_3_or_12_entries(
    challenge, entries, voter, closed, django_assert_num_queries
):
    Vote.objects.create(submission=entries[0], voter=voter)
    client = client_for(voter)
    when = challenge.voting_closes_at if closed else timezone.now()
    with time_machine.travel(when, tick=False):
        client.get(voting_url(challenge))
        with CaptureQueriesContext(connection) as baseline:
            assert client.get(voting_url(challenge)).status_code == 200
    for n in range(9):
        entry = make_entry(challenge, make_user(f"more{n}@example.org"), title=f"More {n}")
        Vote.objects.create(submission=entry, voter=voter)
    with (
        time_machine.travel(when, tick=False),
        django_assert_num_queries(len(baseline.captured_queries)),
    ):
        response = client.get(voting_url(challenge))
    assert len(response.context["entries"]) == 12
