"""The demo holds "The Little Prince is back" run to its published results and an open call
for projects; loading twice creates nothing more and sends no e-mail."""

import io
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conftest import client_for
from planet.challenges.models import (
    Answer,
    Assignment,
    Challenge,
    Juror,
    Outcome,
    Score,
    Submission,
    Vote,
)
from planet.challenges.scoring import ranking
from planet.search.tests.helpers import search, titles

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Challenge, Submission, Answer, Juror, Assignment, Score, Vote)
    }


@pytest.fixture
def demo():
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", force=True, projects=0, stdout=first)
    after_first = counts()
    call_command("load_demo", force=True, projects=0, stdout=second)
    return {"first": first.getvalue(), "second": second.getvalue(), "after_first": after_first}


def test_the_demo_challenges_load_once_without_sending_email(demo):
    assert "Challenges and contests: 2 created." in demo["first"]
    assert "Challenges and contests: 0 created." in demo["second"]
    assert counts() == demo["after_first"]
    assert mail.outbox == []
    contest = Challenge.objects.get(title="The Little Prince is back")
    check_the_contest_keeps_its_dates_in_paris(contest)
    check_the_jury_reviewed_every_entry_evenly_and_blind(contest)
    check_the_results_are_published_and_follow_the_ranking(contest)
    check_the_results_page_and_gallery_are_public(contest)
    check_the_call_for_projects_is_open_with_voting()
    check_both_are_found_by_the_search()


def check_the_contest_keeps_its_dates_in_paris(contest):
    assert contest.kind == "contest" and contest.timezone == "Europe/Paris"
    assert contest.organisation.name == "La Fabrique du Quartier"
    assert set(contest.goals.values_list("number", flat=True)) == {4, 16}
    assert contest.opens_at == datetime(2020, 6, 29, 0, 0, tzinfo=PARIS)
    assert contest.closes_at == datetime(2020, 11, 30, 23, 59, tzinfo=PARIS)
    assert contest.review_ends_at == datetime(2021, 1, 15, 23, 59, tzinfo=PARIS)
    assert contest.results_at == datetime(2021, 1, 24, 10, 0, tzinfo=PARIS)
    story = contest.questions.get(kind="long_text")
    assert story.word_limit == 2000 and story.required
    assert contest.questions.get(kind="file").required is False
    assert len(contest.questions.get(kind="single_choice").choices) == 4
    assert [(c.name, c.weight) for c in contest.criteria.all()] == [
        ("Imagination", 3),
        ("Writing", 2),
        ("Link to the SDGs", 1),
    ]
    assert (contest.scale_min, contest.scale_max) == (0, 10)
    for entry in contest.submissions.all():
        assert contest.opens_at <= entry.submitted_at < contest.closes_at


def check_the_jury_reviewed_every_entry_evenly_and_blind(contest):
    assert contest.blind_review and contest.jurors.count() == 3
    entries = contest.submissions.submitted()
    assert entries.count() == 12
    assert entries.values("entrant").distinct().count() == 12
    juror_users = set(contest.jurors.values_list("user", flat=True))
    assert not juror_users & set(entries.values_list("entrant", flat=True))
    reviews = Assignment.objects.done().filter(submission__challenge=contest)
    assert reviews.count() == 12 * contest.reviews_per_submission
    per_juror = [reviews.filter(juror=juror).count() for juror in contest.jurors.all()]
    assert per_juror == [8, 8, 8]
    assert Score.objects.filter(assignment__in=reviews).count() == 24 * 3
    assert not Score.objects.filter(assignment__in=reviews, value__gt=10).exists()


def check_the_results_are_published_and_follow_the_ranking(contest):
    assert contest.results_published_at == contest.results_at
    assert contest.results_finalised_at <= contest.results_at and contest.outcomes_sent_at
    assert not contest.submissions.filter(outcome_sent_at=None).exists()
    ranked = ranking(contest)
    outcomes = [row.submission.outcome for row in ranked]
    assert outcomes == [Outcome.WINNER] * 3 + [Outcome.SELECTED] * 4 + [Outcome.NOT_SELECTED] * 5
    assert all(row.missing_reviews == 0 for row in ranked)
    assert any(row.tied for row in ranked)  # the ranking page has a tie to show
    assert contest.submissions.in_gallery().count() == 6  # one selected author declined


def check_the_results_page_and_gallery_are_public(contest):
    client = client_for(None)
    page = client.get(f"/challenges/{contest.slug}/results/").content.decode()
    assert "小王子与会说话的风车" in page and "Lin Xiaoyu" in page
    assert "Aigerim" not in page and "Маленький принц" not in page
    assert "12 entries were submitted." in page
    assert "Lucía Fernández" in page  # the jury
    gallery = client.get(f"/challenges/{contest.slug}/gallery/")
    assert len(gallery.context["page"]) == 6
    assert '<img class="gallery-picture"' in gallery.content.decode()


def check_the_call_for_projects_is_open_with_voting():
    call = Challenge.objects.get(title="Schools for climate repair")
    now = timezone.now()
    assert call.kind == "call" and call.timezone == "America/Sao_Paulo"
    assert call.accepts_submissions(now) and call.voting_is_open(now)
    assert timedelta(days=38) < call.closes_at - now < timedelta(days=44)
    assert call.questions.filter(kind="project").exists()
    assert call.submissions.submitted().count() == 3
    assert call.submissions.filter(status="draft").count() == 1
    assert Vote.objects.filter(submission__challenge=call).exists()
    assert not Vote.objects.filter(submission__challenge=call, submission__status="draft").exists()


def check_both_are_found_by_the_search():
    assert titles(search(None, q="Little Prince", type="challenge")) == [
        "The Little Prince is back"
    ]
    assert titles(search(None, q="climate repair", type="challenge")) == [
        "Schools for climate repair"
    ]
