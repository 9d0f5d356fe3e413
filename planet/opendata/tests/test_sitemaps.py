"""sitemap.xml lists every public page and nothing else; robots.txt points at it."""

import re

import pytest
from django.utils import timezone

from conftest import client_for, make_user
from planet.events.tests.factories import make_festival
from planet.opendata.tests.helpers import DRAFT, HIDDEN, make_world
from planet.projects.models import Project

pytestmark = pytest.mark.django_db

SECTIONS = [
    "pages",
    "projects",
    "organisations",
    "people",
    "sdgs",
    "challenges",
    "events",
    "festivals",
    "stories",
    "resources",
    "opportunities",
    "consultations",
]


def _locations(client, section: str) -> list[str]:
    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>(.*?)</loc>", response.content.decode())


def test_index_lists_every_section(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    for section in SECTIONS:
        assert f"/sitemap-{section}.xml</loc>" in response.content.decode()


@pytest.mark.parametrize("viewer", ["anonymous", "curator"])
def test_sections_list_public_pages_only(request, viewer):
    make_world()
    make_festival()
    client = client_for(request.getfixturevalue(viewer))
    everything = [loc for section in SECTIONS for loc in _locations(client, section)]
    public = Project.objects.get(title="Public project")
    assert f"http://127.0.0.1:8000{public.get_absolute_url()}" in everything
    for project in Project.objects.exclude(pk=public.pk):
        assert not [loc for loc in everything if loc.endswith(project.get_absolute_url())]
    slugs = " ".join(everything)
    assert "/festival/festival-of-learning-2027/" in slugs
    assert "/sdg/17/" in slugs
    assert not re.search(rf"/({DRAFT}|{HIDDEN})-".lower(), slugs), slugs


def test_people_section_leaves_out_hidden_and_inactive_profiles(client):
    shown = make_user("shown@example.org", "Shown Person")
    hidden = make_user("hidden@example.org", "Hidden Person")
    hidden.profile.hidden_at = timezone.now()
    hidden.profile.save()
    gone = make_user("gone@example.org", "Gone Person", is_active=False)
    people = _locations(client, "people")
    assert any(loc.endswith(shown.profile.get_absolute_url()) for loc in people)
    for profile in (hidden.profile, gone.profile):
        assert not any(loc.endswith(profile.get_absolute_url()) for loc in people)


def test_unknown_section_is_not_found(client):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def test_robots_allows_public_pages_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines
    for private in ("/admin/", "/accounts/", "/moderation/"):
        assert f"Disallow: {private}" in lines
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in lines
