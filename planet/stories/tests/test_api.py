"""Stories in the JSON API: published and not hidden only, with authors, SDGs, language, the
Markdown source and its sanitised HTML."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.apikeys.models import PersonalToken
from planet.stories.models import StoryStatus
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db
URL = "/api/v1/stories/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


@pytest.fixture
def author(db):
    return make_user("writer@example.org", "Wanda Writer")


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "author"])
def test_only_published_stories_that_are_not_hidden_appear(viewer, cast, author):
    make_story(author, title="River study")
    for status in (StoryStatus.DRAFT, StoryStatus.SUBMITTED, StoryStatus.DECLINED):
        make_story(author, title=f"Story {status}", status=status)
    hidden = make_story(author, title="Hidden story")
    hidden.hidden_at = timezone.now()
    hidden.save()
    client = client_for(author if viewer == "author" else cast[viewer])

    assert slugs(client.get(URL)) == ["river-study"]
    assert client.get(URL + "river-study").status_code == 200
    for slug in ("story-draft", "story-submitted", "hidden-story"):
        assert client.get(URL + slug).status_code == 404


def test_a_token_of_another_user_sees_no_draft(author, outsider):
    make_story(author, title="Draft", status=StoryStatus.DRAFT)
    _token, raw = PersonalToken.issue(outsider, name="reader")

    response = client_for(None).get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert slugs(response) == []


def test_a_story_has_its_authors_goals_language_and_both_texts(author):
    body = "Some **bold** words.\n\n<script>alert(1)</script> [x](javascript:alert(2))"
    story = make_story(author, title="River study", body=body, content_language="fr", goals=[6])
    story.authors.add(make_user("second@example.org", "Sami Second"))

    data = client_for(None).get(URL + story.slug).json()

    assert [person["name"] for person in data["authors"]] == ["Wanda Writer", "Sami Second"]
    assert data["authors"][0]["profile_url"].endswith(author.profile.get_absolute_url())
    assert data["goals"] == [
        {"number": 6, "title": data["goals"][0]["title"], "uri": "http://metadata.un.org/sdg/6"}
    ]
    assert data["content_language"] == "fr"
    assert data["kind"] == "news"
    assert data["body_markdown"] == body
    assert "<strong>bold</strong>" in data["body_html"]
    assert "<script>" not in data["body_html"]
    assert 'href="javascript:' not in data["body_html"]


def test_filters_mirror_the_list_page(author):
    make_story(author, title="News in French", content_language="fr", goals=[4])
    make_story(author, title="An essay", kind="essay", goals=[13])
    client = client_for(None)

    assert slugs(client.get(URL + "?kind=essay")) == ["an-essay"]
    assert slugs(client.get(URL + "?goal=4")) == ["news-in-french"]
    assert slugs(client.get(URL + "?language=fr")) == ["news-in-french"]


def test_a_bad_filter_is_a_422_naming_the_field():
    response = client_for(None).get(URL + "?goal=42")

    assert response.status_code == 422
    assert "goal" in response.json()["error"]["fields"]


def test_an_unknown_slug_is_a_404_in_the_error_shape():
    response = client_for(None).get(URL + "no-such-story")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_list_is_newest_first_and_costs_the_same_whatever_the_page_size(author):
    for n in range(30):
        story = make_story(author, title=f"Story {n}", goals=[n % 17 + 1])
        story.authors.add(make_user(f"co{n}@example.org"))
    client = client_for(None)

    assert slugs(client.get(URL + "?limit=2")) == ["story-29", "story-28"]
    assert queries_for(client, URL + "?limit=5") == queries_for(client, URL + "?limit=30")
