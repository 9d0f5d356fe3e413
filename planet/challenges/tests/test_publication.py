"""Results publish themselves at the announcement time (a task run by the worker) and each
entrant gets their outcome by e-mail once, in their language, with the jurors' comments when
the organiser shares them. The clock is moved around the announcement in the organiser's zone
(Europe/Paris)."""

import io
import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from conftest import client_for, make_user, run_due_tasks
from planet.challenges import tasks
from planet.challenges.models import Assignment, Challenge, Outcome, Score
from planet.challenges.outcomes import send_outcomes
from planet.challenges.tests.factories import (
    add_criteria,
    add_question,
    make_challenge,
    make_entry,
    review,
    seat_juror,
)

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CLOSES = datetime(2031, 11, 30, 23, 59, tzinfo=PARIS)
REVIEW_ENDS = datetime(2032, 1, 15, 23, 59, tzinfo=PARIS)
RESULTS = datetime(2032, 1, 24, 10, 0, tzinfo=PARIS)  # 09:00 UTC
DELIBERATION = datetime(2032, 1, 20, 12, 0, tzinfo=PARIS)


@pytest.fixture
def contest(org_admin, organisation):
    with time_machine.travel(datetime(2031, 7, 1, 12, tzinfo=PARIS), tick=False):
        challenge = make_challenge(
            org_admin,
            organisation=organisation,
            opens_at=datetime(2031, 6, 29, 0, 0, tzinfo=PARIS),
            closes_at=CLOSES,
            review_ends_at=REVIEW_ENDS,
            results_at=RESULTS,
            share_comments=True,
        )
        add_question(challenge, "Your story")
    return challenge


@pytest.fixture
def entrants(db):
    french = make_user("claire@example.org", "Claire Dupont")
    french.profile.languages = ["de", "fr", "en"]  # German is not an interface language
    french.profile.save()
    return {
        "winner": french,
        "selected": make_user("ana@example.org", "Ana Souza"),
        "not_selected": make_user("li@example.org", "Li Wei"),
        "juror": make_user("juror@example.org", "Jana Juror"),
        "other_juror": make_user("juror2@example.org", "Joss Juror"),
    }


@pytest.fixture
def entries(contest, entrants):
    created = {
        outcome: make_entry(contest, entrants[outcome], title=f"Story {outcome}", outcome=outcome)
        for outcome in (Outcome.WINNER, Outcome.SELECTED)
    }
    created["undecided"] = make_entry(contest, entrants["not_selected"], title="Story undecided")
    make_entry(contest, make_user("draft@example.org"), title="Draft story", submitted=False)
    add_criteria(contest, 3, 1)
    juror = seat_juror(contest, entrants["juror"])
    other = seat_juror(contest, entrants["other_juror"])
    done = review(juror, created[Outcome.WINNER], [9, 7], comment="A tender, funny story.")
    Score.objects.filter(assignment=done, criterion__weight=3).update(comment="So inventive.")
    review(other, created[Outcome.WINNER], [2, 2], comment="Never sent: not completed.",
           complete=False)  # fmt: skip
    conflict = review(juror, created[Outcome.SELECTED], [1, 1], comment="Never sent: conflict.")
    Assignment.objects.filter(pk=conflict.pk).update(conflict_declared_at=CLOSES)
    return created


def finalise(organiser, challenge):
    """Sessions are signed in on the travelled clock: they would have expired otherwise."""
    with time_machine.travel(DELIBERATION, tick=False):
        response = client_for(organiser).post(
            f"/challenges/{challenge.slug}/finalise/", {"action": "finalise"}
        )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.results_finalised_at is not None


def results_status(challenge) -> int:
    return client_for(None).get(f"/challenges/{challenge.slug}/results/").status_code


def test_results_publish_themselves_at_the_announcement_minute_and_outcomes_go_once(
    contest, entries, org_admin, monkeypatch
):
    finalise(org_admin, contest)
    with time_machine.travel(DELIBERATION, tick=False):
        assert results_status(contest) == 404
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 404
    with time_machine.travel(RESULTS - timedelta(minutes=1), tick=False):
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 404
        assert len(mail.outbox) == 0
    with time_machine.travel(RESULTS, tick=False):
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 200
    contest.refresh_from_db()
    assert contest.results_published_at == RESULTS and contest.outcomes_sent_at == RESULTS
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "claire@example.org",
        "li@example.org",
    ]
    with time_machine.travel(RESULTS + timedelta(minutes=5), tick=False):
        run_due_tasks(monkeypatch)
        assert tasks.publish_due_results() == 0
        assert send_outcomes(contest) == 0
    assert len(mail.outbox) == 3


def test_moving_the_announcement_later_makes_the_earlier_task_do_nothing(
    contest, entries, org_admin, monkeypatch
):
    finalise(org_admin, contest)
    later = RESULTS + timedelta(days=2)
    with time_machine.travel(DELIBERATION, tick=False):
        Challenge.objects.filter(pk=contest.pk).update(results_at=later)
        contest.refresh_from_db()
        tasks.schedule_results(contest)
    with time_machine.travel(RESULTS, tick=False):
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 404 and len(mail.outbox) == 0
    with time_machine.travel(later, tick=False):
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 200
    assert len(mail.outbox) == 3


