"""Jurors' pages: their list, the review form (scale, completeness, deadline), conflicts of
interest, blind review, and other jurors' scores kept hidden until the review phase ends."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from planet.challenges.assignment import assign_reviewers
from planet.challenges.models import Assignment, Score
from planet.challenges.tests.factories import review
from planet.challenges.tests.jury_setup import ROLES, client_as, make_contest

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def contest(cast, organisation):
    """Two jurors, both assigned both entries (two reviews per entry)."""
    contest = make_contest(cast, organisation, reviews_per_submission=2)
    assign_reviewers(contest.challenge)
    contest.mine = Assignment.objects.get(
        juror=contest.jurors[0], submission=contest.entries[0]
    )  # juror 1 on Story 1 (by Ella Entrant)
    contest.theirs = Assignment.objects.get(juror=contest.jurors[1], submission=contest.entries[0])
    return contest


def review_url(contest, assignment=None, suffix=""):
    assignment = assignment or contest.mine
    return f"/challenges/{contest.challenge.slug}/reviews/{assignment.pk}/{suffix}"


def scores(contest, values, comments=("", "", ""), comment="", action="save"):
    data = {"comment": comment, action: "1"}
    for criterion, value, note in zip(contest.criteria, values, comments, strict=True):
        data[f"score_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = note
    return data


# Who sees what


@pytest.mark.parametrize("role", ROLES)
def test_my_reviews_is_for_jurors(contest, role):
    response = client_as(contest, role).get(f"/challenges/{contest.challenge.slug}/reviews/")
    expected = {"juror": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected
    if role == "juror":
        page = response.content.decode()
        assert "Story 1" in page and "Story 2" in page and "2 reviews to do" in page
        assert "Ella Entrant" in page  # no blind review


@pytest.mark.parametrize("role", ROLES)
def test_review_page_is_for_its_juror_and_the_organisers(contest, role):
    response = client_as(contest, role).get(review_url(contest))
    expected = {"juror": 200, "organiser": 200, "curator": 200, "anonymous": 302}.get(role, 404)
    assert response.status_code == expected
    if expected == 200:
        assert "Once upon Story 1." in response.content.decode()  # the entry's answer


def test_another_juror_cannot_open_my_review(contest):
    other = contest.users["juror"]  # juror 1 tries juror 2's review of the same entry
    assert other == contest.juror_users[0]
    assert client_as(contest, "juror").get(review_url(contest, contest.theirs)).status_code == 404


def test_organisers_read_but_do_not_score(contest):
    response = client_as(contest, "organiser").post(review_url(contest), scores(contest, [5, 5, 5]))
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_blind_review_hides_the_entrant_from_the_juror(contest):
    contest.challenge.blind_review = True
    contest.challenge.save()
    client = client_as(contest, "juror")
    for page_url in [review_url(contest), f"/challenges/{contest.challenge.slug}/reviews/"]:
        page = client.get(page_url).content.decode()
        assert "Story 1" in page
        assert "Ella Entrant" not in page and "entrant@example.org" not in page
    # Organisers who are not on the jury still see who wrote it.
    assert (
        "Ella Entrant" in client_as(contest, "organiser").get(review_url(contest)).content.decode()
    )


def test_blind_review_hides_the_name_given_to_an_uploaded_file(contest):
    from django.core.files.base import ContentFile

    from planet.challenges.models import Answer
    from planet.challenges.tests.factories import add_question

    question = add_question(contest.challenge, "Illustration", "file", file_kinds=["pdf"])
    answer = Answer(
        submission=contest.entries[0],
        question=question,
        file_type="pdf",
        original_name="ella-entrant-drawing.pdf",
    )
    answer.file.save("ella-entrant-drawing.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    contest.challenge.blind_review = True
    contest.challenge.save()
    page = client_as(contest, "juror").get(review_url(contest)).content.decode()
    assert "ella-entrant" not in page
    assert "attachment-2.pdf" in page
    contest.challenge.blind_review = False
    contest.challenge.save()
    page = client_as(contest, "juror").get(review_url(contest)).content.decode()
    assert "ella-entrant-drawing.pdf" in page


# Scoring


def test_saving_a_draft_then_submitting(contest):
    client = client_as(contest, "juror")
    response = client.post(review_url(contest), scores(contest, [7, "", 3], ("Vivid", "", "")))
    assert response.status_code == 302
    contest.mine.refresh_from_db()
    assert contest.mine.completed_at is None
    assert {s.criterion.name: (s.value, s.comment) for s in contest.mine.scores.all()} == {
        "Criterion 1": (7, "Vivid"),
        "Criterion 3": (3, ""),
    }
    response = client.post(
        review_url(contest), scores(contest, [8, 6, 4], comment="Lovely rose.", action="submit")
    )
    assert response.status_code == 302
    contest.mine.refresh_from_db()
    assert contest.mine.completed_at is not None and contest.mine.comment == "Lovely rose."
    assert sorted(contest.mine.scores.values_list("value", flat=True)) == [4, 6, 8]


def test_submitting_needs_every_criterion(contest):
    response = client_as(contest, "juror").post(
        review_url(contest), scores(contest, [7, "", 3], action="submit")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Criterion 2”: give a score to submit the review." in page
    assert "Nothing was saved" in page
    assert not Score.objects.exists()
    contest.mine.refresh_from_db()
    assert contest.mine.completed_at is None


@pytest.mark.parametrize("bad", ["11", "-1", "7.5", "ten"])
def test_a_score_outside_the_scale_names_the_criterion_and_saves_nothing(contest, bad):
    review(contest.jurors[0], contest.entries[0], [1, 1, 1], complete=False)
    response = client_as(contest, "juror").post(
        review_url(contest), scores(contest, [9, bad, 9], comment="changed")
    )
    assert response.status_code == 400
    assert (
        "Criterion 2”: the score must be a whole number from 0 to 10." in response.content.decode()
    )
    assert sorted(contest.mine.scores.values_list("value", flat=True)) == [1, 1, 1]
    contest.mine.refresh_from_db()
    assert contest.mine.comment == ""


def test_no_review_is_submitted_without_a_rubric(contest):
    contest.challenge.criteria.all().delete()
    response = client_as(contest, "juror").post(review_url(contest), {"submit": "1"})
    assert response.status_code == 400
    assert "have not defined the rubric yet" in response.content.decode()
    contest.mine.refresh_from_db()
    assert contest.mine.completed_at is None


def test_a_completed_review_stays_complete(contest):
    review(contest.jurors[0], contest.entries[0], [5, 5, 5])
    response = client_as(contest, "juror").post(review_url(contest), scores(contest, [5, "", 5]))
    assert response.status_code == 400  # "Save" on a submitted review needs every score too
    assert contest.mine.scores.count() == 3


def test_reviews_close_at_the_end_of_the_review_phase_to_the_minute(contest):
    challenge = contest.challenge
    soon = timezone.now().astimezone(PARIS) + datetime.timedelta(days=2)
    ends = soon.replace(hour=23, minute=59, second=0, microsecond=0)  # a Paris deadline
    challenge.review_ends_at = ends
    challenge.results_at = ends + datetime.timedelta(days=9)
    challenge.save()
    client = client_as(contest, "juror")
    with time_machine.travel(ends - datetime.timedelta(minutes=1), tick=False):
        response = client.post(review_url(contest), scores(contest, [5, 5, 5], action="submit"))
        assert response.status_code == 302
    assert contest.mine.scores.count() == 3
    with time_machine.travel(ends, tick=False):
        response = client.post(review_url(contest), scores(contest, [9, 9, 9]), follow=True)
        assert "The review phase has ended" in response.content.decode()
        page = client.get(review_url(contest)).content.decode()
        assert "Submit the review" not in page
    assert sorted(contest.mine.scores.values_list("value", flat=True)) == [5, 5, 5]


# Other jurors' scores


def test_other_jurors_scores_are_hidden_until_the_review_phase_ends(contest):
    review(contest.jurors[1], contest.entries[0], [2, 3, 4], comment="SECRET-OPINION")
    Score.objects.filter(assignment=contest.theirs).update(comment="SECRET-NOTE")
    review(contest.jurors[0], contest.entries[0], [9, 9, 9])
    client = client_as(contest, "juror")
    slug = contest.challenge.slug
    pages_before = [
        client.get(review_url(contest)),
        client.get(f"/challenges/{slug}/reviews/"),
        client.get(f"/challenges/{slug}/entries/{contest.entries[0].pk}/"),
    ]
    for response in pages_before:
        page = response.content.decode()
        assert "SECRET-OPINION" not in page and "SECRET-NOTE" not in page
        assert "Juror Number2" not in page
    assert client.get(f"/challenges/{slug}/ranking/").status_code == 403
    assert client.get(f"/challenges/{slug}/export.csv").status_code == 403
    # Organisers read every completed review at any time.
    page = client_as(contest, "organiser").get(review_url(contest)).content.decode()
    assert "SECRET-OPINION" in page and "SECRET-NOTE" in page
    with time_machine.travel(contest.challenge.review_ends_at, tick=False):
        page = client.get(review_url(contest)).content.decode()
    assert "SECRET-OPINION" in page and "SECRET-NOTE" in page and "Juror Number2" in page
    assert "weighted score 2.60" in page  # (3·2 + 3 + 4) / 5


# Conflicts of interest


def test_declaring_a_conflict_reassigns_the_entry(cast, organisation):
    contest = make_contest(cast, organisation, jurors=3, reviews_per_submission=1)
    assign_reviewers(contest.challenge)
    mine = Assignment.objects.get(submission=contest.entries[0])
    me = next(user for user in contest.juror_users if user.pk == mine.juror.user_id)
    contest.users["juror"] = me
    review(mine.juror, contest.entries[0], [4, 4, 4], complete=False)
    response = client_as(contest, "juror").post(
        review_url(contest, mine, "conflict/"), {"reason": "She is my student."}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.conflict_declared_at and mine.conflict_reason == "She is my student."
    assert not mine.scores.exists()
    (replacement,) = contest.entries[0].assignments.active()
    assert replacement.juror.user_id != me.pk
    page = client_as(contest, "juror").get(review_url(contest, mine)).content.decode()
    assert "this review was set aside" in page


def test_a_conflict_needs_a_reason_and_the_assigned_juror(contest):
    client = client_as(contest, "juror")
    response = client.post(review_url(contest, suffix="conflict/"), {"reason": ""}, follow=True)
    assert "Say in a few words why" in response.content.decode()
    contest.mine.refresh_from_db()
    assert contest.mine.conflict_declared_at is None
    # Not my assignment: juror 1 cannot set juror 2's review aside.
    response = client.post(review_url(contest, contest.theirs, "conflict/"), {"reason": "x"})
    assert response.status_code == 404
    for role in ["outsider", "entrant", "organiser"]:
        response = client_as(contest, role).post(
            review_url(contest, suffix="conflict/"), {"reason": "x"}
        )
        assert response.status_code == 403, role
    assert not Assignment.objects.exclude(conflict_declared_at=None).exists()
