"""The list of stories with its filters, a story's page with its JSON-LD, the home section;
drafts and hidden stories stay out of sight; lists cost a fixed number of queries."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.stories.models import StoryKind, StoryStatus
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db
CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture
def author(db):
    return make_user("author@example.org", "Ana Author")


def titles(response) -> list[str]:
    return [story.title for story in response.context["stories"]]


def hide(story, note="Breaks the rules."):
    story.hidden_at, story.hidden_note = timezone.now(), note
    story.save()
    return story


@pytest.fixture
def shelf(author):
    now = timezone.now()
    make_story(author, title="Ocean news", goals=[14], published_at=now - timedelta(days=1))
    make_story(author, title="Essay on water", kind=StoryKind.ESSAY, goals=[6, 14])
    make_story(author, title="Nouvelles", content_language="fr", published_at=now - timedelta(3))
    make_story(author, title="A draft", status=StoryStatus.DRAFT)
    make_story(author, title="A submission", status=StoryStatus.SUBMITTED, kind="guest")
    hide(make_story(author, title="A hidden story"))


@pytest.mark.parametrize("who", CAST)
def test_the_list_shows_published_stories_only_newest_first(cast, shelf, who):
    response = client_for(cast[who]).get("/stories/")
    assert titles(response) == ["Essay on water", "Ocean news", "Nouvelles"]


def test_the_author_does_not_see_drafts_or_hidden_stories_in_the_public_list(author, shelf):
    assert titles(client_for(author).get("/stories/")) == [
        "Essay on water",
        "Ocean news",
        "Nouvelles",
    ]


def test_the_filters_are_kept_in_the_url(shelf):
    client = client_for(None)
    assert titles(client.get("/stories/", {"kind": "essay"})) == ["Essay on water"]
    assert titles(client.get("/stories/", {"goal": 14})) == ["Essay on water", "Ocean news"]
    assert titles(client.get("/stories/", {"goal": 14, "kind": "news"})) == ["Ocean news"]
    assert titles(client.get("/stories/", {"language": "fr"})) == ["Nouvelles"]
    assert titles(client.get("/stories/", {"kind": "nonsense"})) == [  # ignored, not an error
        "Essay on water",
        "Ocean news",
        "Nouvelles",
    ]
    page = client.get("/stories/", {"kind": "essay", "goal": 6}).content.decode()
    assert 'href="/stories/kind/essay/feed/rss/"' in page
    assert 'href="/stories/sdg/6/feed/atom/"' in page
    assert '<link rel="alternate" type="application/rss+xml"' in page


def test_the_list_is_paginated(author):
    for number in range(15):
        make_story(author, title=f"Story {number:02}")
    client = client_for(None)
    first, second = client.get("/stories/"), client.get("/stories/", {"page": 2})
    assert len(titles(first)) == 12 and len(titles(second)) == 3
    assert "?page=2" in first.content.decode()


def add_stories(count: int, offset: int) -> None:
    for number in range(offset, offset + count):
        person = make_user(f"writer{number}@example.org", f"Writer {number}")
        make_story(person, title=f"Story {number}", goals=[1 + number % 17, 4])


@pytest.mark.parametrize("url", ["/stories/", "/"])
@pytest.mark.parametrize("who", ["anonymous", "member", "curator"])
def test_the_list_and_the_home_page_cost_the_same_for_2_or_20_stories(
    request, django_assert_num_queries, who, url
):
    client = client_for(request.getfixturevalue(who))
    add_stories(2, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_stories(18, 2)
    with django_assert_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count('class="card story-card"') == (12 if url == "/stories/" else 4)


# A story's page ----------------------------------------------------------------------------


def test_the_page_shows_authors_date_sdgs_and_json_ld(author):
    story = make_story(author, title="Mangroves", goals=[13, 14], kind=StoryKind.NEWS)
    co_author = make_user("co@example.org", "Cody Coauthor")
    story.authors.add(co_author)
    page = client_for(None).get(story.get_absolute_url()).content.decode()
    assert "Ana Author" in page and "Cody Coauthor" in page
    assert page.index("Ana Author") < page.index("Cody Coauthor")  # who wrote it first
    assert 'class="sdg-tile sdg-13"' in page and "<strong>three</strong>" in page
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Mangroves"
    assert data["datePublished"] == story.published_at.isoformat()
    assert [person["name"] for person in data["author"]] == ["Ana Author", "Cody Coauthor"]
    assert data["inLanguage"] == "en" and data["url"].startswith("http")
    assert [thing["sameAs"] for thing in data["about"]] == [
        "http://metadata.un.org/sdg/13",
        "http://metadata.un.org/sdg/14",
    ]


@pytest.mark.parametrize(
    ("kind", "schema"),
    [("essay", "Article"), ("update", "BlogPosting"), ("guest", "Article")],
)
def test_each_kind_has_its_schema_type(author, kind, schema):
    story = make_story(author, kind=kind)
    page = client_for(None).get(story.get_absolute_url()).content.decode()
    assert f'"@type": "{schema}"' in page


def test_a_draft_has_no_json_ld_and_is_404_for_others(author, cast):
    story = make_story(author, status=StoryStatus.DRAFT)
    for who in ("anonymous", "outsider", "member", "editor", "org_admin"):
        assert client_for(cast[who]).get(story.get_absolute_url()).status_code == 404, who
    for who in (author, cast["curator"]):
        page = client_for(who).get(story.get_absolute_url()).content.decode()
        assert "application/ld+json" not in page and "Draft" in page


def test_a_hidden_story_is_404_for_others_and_shows_its_note_to_its_author(author, cast):
    story = hide(make_story(author, title="Rumours"), note="Unverified claims about a school.")
    for who in ("anonymous", "outsider", "member", "editor", "org_admin"):
        assert client_for(cast[who]).get(story.get_absolute_url()).status_code == 404, who
    page = client_for(author).get(story.get_absolute_url()).content.decode()
    assert "Hidden by the moderators." in page and "Unverified claims about a school." in page
    assert client_for(cast["curator"]).get(story.get_absolute_url()).status_code == 200
    assert "Rumours" not in client_for(None).get("/").content.decode()


def test_members_see_the_report_link_on_published_stories(author, member):
    story = make_story(author)
    assert "/moderation/" in client_for(member).get(story.get_absolute_url()).content.decode()
    assert (
        'class="flag-link"' not in client_for(None).get(story.get_absolute_url()).content.decode()
    )
    assert (
        'class="flag-link"' not in client_for(author).get(story.get_absolute_url()).content.decode()
    )


def test_the_home_page_shows_the_latest_four_stories(author):
    now = timezone.now()
    for number in range(6):
        make_story(author, title=f"Home story {number}", published_at=now - timedelta(hours=number))
    make_story(author, title="Home draft", status=StoryStatus.DRAFT)
    page = client_for(None).get("/").content.decode()
    assert "News and guest stories" in page
    shown = [f"Home story {number}" for number in range(6) if f"Home story {number}<" in page]
    assert shown == [f"Home story {number}" for number in range(4)]
    assert "Home draft" not in page