def test_reopened_results_are_not_published_by_the_waiting_task(
    contest, entries, org_admin, monkeypatch
):
    finalise(org_admin, contest)
    with time_machine.travel(DELIBERATION, tick=False):
        reopen = {"action": "reopen"}
        response = client_for(org_admin).post(f"/challenges/{contest.slug}/finalise/", reopen)
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.results_finalised_at is None
    with time_machine.travel(RESULTS + timedelta(hours=1), tick=False):
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 404
    assert len(mail.outbox) == 0


def test_finalising_after_the_announcement_time_publishes_at_once(
    contest, entries, org_admin, monkeypatch
):
    late = RESULTS + timedelta(days=3)
    with time_machine.travel(late, tick=False):
        response = client_for(org_admin).post(f"/challenges/{contest.slug}/finalise/")
        assert response.status_code == 302
        assert results_status(contest) == 404  # until the worker runs
        run_due_tasks(monkeypatch)
        assert results_status(contest) == 200
    assert len(mail.outbox) == 3


def test_the_outcome_email_says_the_outcome_in_the_entrants_language_with_shared_comments(
    contest, entries, org_admin, monkeypatch
):
    finalise(org_admin, contest)
    with time_machine.travel(RESULTS, tick=False):
        run_due_tasks(monkeypatch)
    by_address = {m.to[0]: m for m in mail.outbox}
    winner = by_address["claire@example.org"]
    assert "L’équipe LearningPlanet" in winner.body  # French, her first interface language
    assert "Story winner" in winner.body and "lauréats" in winner.subject  # in French
    assert f"/challenges/{contest.slug}/results/" in winner.body
    assert f"/challenges/{contest.slug}/gallery/" in winner.body
    assert "A tender, funny story." in winner.body and "Criterion 1: So inventive." in winner.body
    without_links = "\n".join(line for line in winner.body.splitlines() if "http" not in line)
    for secret in ("Never sent", "Jana Juror", "Joss Juror", "9", "7"):
        assert secret not in without_links
    selected = by_address["ana@example.org"]
    assert "The LearningPlanet team" in selected.body  # no language in her profile
    assert "is selected by the jury" in selected.body and "Never sent" not in selected.body
    loser = by_address["li@example.org"]
    assert "not among those selected" in loser.body and "gallery" not in loser.body


def test_comments_stay_private_unless_the_organiser_shares_them(contest, entries, org_admin):
    Challenge.objects.filter(pk=contest.pk).update(
        share_comments=False,
        results_finalised_at=DELIBERATION,
        results_published_at=RESULTS,
    )
    contest.refresh_from_db()
    assert send_outcomes(contest) == 3
    winner = next(m for m in mail.outbox if m.to == ["claire@example.org"])
    assert "A tender, funny story." not in winner.body and "So inventive" not in winner.body


def test_an_entrant_who_refused_publication_is_told_so(contest, entrants, org_admin):
    entry = make_entry(contest, entrants["selected"], title="Private story",
                       outcome=Outcome.WINNER, consent_to_publish=False)  # fmt: skip
    send_outcomes(contest)
    assert "not shown in the gallery" in mail.outbox[0].body
    entry.refresh_from_db()
    assert entry.outcome_sent_at is not None


def test_outcomes_left_unsent_by_a_failure_are_sent_by_the_next_sweep(
    contest, entries, org_admin, monkeypatch
):
    finalise(org_admin, contest)
    sent = []

    def flaky_send_mail(subject, body, sender, recipients):
        if len(sent) == 1:
            raise ConnectionError("mail server down")
        sent.append(recipients[0])
        mail.outbox.append(mail.EmailMessage(subject, body, sender, recipients))

    monkeypatch.setattr("planet.challenges.outcomes.send_mail", flaky_send_mail)
    with time_machine.travel(RESULTS, tick=False), pytest.raises(ConnectionError):
        tasks.publish_results.call(contest.pk)
    contest.refresh_from_db()
    assert contest.results_published_at is not None and contest.outcomes_sent_at is None
    assert contest.submissions.exclude(outcome_sent_at=None).count() == 1
    monkeypatch.undo()
    out = io.StringIO()
    with time_machine.travel(RESULTS + timedelta(minutes=5), tick=False):
        call_command("publish_due_results", stdout=out)
    assert out.getvalue().strip() == "0 challenge(s) published."
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ana@example.org",
        "claire@example.org",
        "li@example.org",
    ]
    contest.refresh_from_db()
    assert contest.outcomes_sent_at is not None


def test_the_sweep_command_publishes_due_results_without_a_worker(contest, entries, org_admin):
    finalise(org_admin, contest)
    out = io.StringIO()
    with time_machine.travel(RESULTS - timedelta(minutes=1), tick=False):
        call_command("publish_due_results", stdout=out)
    assert out.getvalue().strip() == "0 challenge(s) published."
    with time_machine.travel(RESULTS, tick=False):
        call_command("publish_due_results", stdout=out)
        assert results_status(contest) == 200
    assert out.getvalue().strip().endswith("1 challenge(s) published.")
    assert len(mail.outbox) == 3
