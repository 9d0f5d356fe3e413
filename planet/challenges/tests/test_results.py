"""Finalising the results, the results page and the gallery: who sees what, and when."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_image, make_user
from planet.challenges.models import Answer, Outcome, Vote
from planet.challenges.tests.factories import (
    add_question,
    make_challenge,
    make_entry,
    seat_juror,
)
from planet.moderation.models import AuditLog
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def reviewed_contest(organiser, organisation, **extra):
    """A contest whose review phase ended yesterday; results are announced in two days."""
    now = timezone.now()
    extra.setdefault("opens_at", now - timedelta(days=40))
    extra.setdefault("closes_at", now - timedelta(days=30))
    extra.setdefault("review_ends_at", now - timedelta(days=1))
    extra.setdefault("results_at", now + timedelta(days=2))
    return make_challenge(organiser, organisation=organisation, **extra)


@pytest.fixture
def contest(org_admin, organisation):
    challenge = reviewed_contest(org_admin, organisation)
    add_question(challenge, "Your story", word_limit=2000)
    return challenge


@pytest.fixture
def people(db):
    return {
        "juror": make_user("juror@example.org", "Jules Juror"),
        "entrant": make_user("entrant@example.org", "Nour Entrant"),
        "shy": make_user("shy@example.org", "Sami Shy"),
        "other": make_user("other@example.org", "Oona Other"),
    }


@pytest.fixture
def entries(contest, people):
    seat_juror(contest, people["juror"])
    withdrawn = make_entry(contest, make_user("w@example.org"), title="Gone volcano",
                           outcome=Outcome.SELECTED)  # fmt: skip
    withdrawn.status = "withdrawn"
    withdrawn.save()
    return {
        "winner": make_entry(contest, people["entrant"], title="Baobabs on the roof",
                             outcome=Outcome.WINNER),
        "selected": make_entry(contest, people["other"], title="The fox and the river",
                               outcome=Outcome.SELECTED),
        "shy": make_entry(contest, people["shy"], title="A secret rose",
                          outcome=Outcome.SELECTED, consent_to_publish=False),
        "undecided": make_entry(contest, make_user("u@example.org"), title="Planet of lamps"),
        "draft": make_entry(contest, make_user("d@example.org"), title="Unfinished asteroid",
                            submitted=False, outcome=Outcome.WINNER),
        "withdrawn": withdrawn,
    }  # fmt: skip


def publish(challenge):
    challenge.results_finalised_at = challenge.results_published_at = timezone.now()
    challenge.save()


# Finalising ----------------------------------------------------------------------------


def test_the_organiser_finalises_undecided_entries_become_not_selected_and_a_task_waits(
    contest, entries, org_admin
):
    from django_tasks_db.models import DBTaskResult

    client = client_for(org_admin)
    page = client.get(f"/challenges/{contest.slug}/finalise/")
    assert page.status_code == 200 and page.context["problems"] == []
    response = client.post(f"/challenges/{contest.slug}/finalise/", {"action": "finalise"})
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.results_finalised_at is not None and contest.results_published_at is None
    entries["undecided"].refresh_from_db()
    assert entries["undecided"].outcome == Outcome.NOT_SELECTED
    entries["draft"].refresh_from_db()
    assert entries["draft"].outcome == Outcome.WINNER  # drafts are not part of the contest
    task = DBTaskResult.objects.get(task_path="planet.challenges.tasks.publish_results")
    assert task.run_after == contest.results_at and task.args_kwargs["args"] == [contest.pk]
    log = AuditLog.objects.get(action="challenge.results_finalised")
    assert log.actor == org_admin and log.details["marked_not_selected"] == 1


@pytest.mark.parametrize("who", ["editor", "curator"])
def test_editors_of_the_organiser_and_curators_may_finalise(contest, entries, cast, who):
    response = client_for(cast[who]).post(f"/challenges/{contest.slug}/finalise/")
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["outsider", "member"])
def test_others_may_not_finalise(contest, entries, cast, who):
    client = client_for(cast[who])
    assert client.get(f"/challenges/{contest.slug}/finalise/").status_code == 403
    assert client.post(f"/challenges/{contest.slug}/finalise/").status_code == 403
    contest.refresh_from_db()
    assert contest.results_finalised_at is None


def test_jurors_and_entrants_may_not_finalise_and_anonymous_visitors_are_sent_to_log_in(
    contest, entries, people
):
    for user in (people["juror"], people["entrant"]):
        assert client_for(user).post(f"/challenges/{contest.slug}/finalise/").status_code == 403
    response = client_for(None).post(f"/challenges/{contest.slug}/finalise/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    contest.refresh_from_db()
    assert contest.results_finalised_at is None


def test_finalising_before_the_review_ends_is_refused_with_the_reason(
    org_admin, organisation, people
):
    challenge = reviewed_contest(
        org_admin, organisation, review_ends_at=timezone.now() + timedelta(hours=1)
    )
    make_entry(challenge, people["entrant"], outcome=Outcome.WINNER)
    response = client_for(org_admin).post(f"/challenges/{challenge.slug}/finalise/")
    assert response.status_code == 400
    assert "The review phase ends on" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.results_finalised_at is None
    assert not AuditLog.objects.filter(action="challenge.results_finalised").exists()


def test_finalising_without_a_winner_or_selected_entry_is_refused(contest, org_admin, people):
    undecided = make_entry(contest, people["entrant"])
    response = client_for(org_admin).post(f"/challenges/{contest.slug}/finalise/")
    assert response.status_code == 400
    assert "Choose at least one winner or selected entry first." in response.content.decode()
    contest.refresh_from_db()
    undecided.refresh_from_db()
    assert contest.results_finalised_at is None and undecided.outcome == Outcome.PENDING


def test_finalised_results_can_be_reopened_until_published(contest, entries, org_admin):
    client = client_for(org_admin)
    client.post(f"/challenges/{contest.slug}/finalise/")
    response = client.post(f"/challenges/{contest.slug}/finalise/", {"action": "reopen"})
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.results_finalised_at is None
    assert AuditLog.objects.filter(action="challenge.results_reopened").exists()
    publish(contest)
    response = client.post(f"/challenges/{contest.slug}/finalise/", {"action": "reopen"})
    assert response.status_code == 400
    assert "can no longer be reopened" in response.content.decode()
    contest.refresh_from_db()
    assert contest.results_finalised_at is not None


def test_finalising_twice_is_refused(contest, entries, org_admin):
    client = client_for(org_admin)
    client.post(f"/challenges/{contest.slug}/finalise/")
    response = client.post(f"/challenges/{contest.slug}/finalise/")
    assert response.status_code == 400
    assert "already finalised" in response.content.decode()


# The results page ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_results_are_hidden_from_everyone_but_organisers_before_publication(
    contest, entries, cast, who
):
    client = client_for(cast[who])
    assert client.get(f"/challenges/{contest.slug}/results/").status_code == 404
    assert client.get(f"/challenges/{contest.slug}/gallery/").status_code == 404


def test_jurors_and_entrants_do_not_see_results_before_publication(contest, entries, people):
    contest.results_finalised_at = timezone.now()
    contest.save()
    for user in (people["juror"], people["entrant"]):
        assert client_for(user).get(f"/challenges/{contest.slug}/results/").status_code == 404
        assert client_for(user).get(f"/challenges/{contest.slug}/gallery/").status_code == 404


def test_organisers_see_a_preview_marked_as_such(contest, entries, org_admin):
    response = client_for(org_admin).get(f"/challenges/{contest.slug}/results/")
    assert response.status_code == 200 and response.context["preview"]
    assert "Preview for the organisers" in response.content.decode()
    gallery = client_for(org_admin).get(f"/challenges/{contest.slug}/gallery/")
    assert gallery.status_code == 200 and "Preview for the organisers" in gallery.content.decode()
    assert [e.title for e in gallery.context["page"]] == [
        "Baobabs on the roof",
        "The fox and the river",
    ]


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member"])
def test_published_results_name_consenting_winners_then_selected_entries(
    contest, entries, cast, who
):
    publish(contest)
    response = client_for(cast[who]).get(f"/challenges/{contest.slug}/results/")
    assert response.status_code == 200 and not response.context["preview"]
    page = response.content.decode()
    results = response.context["results"]
    assert [e.title for e in results.named] == ["Baobabs on the roof", "The fox and the river"]
    assert results.unnamed_count == 1 and results.entries_count == 4
    assert page.index("Baobabs on the roof") < page.index("The fox and the river")
    assert "by Nour Entrant" in page and "by Oona Other" in page
    for hidden in ("A secret rose", "Sami Shy", "Unfinished asteroid", "Gone volcano"):
        assert hidden not in page
    assert "One more entry was selected; its author chose not to publish it." in page
    assert "4 entries were submitted." in page
    assert "Jules Juror" in page  # the jury is named
    assert "Preview" not in page


def test_a_draft_challenge_has_no_public_results(org_admin, organisation, people):
    challenge = reviewed_contest(org_admin, organisation, status="draft")
    make_entry(challenge, people["entrant"], outcome=Outcome.WINNER)
    publish(challenge)
    assert client_for(None).get(f"/challenges/{challenge.slug}/results/").status_code == 404


def test_blind_review_hides_names_in_the_organisers_preview_when_they_sit_on_the_jury(
    org_admin, organisation, people
):
    challenge = reviewed_contest(org_admin, organisation, blind_review=True)
    make_entry(challenge, people["entrant"], title="Baobabs", outcome=Outcome.WINNER)
    seat_juror(challenge, org_admin)
    page = client_for(org_admin).get(f"/challenges/{challenge.slug}/results/")
    assert "Nour Entrant" not in page.content.decode() and "Entry " in page.content.decode()
    publish(challenge)
    assert (
        "Nour Entrant"
        in client_for(None).get(f"/challenges/{challenge.slug}/results/").content.decode()
    )


def test_public_vote_counts_show_once_voting_closed(contest, entries, people):
    now = timezone.now()
    contest.voting_opens_at = now - timedelta(days=35)
    contest.voting_closes_at = now - timedelta(days=3)
    contest.save()
    for voter in ("juror", "other", "shy"):
        Vote.objects.create(submission=entries["selected"], voter=people[voter])
    Vote.objects.create(submission=entries["undecided"], voter=people["juror"])
    Vote.objects.create(submission=entries["shy"], voter=people["juror"])  # not offered
    publish(contest)
    response = client_for(None).get(f"/challenges/{contest.slug}/results/")
    top = response.context["results"].top_voted
    assert [(e.title, e.vote_count) for e in top] == [
        ("The fox and the river", 3),
        ("Planet of lamps", 1),
    ]
    assert "3 votes" in response.content.decode()


def test_no_vote_section_while_voting_is_open(contest, entries, people):
    contest.voting_opens_at = timezone.now() - timedelta(days=1)
    contest.voting_closes_at = timezone.now() + timedelta(days=1)
    contest.save()
    Vote.objects.create(submission=entries["selected"], voter=people["juror"])
    publish(contest)
    response = client_for(None).get(f"/challenges/{contest.slug}/results/")
    assert response.context["results"].top_voted == []
    assert "Public vote</h2>" not in response.content.decode()


def _query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_results_page_costs_the_same_for_2_or_12_entries(
    contest, entries, people, django_assert_max_num_queries
):
    contest.voting_opens_at = timezone.now() - timedelta(days=35)
    contest.voting_closes_at = timezone.now() - timedelta(days=3)
    contest.save()
    publish(contest)
    client = client_for(people["other"])
    url = f"/challenges/{contest.slug}/results/"
    baseline = _query_count(client, url)
    for n in range(10):
        entrant = make_user(f"more{n}@example.org")
        entry = make_entry(contest, entrant, title=f"More {n}", outcome=Outcome.SELECTED)
        Vote.objects.create(submission=entry, voter=entrant)
        seat_juror(contest, make_user(f"juror{n}@example.org"))
    assert _query_count(client, url) == baseline
    with django_assert_max_num_queries(12):
        client.get(url)


# The gallery -----------------------------------------------------------------------------


def test_the_gallery_shows_selected_consenting_entries_in_full(contest, entries, people, org_admin):
    picture = add_question(contest, "An illustration", kind="file", file_kinds=["picture"],
                           required=False)  # fmt: skip
    document = add_question(contest, "Notes", kind="file", file_kinds=["pdf"], required=False)
    link = add_question(contest, "A link", kind="link", required=False)
    age = add_question(contest, "Your age", kind="single_choice", choices=["8-11", "12-15"])
    project = add_question(contest, "Your project", kind="project", required=False)
    winner = entries["winner"]
    story = winner.answers.get()
    story.text = "First <b>paragraph</b>.\n\nSecond paragraph."
    story.save()
    Answer.objects.create(submission=winner, question=picture, file_type="png",
                          file=ContentFile(make_image(), name="rose.png"))  # fmt: skip
    Answer.objects.create(submission=winner, question=document, file_type="pdf",
                          file=ContentFile(b"%PDF-1.4 notes", name="notes.pdf"))  # fmt: skip
    Answer.objects.create(submission=winner, question=link, url="https://example.org/rose")
    Answer.objects.create(submission=winner, question=age, choices=["12-15"])
    draft = make_project(org_admin, title="Hidden draft project", status="draft")
    Answer.objects.create(submission=winner, question=project, project=draft)
    publish(contest)
    response = client_for(None).get(f"/challenges/{contest.slug}/gallery/")
    page = response.content.decode()
    assert [e.title for e in response.context["page"]] == [
        "Baobabs on the roof",
        "The fox and the river",
    ]
    assert (
        "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p>" in page and "<p>Second paragraph.</p>" in page
    )
    assert '<img class="gallery-picture" src="/media/entries/' in page
    assert "download>Download the file (PDF)" in page
    assert 'href="https://example.org/rose"' in page and "12-15" in page
    assert "Hidden draft project" not in page
    for hidden in ("A secret rose", "Unfinished asteroid", "Gone volcano", "Planet of lamps"):
        assert hidden not in page


def test_the_gallery_is_paginated_and_costs_the_same_whatever_its_size(contest, entries, people):
    publish(contest)
    client = client_for(None)
    url = f"/challenges/{contest.slug}/gallery/"
    baseline = _query_count(client, url)
    for n in range(14):
        make_entry(contest, make_user(f"g{n}@example.org"), title=f"Story {n:02}",
                   outcome=Outcome.SELECTED)  # fmt: skip
    assert _query_count(client, url) == baseline
    first = client.get(url)
    assert len(first.context["page"]) == 10 and first.context["page"].paginator.count == 16
    second = client.get(url, {"page": 2})
    assert len(second.context["page"]) == 6
