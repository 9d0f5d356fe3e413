"""The organisers' ranking page, the shortlist and a second round, and outcomes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from planet.challenges.assignment import assign_reviewers
from planet.challenges.models import Assignment, Outcome, Submission
from planet.challenges.tests.factories import make_entry, review
from planet.challenges.tests.jury_setup import ROLES, client_as, make_contest
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db

ORGANISERS = {"organiser", "curator"}
DENIED = {"anonymous": 302, "outsider": 403, "member": 403, "entrant": 403, "juror": 403}


@pytest.fixture
def contest(cast, organisation):
    """Story 1: (8,6,4) → 6.8 and (6,10,10) → 7.6, mean 7.20, spread 0.80.
    Story 2: (5,5,5) → 5, one review of two missing.
    Story 3: (5,5,5) → 5 as well: tied with Story 2."""
    contest = make_contest(cast, organisation, entries=3)
    j1, j2 = contest.jurors
    one, two, three = contest.entries
    review(j1, one, [8, 6, 4])
    review(j2, one, [6, 10, 10])
    review(j1, two, [5, 5, 5])
    review(j2, three, [5, 5, 5])
    review(j1, three, [5, 5, 5])
    return contest


def ranking_url(contest, suffix=""):
    return f"/challenges/{contest.challenge.slug}/ranking/{suffix}"


@pytest.mark.parametrize("role", ROLES)
def test_ranking_is_for_organisers(contest, role):
    response = client_as(contest, role).get(ranking_url(contest))
    assert response.status_code == (200 if role in ORGANISERS else DENIED[role])


def test_ranking_table(contest):
    page = client_as(contest, "organiser").get(ranking_url(contest)).content.decode()
    assert page.index("Story 1") < page.index("Story 2") < page.index("Story 3")
    assert "7.20" in page and "0.80" in page and "5.00" in page
    assert page.count('class="ranking-tie"') == 2
    assert "1 missing" in page
    assert "Ella Entrant" in page  # no blind review: the organiser sees names
    assert "7.00" in page  # criterion 1 mean on Story 1: (8 + 6) / 2


def test_blind_ranking_hides_names_from_an_organiser_on_the_jury(contest):
    contest.challenge.blind_review = True
    contest.challenge.save()
    page = client_as(contest, "organiser").get(ranking_url(contest)).content.decode()
    assert "Ella Entrant" in page  # an organiser who is not on the jury
    contest.challenge.jurors.create(user=contest.users["organiser"])
    page = client_as(contest, "organiser").get(ranking_url(contest)).content.decode()
    assert "Ella Entrant" not in page and "Story 1" in page


def test_ranking_costs_the_same_for_3_and_15_entries(contest):
    client = client_as(contest, "organiser")
    with CaptureQueriesContext(connection) as three:
        assert client.get(ranking_url(contest)).status_code == 200
    j1, j2 = contest.jurors
    for n in range(12):
        entry = make_entry(contest.challenge, make_user(f"more{n}@example.org"), title=f"More {n}")
        review(j1, entry, [n % 11, 3, 4])
        review(j2, entry, [2, n % 11, 4], complete=n % 2 == 0)
    with CaptureQueriesContext(connection) as fifteen:
        response = client.get(ranking_url(contest))
    assert response.content.decode().count("<tr") == 16
    assert len(fifteen) == len(three)


# Shortlist and round two


def test_shortlisting_and_starting_round_two(contest):
    client = client_as(contest, "organiser")
    one, two, three = contest.entries
    response = client.post(ranking_url(contest, "shortlist/"), {"entries": [one.pk, three.pk]})
    assert response.status_code == 302
    assert set(Submission.objects.filter(shortlisted=True)) == {one, three}
    client.post(ranking_url(contest, "shortlist/"), {"entries": [one.pk, two.pk]})
    assert set(Submission.objects.filter(shortlisted=True)) == {one, two}
    response = client.post(
        ranking_url(contest, "shortlist/"),
        {"entries": [one.pk, two.pk], "start_round_two": "1"},
        follow=True,
    )
    assert "The second round has started" in response.content.decode()
    contest.challenge.refresh_from_db()
    assert contest.challenge.review_round == 2
    assert AuditLog.objects.filter(action="challenge.round_two_started").exists()
    # Assignment now works on the shortlist alone, and the ranking shows round two.
    client.post(f"/challenges/{contest.challenge.slug}/jury/assign/")
    assert set(Assignment.objects.filter(round=2).values_list("submission", flat=True)) == {
        one.pk,
        two.pk,
    }
    page = client.get(ranking_url(contest)).content.decode()
    assert "Story 3" not in page and "Round 2" in page
    assert "Story 3" in client.get(ranking_url(contest) + "?round=1").content.decode()
    assert client.get(ranking_url(contest) + "?round=3").status_code == 404
    # The shortlist is now fixed.
    response = client.post(ranking_url(contest, "shortlist/"), {"entries": [three.pk]}, follow=True)
    assert "can no longer change" in response.content.decode()
    assert set(Submission.objects.filter(shortlisted=True)) == {one, two}


def test_round_two_needs_a_shortlist(contest):
    response = client_as(contest, "organiser").post(
        ranking_url(contest, "shortlist/"), {"start_round_two": "1"}, follow=True
    )
    assert "Shortlist at least one entry" in response.content.decode()
    contest.challenge.refresh_from_db()
    assert contest.challenge.review_round == 1


@pytest.mark.parametrize("role", sorted(DENIED))
def test_others_may_not_shortlist(contest, role):
    response = client_as(contest, role).post(
        ranking_url(contest, "shortlist/"),
        {"entries": [contest.entries[0].pk], "start_round_two": "1"},
    )
    assert response.status_code == DENIED[role]
    assert not Submission.objects.filter(shortlisted=True).exists()


# Outcomes


def test_setting_outcomes(contest):
    client = client_as(contest, "organiser")
    one = contest.entries[0]
    response = client.post(ranking_url(contest, f"{one.pk}/outcome/"), {"outcome": "winner"})
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.outcome == Outcome.WINNER
    log = AuditLog.objects.get(action="challenge.outcome_set")
    assert log.details["new"] == "Winner"
    client.post(ranking_url(contest, f"{one.pk}/outcome/"), {"outcome": ""})
    one.refresh_from_db()
    assert one.outcome == Outcome.PENDING
    response = client.post(ranking_url(contest, f"{one.pk}/outcome/"), {"outcome": "champion"},
                           follow=True)  # fmt: skip
    assert "Choose one of the outcomes" in response.content.decode()
    one.refresh_from_db()
    assert one.outcome == Outcome.PENDING


def test_outcomes_are_fixed_once_results_are_published(contest):
    one = contest.entries[0]
    contest.challenge.results_published_at = timezone.now()
    contest.challenge.save()
    client = client_as(contest, "organiser")
    response = client.post(
        ranking_url(contest, f"{one.pk}/outcome/"), {"outcome": "winner"}, follow=True
    )
    assert "outcomes can no longer change" in response.content.decode()
    one.refresh_from_db()
    assert one.outcome == Outcome.PENDING


def test_outcomes_are_fixed_once_results_are_finalised(contest):
    one = contest.entries[0]
    contest.challenge.results_finalised_at = timezone.now()
    contest.challenge.save()
    client = client_as(contest, "organiser")
    response = client.post(
        ranking_url(contest, f"{one.pk}/outcome/"), {"outcome": "winner"}, follow=True
    )
    assert "reopen them before changing outcomes" in response.content.decode()
    one.refresh_from_db()
    assert one.outcome == Outcome.PENDING


def test_a_draft_entry_gets_no_outcome(contest):
    draft = make_entry(contest.challenge, make_user("d@example.org"), submitted=False)
    response = client_as(contest, "organiser").post(
        ranking_url(contest, f"{draft.pk}/outcome/"), {"outcome": "winner"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", sorted(DENIED))
def test_others_may_not_set_outcomes(contest, role):
    one = contest.entries[0]
    response = client_as(contest, role).post(
        ranking_url(contest, f"{one.pk}/outcome/"), {"outcome": "winner"}
    )
    assert response.status_code == DENIED[role]
    one.refresh_from_db()
    assert one.outcome == Outcome.PENDING


def test_assign_then_rank_end_to_end(cast, organisation):
    contest = make_contest(cast, organisation, entries=4, jurors=3, reviews_per_submission=2)
    assign_reviewers(contest.challenge)
    for assignment in Assignment.objects.all():
        review(assignment.juror, assignment.submission, [assignment.submission.pk % 10, 5, 5])
    page = client_as(contest, "organiser").get(ranking_url(contest)).content.decode()
    assert page.count("2 / 2") == 4
