"""The challenge list and page, and publishing: who sees what, in which order, at what cost."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for, make_user
from planet.challenges.models import Challenge, ChallengeStatus
from planet.challenges.presenters import duration_text
from planet.challenges.tests.factories import add_question, make_challenge, make_entry
from planet.moderation.models import AuditLog
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)  # 12:00 in Paris (summer time)
ORGANISERS = ["owner", "org_admin", "editor", "curator", "site_admin"]
OTHERS = ["anonymous", "outsider", "member"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def people(cast, owner):
    return {**cast, "owner": owner}


@pytest.fixture
def challenge(owner, organisation):
    challenge = make_challenge(
        owner,
        organisation=organisation,
        opens_at=datetime.datetime(2026, 5, 1, 8, 0, tzinfo=UTC),
        closes_at=datetime.datetime(2026, 6, 3, 13, 30, tzinfo=UTC),
        description="Write **a story** of the Little Prince's return.",
        prizes="Publication in *the anthology*.",
        min_age=12,
        max_age=18,
        countries=["FR", "SN"],
    )
    challenge.goals.set(Goal.objects.filter(number__in=[4, 13]))
    add_question(challenge, "Your story", word_limit=2000)
    add_question(challenge, "Category", kind="single_choice", choices=["Poem", "Tale"])
    return challenge


def _upcoming(owner, opens_at, **extra):
    return make_challenge(
        owner, opens_at=opens_at, closes_at=opens_at + datetime.timedelta(days=30), **extra
    )


def _draft(owner, organisation, title="A secret draft"):
    return make_challenge(owner, organisation=organisation, title=title, status="draft")


# The list ----------------------------------------------------------------------------------


def test_list_shows_open_challenges_first_then_upcoming_then_closed(owner):
    hours = datetime.timedelta(hours=1)
    closed = make_challenge(
        owner, title="Closed", opens_at=NOW - 900 * hours, closes_at=NOW - 100 * hours
    )
    later = _upcoming(owner, NOW + 400 * hours, title="Opens later")
    sooner = _upcoming(owner, NOW + 200 * hours, title="Opens sooner")
    open_long = make_challenge(owner, title="Open long", closes_at=NOW + 500 * hours)
    open_short = make_challenge(owner, title="Open short", closes_at=NOW + 5 * hours)

    page = client_for(None).get(reverse("challenges:list")).content.decode()

    titles = [c.title for c in (open_short, open_long, sooner, later, closed)]
    positions = [page.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert "Open for submissions" in page and "Opens soon" in page


def test_list_filters_by_kind_and_phase_in_the_url(owner):
    make_challenge(owner, title="A writing contest", kind="contest")
    make_challenge(owner, title="A call for projects", kind="call")
    _upcoming(owner, NOW + datetime.timedelta(days=1), title="Upcoming call", kind="call")
    client = client_for(None)

    calls = client.get(reverse("challenges:list"), {"kind": "call"}).content.decode()
    assert "A call for projects" in calls and "Upcoming call" in calls
    assert "A writing contest" not in calls
    open_calls = client.get(reverse("challenges:list"), {"kind": "call", "phase": "open"})
    assert "A call for projects" in open_calls.content.decode()
    assert "Upcoming call" not in open_calls.content.decode()
    nonsense = client.get(reverse("challenges:list"), {"phase": "nonsense"})
    assert nonsense.status_code == 200 and "A writing contest" in nonsense.content.decode()


def test_drafts_are_listed_only_for_those_who_run_them(people, owner, organisation):
    _draft(owner, organisation)
    for name, user in people.items():
        page = client_for(user).get(reverse("challenges:list")).content.decode()
        shown = "A secret draft" in page
        assert shown == (name in {"owner", "org_admin", "editor"}), name
        if shown:
            assert "Draft: only its organisers see it" in page


def test_create_button_shows_for_curators_and_organisation_admins_and_editors(people):
    for name, user in people.items():
        page = client_for(user).get(reverse("challenges:list")).content.decode()
        assert (reverse("challenges:create") in page) == (
            name in {"org_admin", "editor", "curator", "site_admin"}
        ), name


def test_list_is_paginated(owner):
    for number in range(26):
        make_challenge(owner, title=f"Contest {number}")
    client = client_for(None)
    first = client.get(reverse("challenges:list")).content.decode()
    second = client.get(reverse("challenges:list"), {"page": 2}).content.decode()
    assert "26 challenges" in first and "Page 1 of 2" in first
    assert len(re.findall('class="card challenge-card"', first)) == 24
    assert len(re.findall('class="card challenge-card"', second)) == 2


@pytest.mark.parametrize("viewer", ["anonymous", "editor"])
def test_the_list_costs_the_same_for_5_or_20_challenges(
    people, viewer, organisation, django_assert_num_queries
):
    goals = list(Goal.objects.filter(number__in=[4, 5, 13]))

    def add(count):
        for number in range(count):
            challenge = make_challenge(
                people["owner"], title=f"Contest {number}", organisation=organisation
            )
            challenge.goals.set(goals)

    add(5)
    client = client_for(people[viewer])
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(reverse("challenges:list")).status_code == 200
    add(15)
    with django_assert_num_queries(len(baseline.captured_queries)):
        page = client.get(reverse("challenges:list"))
    assert page.content.decode().count('class="card challenge-card"') == 20


# The challenge page ------------------------------------------------------------------------


def test_page_shows_description_eligibility_questions_and_prizes(challenge):
    page = client_for(None).get(challenge.get_absolute_url()).content.decode()
    assert "<strong>a story</strong>" in page
    assert "<em>the anthology</em>" in page
    assert "Aged 12 to 18" in page and "France" in page and "Senegal" in page
    assert "Your story" in page and "at most 2000 words" in page
    assert "Poem" in page and "Tale" in page
    assert '"@type": "Event"' in page


def test_dates_show_in_the_viewers_zone_and_the_organisers(challenge, outsider):
    outsider.profile.timezone = "America/New_York"
    outsider.profile.save()
    page = client_for(outsider).get(challenge.get_absolute_url()).content.decode()
    # Closes 13:30 UTC = 9:30 in New York (EDT), 15:30 in Paris (CEST).
    assert '<time datetime="2026-06-03T13:30:00+00:00">June 3, 2026, 9:30 a.m.</time>' in page
    assert "June 3, 2026, 3:30 p.m. in Europe/Paris, the organiser's time" in page
    assert "America/New_York" in page


def test_organiser_zone_is_not_repeated_when_it_is_the_viewers(challenge, outsider):
    outsider.profile.timezone = "Europe/Paris"
    outsider.profile.save()
    page = client_for(outsider).get(challenge.get_absolute_url()).content.decode()
    assert "June 3, 2026, 3:30 p.m." in page
    assert "the organiser's time" not in page


def test_countdown_to_the_next_deadline_is_written_by_the_server(challenge):
    page = client_for(None).get(challenge.get_absolute_url()).content.decode()
    # From 1 June 10:00 to 3 June 13:30 UTC: 2 days 3 hours (and 30 minutes, rounded down).
    assert 'data-countdown="2026-06-03T13:30:00+00:00"' in page
    assert 'Submissions close in <strong class="countdown-left">2 days 3 hours</strong>' in page
    assert "js/countdown.js" in page
    assert "<script>" not in page  # the site's CSP forbids inline scripts


def test_countdown_before_opening_counts_to_the_opening(owner):
    upcoming = _upcoming(owner, NOW + datetime.timedelta(minutes=42))
    page = client_for(None).get(upcoming.get_absolute_url()).content.decode()
    assert "Submissions open in" in page and "42 minutes" in page
    assert "Entries are not accepted yet." in page


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (datetime.timedelta(days=2, hours=3, minutes=30), "2 days 3 hours"),
        (datetime.timedelta(days=1), "1 day"),
        (datetime.timedelta(hours=5, minutes=12, seconds=59), "5 hours 12 minutes"),
        (datetime.timedelta(hours=1), "1 hour"),
        (datetime.timedelta(seconds=20), "1 minute"),
    ],
)
def test_duration_words(left, words):
    assert duration_text(left) == words


def test_enter_button_for_members_and_sign_in_link_for_anonymous(challenge, outsider):
    enter = reverse("challenges:enter", args=[challenge.slug])
    signed_in = client_for(outsider).get(challenge.get_absolute_url()).content.decode()
    assert f'action="{enter}"' in signed_in
    anonymous = client_for(None).get(challenge.get_absolute_url()).content.decode()
    assert f'action="{enter}"' not in anonymous
    assert "Sign in to enter" in anonymous


def test_no_enter_button_once_closed_or_when_entries_are_used_up(challenge, outsider, clock):
    make_entry(challenge, outsider, submitted=False, title="My draft")
    enter = reverse("challenges:enter", args=[challenge.slug])
    page = client_for(outsider).get(challenge.get_absolute_url()).content.decode()
    assert f'action="{enter}"' not in page
    assert "as many entries as one person may" in page
    clock.move_to(challenge.closes_at)
    page = client_for(make_user("late@example.org")).get(challenge.get_absolute_url())
    assert f'action="{enter}"' not in page.content.decode()
    assert "Submissions are closed." in page.content.decode()


def test_own_entries_are_listed_with_links_and_others_are_not(challenge, outsider, member):
    mine = make_entry(challenge, outsider, submitted=False, title="My draft")
    make_entry(challenge, member, title="Someone else's entry")
    page = client_for(outsider).get(challenge.get_absolute_url()).content.decode()
    assert reverse("challenges:entry", args=[challenge.slug, mine.pk]) in page
    assert "My draft" in page and "Draft" in page
    assert "Someone else&#x27;s entry" not in page and "Someone else's entry" not in page


@pytest.mark.parametrize("name", ORGANISERS + OTHERS)
def test_drafts_are_seen_only_by_organisers_and_jurors(people, owner, organisation, name):
    draft = _draft(owner, organisation)
    response = client_for(people[name]).get(draft.get_absolute_url())
    assert response.status_code == (200 if name in ORGANISERS else 404)


def test_a_juror_sees_a_draft_challenge(owner, organisation, outsider):
    from planet.challenges.tests.factories import seat_juror

    draft = _draft(owner, organisation)
    seat_juror(draft, outsider)
    assert client_for(outsider).get(draft.get_absolute_url()).status_code == 200


def test_organiser_tabs_show_only_to_organisers(challenge, people):
    for name, user in people.items():
        page = client_for(user).get(challenge.get_absolute_url()).content.decode()
        edit = reverse("challenges:edit", args=[challenge.slug])
        assert (edit in page) == (name in ORGANISERS), name


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "editor"])
def test_the_page_costs_the_same_whatever_its_size(
    challenge, people, viewer, django_assert_num_queries
):
    client = client_for(people[viewer])
    user = people[viewer]
    if user:
        make_entry(challenge, user, submitted=False)
    with CaptureQueriesContext(connection) as baseline:
        assert client.get(challenge.get_absolute_url()).status_code == 200
    challenge.goals.set(Goal.objects.all())
    for number in range(8):
        add_question(
            challenge, f"Question {number}", kind="file", file_kinds=["pdf"], max_file_mb=5
        )
    if user:
        challenge.max_entries_per_person = 5
        challenge.save()
        for number in range(3):
            make_entry(challenge, user, title=f"Entry {number}")
    with django_assert_num_queries(len(baseline.captured_queries)):
        assert client.get(challenge.get_absolute_url()).status_code == 200


# Publishing --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ORGANISERS)
def test_organisers_publish_a_draft_with_questions(people, owner, organisation, name):
    draft = _draft(owner, organisation)
    add_question(draft)
    response = client_for(people[name]).post(reverse("challenges:publish", args=[draft.slug]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ChallengeStatus.PUBLISHED
    log = AuditLog.objects.get(action="challenge.publish")
    assert log.target_id == str(draft.pk) and log.actor == people[name]


def test_publishing_schedules_the_results(owner, organisation):
    from django_tasks_db.models import DBTaskResult

    draft = _draft(owner, organisation)
    add_question(draft)
    client_for(owner).post(reverse("challenges:publish", args=[draft.slug]))
    task = DBTaskResult.objects.get(task_path__endswith="publish_results")
    assert task.run_after == draft.results_at
    assert task.args_kwargs["args"] == [draft.pk]


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 302), ("outsider", 404), ("member", 404)]
)
def test_others_cannot_publish(people, owner, organisation, name, status):
    draft = _draft(owner, organisation)
    add_question(draft)
    response = client_for(people[name]).post(reverse("challenges:publish", args=[draft.slug]))
    assert response.status_code == status
    assert Challenge.objects.get(pk=draft.pk).status == ChallengeStatus.DRAFT
    assert not AuditLog.objects.exists()


def test_a_juror_may_see_but_not_publish(owner, organisation, outsider):
    from planet.challenges.tests.factories import seat_juror

    draft = _draft(owner, organisation)
    add_question(draft)
    seat_juror(draft, outsider)
    response = client_for(outsider).post(reverse("challenges:publish", args=[draft.slug]))
    assert response.status_code == 403
    assert Challenge.objects.get(pk=draft.pk).status == ChallengeStatus.DRAFT


def test_publishing_needs_a_question(owner, organisation):
    draft = _draft(owner, organisation)
    response = client_for(owner).post(reverse("challenges:publish", args=[draft.slug]), follow=True)
    assert "Add at least one question" in response.content.decode()
    assert Challenge.objects.get(pk=draft.pk).status == ChallengeStatus.DRAFT
    assert not AuditLog.objects.exists()


def test_publish_answers_only_post(owner, organisation):
    draft = _draft(owner, organisation)
    response = client_for(owner).get(reverse("challenges:publish", args=[draft.slug]))
    assert response.status_code == 405


def test_main_navigation_links_to_challenges():
    page = client_for(None).get(reverse("challenges:list")).content.decode()
    assert f'<a href="{reverse("challenges:list")}">Challenges</a>' in page


def test_filtering_with_htmx_answers_only_the_results(owner):
    make_challenge(owner, title="A writing contest")
    response = client_for(None).get(reverse("challenges:list"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="challenge-results"')
    assert "A writing contest" in html and "<html" not in html
    assert "HX-Request" in response["Vary"]
