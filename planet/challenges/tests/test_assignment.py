"""Assigning entries to jurors: the algorithm on its own (evenness, exclusions, shortage), then
on a challenge (idempotent top-up, e-mails, conflicts of interest, round two), then the button."""

import itertools
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from conftest import client_for, make_user
from planet.challenges.assignment import (
    EntryNeed,
    assign_reviewers,
    declare_conflict,
    plan_assignments,
)
from planet.challenges.models import Assignment, Submission
from planet.challenges.tests.factories import make_entry, review, seat_juror
from planet.challenges.tests.jury_setup import client_as, closed_challenge, make_contest

pytestmark = pytest.mark.django_db


# The algorithm


def loads_of(pairs, jurors) -> list[int]:
    return [sum(1 for _entry, juror in pairs if juror == j) for j in jurors]


@pytest.mark.parametrize(
    ("entries", "jurors", "reviews"),
    list(itertools.product([1, 2, 5, 7, 13], [1, 2, 3, 4, 6], [1, 2, 3])),
)
def test_loads_are_even(entries, jurors, reviews):
    juror_users = {100 + j: 1000 + j for j in range(jurors)}
    needs = [EntryNeed(n, 1, reviews) for n in range(entries)]  # entrant 1 is not a juror
    pairs, short = plan_assignments(needs, juror_users, {})
    loads = loads_of(pairs, juror_users)
    assert max(loads) - min(loads) <= 1
    assert len(set(pairs)) == len(pairs)  # never the same juror twice on an entry
    expected = min(reviews, jurors)
    assert all(sum(1 for e, _ in pairs if e == n) == expected for n in range(entries))
    assert short == (dict.fromkeys(range(entries), reviews - jurors) if reviews > jurors else {})


def test_existing_loads_are_topped_up_evenly():
    juror_users = {1: 11, 2: 12, 3: 13}
    pairs, short = plan_assignments([EntryNeed(9, 99, 2), EntryNeed(10, 99, 1)], juror_users,
                                    {1: 3, 2: 1, 3: 1})  # fmt: skip
    assert pairs == [(9, 2), (9, 3), (10, 2)]  # fewest first, ties by id
    assert short == {}


def test_never_the_entrant_nor_an_excluded_juror():
    juror_users = {1: 11, 2: 12, 3: 13}
    needs = [EntryNeed(5, 11, 2, frozenset({2}))]  # juror 1 wrote it, juror 2 is excluded
    pairs, short = plan_assignments(needs, juror_users, {})
    assert pairs == [(5, 3)]
    assert short == {5: 1}


# On a challenge


@pytest.fixture
def contest(cast, organisation):
    contest = make_contest(cast, organisation, entries=0, jurors=3, reviews_per_submission=2)
    contest.entries = [
        make_entry(contest.challenge, make_user(f"author{n}@example.org", f"Author {n}"),
                   title=f"Story {n}")
        for n in range(7)
    ]  # fmt: skip
    return contest


def active_loads(challenge) -> list[int]:
    return [
        Assignment.objects.active().filter(juror=juror, round=challenge.review_round).count()
        for juror in challenge.jurors.all()
    ]


