"""The XSS payloads of the projects' test, typed into a guest story's title, summary and text,
render inert on every page that shows them (the story as its author, the editors' queue, the
author's list, the edit form; once published, the story, the list and the home page for
anybody) and stay text in the feeds."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from conftest import client_for
from planet.projects.tests.test_xss import EMBEDDING_TAGS, EVENT_HANDLER, HARMLESS, PAYLOADS, scan
from planet.stories.models import Story
from planet.stories.tests.factories import story_data

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def story_saying(member, text: str) -> Story:
    """A submitted guest story whose every member-typed text is `text`, saved through the form."""
    data = story_data(title=text[:200], summary=text[:300], body=text, action="send")
    response = client_for(member).post("/stories/submit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Story.objects.latest("pk")


def pages_of(story, member, curator) -> dict[str, str]:
    before = {
        "author": (member, story.get_absolute_url()),
        "queue": (curator, "/stories/review/"),
        "mine": (member, "/stories/mine/"),
        "dashboard": (member, "/dashboard/"),
        "edit": (member, reverse("stories:edit", args=[story.slug])),
    }
    pages = {name: client_for(who).get(url) for name, (who, url) in before.items()}
    client_for(curator).post(reverse("stories:decide", args=[story.slug]), {"decision": "accept"})
    after = {"page": story.get_absolute_url(), "list": "/stories/", "home": "/"}
    pages |= {name: client_for(None).get(url) for name, url in after.items()}
    assert all(response.status_code == 200 for response in pages.values()), {
        name: response.status_code for name, response in pages.items()
    }
    return {name: response.content.decode() for name, response in pages.items()}


def feed_texts() -> list[str]:
    """What feed readers read as HTML: RSS titles and descriptions, Atom summaries."""
    rss = ET.fromstring(client_for(None).get("/stories/feed/rss/").content)
    atom = ET.fromstring(client_for(None).get("/stories/feed/atom/").content)
    texts = [node.text or "" for node in rss.iter() if node.tag in ("title", "description")]
    return texts + [node.text or "" for node in atom.iter(f"{ATOM}summary")]


@pytest.fixture
def baseline(member, curator):
    pages = pages_of(story_saying(member, HARMLESS), member, curator)
    Story.objects.all().delete()
    return {name: scan(html) for name, html in pages.items()}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_inert(member, curator, baseline, payload):
    story = story_saying(member, payload)
    for name, html in pages_of(story, member, curator).items():
        page, expected = scan(html), baseline[name]
        assert page.problems == [], name
        assert html.lower().count("<script") == len(expected.scripts), name
        assert page.scripts == expected.scripts, name
        assert not EVENT_HANDLER.search(html), name
        for tag in EMBEDDING_TAGS:
            assert page.tags[tag] == expected.tags[tag], f"{name}: <{tag}>"
    for text in feed_texts():
        feed_item = scan(text)
        assert feed_item.problems == [] and not EVENT_HANDLER.search(text)
        assert not set(feed_item.tags) & EMBEDDING_TAGS, text
    # the text is kept for what it is, shown rather than run
    assert Story.objects.get().body == payload.strip()
