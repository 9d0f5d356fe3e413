"""Stories in the site search: published ones for everybody; drafts, submissions and hidden
stories nowhere; the index follows publication, unpublication and hiding."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for, make_user
from planet.search.tests.helpers import facet, search, titles
from planet.stories.models import StoryStatus
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db
CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture
def author(db):
    return make_user("author@example.org", "Ana Author")


@pytest.fixture
def stories(author):
    published = make_story(author, title="Beekeeping on the school roof", goals=[15])
    make_story(author, title="Beekeeping draft", status=StoryStatus.DRAFT)
    make_story(author, title="Beekeeping sent", status=StoryStatus.SUBMITTED)
    return published


@pytest.mark.parametrize("who", CAST)
def test_search_finds_the_published_story_only(cast, stories, who):
    response = search(cast[who], q="beekeeping")
    assert titles(response) == ["Beekeeping on the school roof"]
    assert facet(response, "type") == {"story": 1}
    assert facet(response, "goal") == {"15": 1}
    assert titles(search(cast[who], q="Ana Author", type="story")) == [
        "Beekeeping on the school roof"
    ]


def test_hiding_and_unpublishing_take_a_story_out_of_the_search(stories, curator):
    stories.hidden_at = timezone.now()
    stories.save()
    assert titles(search(None, q="beekeeping")) == []
    assert titles(search(curator, q="beekeeping")) == []
    stories.hidden_at = None
    stories.save()
    assert titles(search(None, q="beekeeping")) == ["Beekeeping on the school roof"]
    url = reverse("stories:publication", args=[stories.slug])
    client_for(curator).post(url, {"action": "unpublish"})
    assert titles(search(None, q="beekeeping")) == []


def test_an_accepted_guest_story_enters_the_search(author, curator):
    story = make_story(author, title="Solar oven", kind="guest", status=StoryStatus.SUBMITTED)
    assert titles(search(None, q="solar")) == []
    client_for(curator).post(reverse("stories:decide", args=[story.slug]), {"decision": "accept"})
    assert titles(search(None, q="solar")) == ["Solar oven"]