def test_every_entry_gets_its_reviews_evenly(contest, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = assign_reviewers(contest.challenge)
    assert len(report.created) == 14 and report.short == {}
    for entry in contest.entries:
        assert entry.assignments.active().count() == 2
    assert sorted(active_loads(contest.challenge)) == [4, 5, 5]
    assert len(mail.outbox) == 3
    assert {message.to[0] for message in mail.outbox} == {u.email for u in contest.juror_users}


def test_assigning_again_only_tops_up(contest, django_capture_on_commit_callbacks):
    assign_reviewers(contest.challenge)
    assert assign_reviewers(contest.challenge).created == []
    late = make_entry(contest.challenge, make_user("late@example.org"), title="Late story")
    with django_capture_on_commit_callbacks(execute=True):
        report = assign_reviewers(contest.challenge)
    assert [(a.submission_id) for a in report.created] == [late.pk, late.pk]
    assert Assignment.objects.count() == 16
    assert len(mail.outbox) == 2  # only the two jurors with a new entry


def test_drafts_and_withdrawn_entries_are_not_assigned(contest):
    draft = make_entry(contest.challenge, make_user("d@example.org"), submitted=False)
    withdrawn = make_entry(contest.challenge, make_user("w@example.org"))
    Submission.objects.filter(pk=withdrawn.pk).update(status="withdrawn")
    assign_reviewers(contest.challenge)
    assert not Assignment.objects.filter(submission__in=[draft, withdrawn]).exists()


def test_a_juror_who_entered_never_reviews_their_own_entry(contest):
    juror_user = contest.juror_users[0]
    own = make_entry(contest.challenge, juror_user, title="The juror's own story")
    assign_reviewers(contest.challenge)
    assert own.assignments.count() == 2
    assert not own.assignments.filter(juror__user=juror_user).exists()


def test_not_enough_jurors_assigns_what_it_can(cast, organisation):
    contest = make_contest(cast, organisation, entries=3, jurors=1, reviews_per_submission=2)
    report = assign_reviewers(contest.challenge)
    assert len(report.created) == 3
    assert report.short == {entry.pk: 1 for entry in contest.entries}
    assert [entry.pk for entry in report.short_entries] == [entry.pk for entry in contest.entries]


def test_juror_emails_name_entrants_only_without_blind_review(
    cast, organisation, django_capture_on_commit_callbacks
):
    contest = make_contest(cast, organisation, entries=2, jurors=1, reviews_per_submission=1)
    with django_capture_on_commit_callbacks(execute=True):
        assign_reviewers(contest.challenge)
    (message,) = mail.outbox
    assert "Ella Entrant" in message.body and "Wanda Writer" in message.body
    assert "Story 1" in message.body and "2 entries are waiting" in message.body
    assert f"/challenges/{contest.challenge.slug}/reviews/" in message.body

    blind = closed_challenge(organisation, title="A blind contest", blind_review=True,
                             reviews_per_submission=1)  # fmt: skip
    seat_juror(blind, make_user("blindjuror@example.org"))
    make_entry(blind, make_user("hidden@example.org", "Hidden Author"), title="Secret")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assign_reviewers(blind)
    (message,) = mail.outbox
    assert "Secret" in message.body
    assert "Hidden Author" not in message.body and "hidden@example.org" not in message.body
    assert "blind review" in message.body


# Conflicts of interest


def test_a_conflict_sets_the_review_aside_and_reassigns(
    contest, django_capture_on_commit_callbacks
):
    assign_reviewers(contest.challenge)
    entry = contest.entries[0]
    first = entry.assignments.order_by("pk").first()
    scored = review(first.juror, entry, [5, 5, 5])
    assert scored.pk == first.pk
    with django_capture_on_commit_callbacks(execute=True):
        replacement = declare_conflict(first, "I teach the author.")
    first.refresh_from_db()
    assert first.conflict_declared_at is not None and first.conflict_reason == "I teach the author."
    assert first.completed_at is None and not first.scores.exists()
    assert replacement is not None and replacement.juror_id not in {
        a.juror_id for a in entry.assignments.exclude(pk=replacement.pk)
    }
    assert entry.assignments.active().count() == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [replacement.juror.user.email]
    # Assigning again never gives the entry back to the juror in conflict.
    assign_reviewers(contest.challenge)
    assert entry.assignments.filter(juror=first.juror).count() == 1


def test_a_conflict_without_a_free_juror_leaves_the_entry_short(cast, organisation):
    contest = make_contest(cast, organisation, entries=1, jurors=2, reviews_per_submission=2)
    assign_reviewers(contest.challenge)
    assignment = Assignment.objects.first()
    assert declare_conflict(assignment, "My niece.") is None
    report = assign_reviewers(contest.challenge)
    assert report.short == {contest.entries[0].pk: 1}


def test_a_conflict_in_round_one_holds_in_round_two(contest):
    assign_reviewers(contest.challenge)
    entry = contest.entries[0]
    first = entry.assignments.order_by("pk").first()
    declare_conflict(first, "Conflict.")
    Submission.objects.filter(pk=entry.pk).update(shortlisted=True)
    contest.challenge.review_round = 2
    contest.challenge.save()
    assign_reviewers(contest.challenge)
    second_round = entry.assignments.filter(round=2)
    assert second_round.count() == 2
    assert not second_round.filter(juror=first.juror).exists()
    assert Assignment.objects.filter(round=2).count() == 2  # only the shortlist


# The button


def test_only_organisers_may_assign(cast, organisation):
    contest = make_contest(cast, organisation)
    url = f"/challenges/{contest.challenge.slug}/jury/assign/"
    expected = {"anonymous": 302, "outsider": 403, "member": 403, "entrant": 403, "juror": 403}
    for role, status in expected.items():
        assert client_as(contest, role).post(url).status_code == status, role
    assert not Assignment.objects.exists()
    response = client_as(contest, "organiser").post(url, follow=True)
    assert response.status_code == 200
    assert "4 reviews assigned to 2 jurors" in response.content.decode()
    assert Assignment.objects.count() == 4


def test_assigning_waits_for_submissions_to_close(cast, organisation):
    contest = make_contest(cast, organisation)
    challenge = contest.challenge
    challenge.closes_at = timezone.now() + timedelta(minutes=1)
    challenge.save()
    response = client_for(cast["org_admin"]).post(
        f"/challenges/{challenge.slug}/jury/assign/", follow=True
    )
    assert "once submissions are closed" in response.content.decode()
    assert not Assignment.objects.exists()


def test_the_button_names_entries_lacking_reviewers(cast, organisation):
    contest = make_contest(cast, organisation, entries=1, jurors=1, reviews_per_submission=2)
    response = client_for(cast["org_admin"]).post(
        f"/challenges/{contest.challenge.slug}/jury/assign/", follow=True
    )
    page = response.content.decode()
    assert "Not enough jurors for" in page and "Story 1" in page
