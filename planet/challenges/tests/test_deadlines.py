"""Deadlines to the minute, in the organiser's zone (Europe/Paris), by the server's clock.

Submissions open on 29 June 2026 at 00:00 in Paris (22:00 UTC the day before, summer time) and
close on 30 November 2026 at 23:59 in Paris (22:59 UTC, winter time).
"""

import datetime

import pytest
import time_machine
from django.core import mail

from conftest import client_for, make_user
from planet.challenges.models import Submission, SubmissionStatus
from planet.challenges.tests.entry_helpers import (
    contest_form,
    detail_url,
    edit_url,
    entry_data,
    messages_of,
)
from planet.challenges.tests.factories import make_challenge, make_entry

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
OPENS = datetime.datetime(2026, 6, 28, 22, 0, tzinfo=UTC)
CLOSES = datetime.datetime(2026, 11, 30, 22, 59, tzinfo=UTC)
ONE_SECOND = datetime.timedelta(seconds=1)
ONE_MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def challenge(org_admin, organisation):
    return make_challenge(org_admin, organisation=organisation, opens_at=OPENS, closes_at=CLOSES)


@pytest.fixture
def questions(challenge):
    return contest_form(challenge)


@pytest.fixture
def entrant(db):
    return make_user("lea@example.org", "Léa Entrant")


@pytest.fixture
def draft(challenge, questions, entrant):
    with time_machine.travel(OPENS + ONE_MINUTE, tick=False):
        return make_entry(challenge, entrant, title="My draft", submitted=False)


def test_the_phases_are_stored_in_utc_from_the_organisers_zone(challenge):
    paris = challenge.zone
    assert challenge.opens_at.astimezone(paris).strftime("%Y-%m-%d %H:%M") == "2026-06-29 00:00"
    assert challenge.closes_at.astimezone(paris).strftime("%Y-%m-%d %H:%M") == "2026-11-30 23:59"


def test_submitting_in_the_last_second_works(draft, questions, entrant):
    with time_machine.travel(CLOSES - ONE_SECOND, tick=False):
        response = client_for(entrant).post(edit_url(draft), entry_data(questions))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED
    assert draft.submitted_at == CLOSES - ONE_SECOND


@pytest.mark.parametrize("late", [datetime.timedelta(0), ONE_MINUTE], ids=["on-time", "1-min"])
@pytest.mark.parametrize("submit", [True, False], ids=["submit", "draft"])
def test_a_change_at_or_after_the_deadline_is_refused(
    draft, questions, entrant, late, submit, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(CLOSES + late, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        data = entry_data(questions, submit=submit, story="Too late.")
        response = client_for(entrant).post(edit_url(draft), {**data, "title": "Late"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Submissions to this challenge closed on Nov. 30, 2026, 11:59 p.m." in page
    assert "(Europe/Paris). Nothing was changed." in page
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT and draft.title == "My draft"
    assert not draft.answers.filter(text="Too late.").exists()
    assert mail.outbox == []


def test_a_submitted_entry_cannot_be_changed_one_minute_late(challenge, questions, entrant):
    with time_machine.travel(CLOSES - ONE_MINUTE, tick=False):
        entry = make_entry(challenge, entrant)
    with time_machine.travel(CLOSES + ONE_MINUTE, tick=False):
        data = entry_data(questions, story="A better ending.")
        response = client_for(entrant).post(edit_url(entry), data)
    assert response.status_code == 403
    assert not entry.answers.filter(text="A better ending.").exists()


def test_after_the_deadline_the_entry_is_shown_read_only(draft, entrant):
    with time_machine.travel(CLOSES, tick=False):
        client = client_for(entrant)
        response = client.get(edit_url(draft))
        assert response.status_code == 302 and response.url == detail_url(draft)
        page = client.get(detail_url(draft)).content.decode()
    assert "Submissions closed on" in page
    assert edit_url(draft) not in page and "withdraw/" not in page


def test_withdrawing_after_the_deadline_is_refused(challenge, questions, entrant):
    with time_machine.travel(CLOSES - ONE_MINUTE, tick=False):
        entry = make_entry(challenge, entrant)
    with time_machine.travel(CLOSES, tick=False):
        response = client_for(entrant).post(f"{detail_url(entry)}withdraw/")
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == SubmissionStatus.SUBMITTED and entry.withdrawn_at is None


def test_entries_can_be_started_from_the_opening_minute(challenge, entrant):
    url = f"/challenges/{challenge.slug}/enter/"
    with time_machine.travel(OPENS - ONE_SECOND, tick=False):
        early = client_for(entrant).post(url)
    assert any("does not accept entries yet" in m for m in messages_of(early))
    assert not Submission.objects.exists()
    with time_machine.travel(OPENS, tick=False):
        response = client_for(entrant).post(url)
    entry = Submission.objects.get()
    assert response.url == edit_url(entry)
    with time_machine.travel(CLOSES, tick=False):
        client_for(make_user("late@example.org")).post(url)
    assert Submission.objects.count() == 1


def test_the_receipt_gives_the_times_in_the_entrants_zone(
    draft, questions, entrant, django_capture_on_commit_callbacks
):
    entrant.profile.timezone = "America/New_York"
    entrant.profile.save()
    with (
        time_machine.travel(datetime.datetime(2026, 11, 30, 15, 0, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        client_for(entrant).post(edit_url(draft), entry_data(questions))
    (receipt,) = mail.outbox
    assert "Received on Nov. 30, 2026, 10 a.m. (America/New_York)." in receipt.body
    assert "until Nov. 30, 2026, 5:59 p.m. (America/New_York)." in receipt.body


def test_the_form_shows_the_deadline_in_the_viewers_and_the_organisers_zones(draft, entrant):
    entrant.profile.timezone = "Asia/Tokyo"
    entrant.profile.save()
    with time_machine.travel(CLOSES - datetime.timedelta(days=3), tick=False):
        page = client_for(entrant).get(edit_url(draft)).content.decode()
    assert 'datetime="2026-11-30T22:59:00+00:00"' in page
    assert "Dec. 1, 2026, 7:59 a.m." in page  # Tokyo
    assert "Nov. 30, 2026, 11:59 p.m. in the organiser's zone, Europe/Paris" in page
