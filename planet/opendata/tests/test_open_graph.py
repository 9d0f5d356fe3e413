"""Open Graph tags: defaults on every page, the item's own on project, story and event pages."""

import pytest
from django.utils import translation

from planet.events.tests.factories import make_event
from planet.opendata.templatetags.open_graph import absolute_url, og_locale
from planet.projects.tests.factories import make_project
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db


def _og(response, name: str) -> str:
    html = response.content.decode()
    marker = f'<meta property="og:{name}" content="'
    assert marker in html, name
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_every_page_has_defaults(client):
    response = client.get("/opendata/")
    assert _og(response, "site_name") == "LearningPlanet"
    assert _og(response, "type") == "website"
    assert _og(response, "url") == "http://127.0.0.1:8000/opendata/"
    assert _og(response, "locale") == "en_US"
    assert _og(response, "description")


def test_locale_follows_the_interface_language(client):
    response = client.get("/opendata/", headers={"accept-language": "fr"})
    assert _og(response, "locale") == "fr_FR"
    assert og_locale("zh-hans") == "zh_CN" and og_locale("xx") == "en_US"
    translation.activate("en")


def test_project_story_and_event_pages_describe_their_item(client):
    project = make_project(title="Rivers & classrooms")
    response = client.get(project.get_absolute_url())
    assert _og(response, "title") == "Rivers &amp; classrooms"
    assert _og(response, "description") == project.summary
    story = make_story(title="Pupils map their river")
    response = client.get(story.get_absolute_url())
    assert _og(response, "type") == "article"
    assert _og(response, "title") == story.title
    event = make_event(title="Repair café")
    assert _og(client.get(event.get_absolute_url()), "title") == "Repair café"


def test_image_addresses_are_absolute():
    assert absolute_url("/media/covers/a.webp") == "http://127.0.0.1:8000/media/covers/a.webp"
    assert absolute_url("https://cdn.example.org/a.webp") == "https://cdn.example.org/a.webp"
