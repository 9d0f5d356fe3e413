"""RSS and Atom feeds of all stories, of one kind and of one SDG: valid (feedparser reads them
without complaint), with absolute links, dates, authors and categories; drafts, submissions and
hidden stories never appear; a feed costs the same whatever the number of stories."""

from datetime import timedelta

import feedparser
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.stories.models import StoryKind, StoryStatus
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db

FEEDS = [
    "/stories/feed/rss/",
    "/stories/feed/atom/",
    "/stories/kind/essay/feed/rss/",
    "/stories/kind/essay/feed/atom/",
    "/stories/sdg/14/feed/rss/",
    "/stories/sdg/14/feed/atom/",
]


@pytest.fixture
def author(db):
    return make_user("author@example.org", "Ana Author")


@pytest.fixture
def shelf(author):
    now = timezone.now()
    make_story(author, title="Ocean news", goals=[14], published_at=now - timedelta(days=1))
    make_story(author, title="Essay on water", kind=StoryKind.ESSAY, goals=[6, 14])
    make_story(author, title="Essay on fire", kind=StoryKind.ESSAY, published_at=now - timedelta(2))
    make_story(author, title="Draft essay", kind="essay", goals=[14], status=StoryStatus.DRAFT)
    make_story(author, title="Sent essay", kind="essay", goals=[14], status=StoryStatus.SUBMITTED)
    hidden = make_story(author, title="Hidden essay", kind=StoryKind.ESSAY, goals=[14])
    hidden.hidden_at = timezone.now()
    hidden.save()


def parse(url):
    response = client_for(None).get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_is_valid_and_complete(shelf, url):
    response, feed = parse(url)
    kind = "atom" if "atom" in url else "rss"
    assert response["Content-Type"].startswith(f"application/{kind}+xml")
    assert feed.version.startswith(kind)
    assert feed.entries and feed.feed.link.startswith(settings.SITE_URL)
    for entry in feed.entries:
        assert entry.title and entry.link.startswith(settings.SITE_URL + "/stories/")
        assert entry.published_parsed and entry.summary
        assert entry.author == "Ana Author"
    titles = [entry.title for entry in feed.entries]
    assert not {"Draft essay", "Sent essay", "Hidden essay"} & set(titles)


def test_each_feed_lists_its_own_stories_newest_first(shelf):
    assert [e.title for e in parse("/stories/feed/atom/")[1].entries] == [
        "Essay on water",
        "Ocean news",
        "Essay on fire",
    ]
    assert [e.title for e in parse("/stories/kind/essay/feed/rss/")[1].entries] == [
        "Essay on water",
        "Essay on fire",
    ]
    assert [e.title for e in parse("/stories/sdg/14/feed/rss/")[1].entries] == [
        "Essay on water",
        "Ocean news",
    ]


def test_entries_carry_dates_and_categories(shelf):
    entry = parse("/stories/feed/atom/")[1].entries[0]
    assert entry.title == "Essay on water" and entry.updated_parsed
    terms = {tag.term for tag in entry.tags}
    assert "Essay" in terms and any(term.startswith("SDG 14") for term in terms)


@pytest.mark.parametrize("url", ["/stories/kind/poem/feed/rss/", "/stories/sdg/18/feed/atom/"])
def test_unknown_kinds_and_goals_are_404(url):
    assert client_for(None).get(url).status_code == 404


def test_an_empty_feed_is_still_valid(db):
    assert parse("/stories/feed/rss/")[1].entries == []


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_costs_the_same_for_2_or_20_stories(author, url, django_assert_num_queries):
    def add(count, offset):
        for number in range(offset, offset + count):
            person = make_user(f"w{number}@example.org", f"Writer {number}")
            make_story(person, title=f"Story {number}", kind="essay", goals=[14, 1 + number % 17])

    client = client_for(None)
    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(18, 2)
    with django_assert_num_queries(len(few)):
        assert len(feedparser.parse(client.get(url).content).entries) == 20
