"""The SDG hub (/sdg/<n>/) and the per-goal counts of /sdg/: published projects only."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for
from planet.projects.models import Status
from planet.projects.tests.factories import add_location, make_project
from planet.sdgs import hub
from planet.sdgs.models import Goal, Target

pytestmark = pytest.mark.django_db


def project_for(goal: int = 4, *, days_ago: int = 1, targets=(), featured=False, **extra):
    """A published project serving `goal` (and its `targets`), published `days_ago` days ago."""
    now = timezone.now()
    extra.setdefault("published_at", now - timedelta(days=days_ago))
    if featured:
        extra["featured_at"] = now - timedelta(days=days_ago)
    project = make_project(**extra)
    project.goals.set([goal])
    project.targets.set(Target.objects.filter(code__in=targets))
    return project


def hub_page(goal: int = 4, user=None) -> str:
    response = client_for(user).get(f"/sdg/{goal}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, heading_id: str) -> str:
    """The HTML of the <section> whose heading has `heading_id`."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    assert match, heading_id
    return match.group(1)


def map_data(page: str) -> list[dict]:
    match = re.search(r'<script id="sdg-hub-points" type="application/json">(.*?)</script>', page)
    assert match
    return json.loads(match.group(1))


def count_link(query: str, label: str, count: int) -> str:
    link = f'<a href="/projects/?goal=4&amp;{query}">{label}</a>'
    return f'{link} <span class="sdg-hub-count">{count}</span>'


def test_counts_by_kind_and_stage_link_to_filtered_lists():
    project_for(title="A", kind="program", stage="running")
    project_for(title="B", kind="program", stage="running")
    project_for(title="C", kind="program", stage="completed")
    project_for(title="D", kind="tool", stage="idea")
    project_for(6, title="Elsewhere", kind="campaign", stage="idea")

    page = hub_page(4)

    assert "4 published projects serve this goal" in page
    assert '<a href="/projects/?goal=4">See all projects for goal 4</a>' in page
    kinds = section(page, "hub-kind-heading")
    assert count_link("kind=program", "Program", 3) in kinds
    assert count_link("kind=tool", "Tool", 1) in kinds
    assert "Campaign" not in kinds and "Initiative" not in kinds
    stages = section(page, "hub-stage-heading")
    assert count_link("stage=running", "Running", 2) in stages
    assert count_link("stage=completed", "Completed", 1) in stages
    assert count_link("stage=idea", "Idea", 1) in stages


def test_countries_count_projects_once_and_link_to_filtered_lists():
    first = project_for(title="Two places in Brazil")
    add_location(first, "Belém", "BR")
    add_location(first, "Manaus", "BR", lat=-3.1, lng=-60.0)
    add_location(first, "Lyon", "FR", lat=45.76, lng=4.84)
    add_location(project_for(title="One place in Brazil"), "Recife", "BR", lat=-8.05, lng=-34.9)
    project_for(title="Nowhere in particular")

    places = section(hub_page(4), "hub-places-heading")

    assert "Where: 2 countries" in places
    brazil, france = count_link("country=BR", "Brazil", 2), count_link("country=FR", "France", 1)
    assert brazil in places and france in places
    assert places.index(brazil) < places.index(france)  # most projects first


def test_map_shows_the_most_recent_places_and_says_when_it_is_capped(monkeypatch):
    monkeypatch.setattr(hub, "MAP_POINT_LIMIT", 3)
    for days in range(1, 6):
        add_location(project_for(title=f"Published {days} days ago", days_ago=days), f"P{days}")

    page = hub_page(4)

    assert "vendor/leaflet/leaflet.js" in page and "js/map.js" in page
    assert 'data-points="sdg-hub-points"' in page
    labels = [point["label"] for point in map_data(page)]
    assert labels == [f"Published {days} days ago (P{days})" for days in (1, 2, 3)]
    assert "The map shows the 3 places of the most recently published projects, out of 5." in page


def test_map_labels_are_data_not_markup_and_uncapped_maps_say_nothing():
    add_location(project_for(title="Rivers <b>& co</b>"), "Belém", lat=-1.45, lng=-48.49)

    page = hub_page(4)

    assert map_data(page) == [{"lat": -1.45, "lng": -48.49, "label": "Rivers <b>& co</b> (Belém)"}]
    assert "<b>& co</b>" not in page
    assert "The map shows the" not in page


def test_projects_without_places_draw_no_map():
    project_for(title="Nowhere in particular")

    page = hub_page(4)

    assert "1 published project serves this goal" in page
    assert "leaflet" not in page and 'class="map' not in page
    assert 'id="hub-places-heading"' not in page


def test_hub_links_to_the_world_map_filtered_by_its_goal():
    add_location(project_for(title="Placed"))
    assert '<a href="/map/?goal=4">See on the world map</a>' in hub_page(4)


def test_latest_six_and_up_to_six_featured_cards():
    for days in range(1, 9):
        project_for(title=f"Recent {days}", days_ago=days)
    for days in range(20, 28):
        project_for(title=f"Curated {days}", days_ago=days, featured=True)

    page = hub_page(4)

    latest = section(page, "hub-latest-heading")
    assert latest.count('class="card project-card"') == 6
    assert all(f">Recent {days}<" in latest for days in range(1, 7))
    assert ">Recent 7<" not in latest and "Curated" not in latest
    featured = section(page, "hub-featured-heading")
    assert featured.count('class="card project-card"') == 6
    assert all(f">Curated {days}<" in featured for days in range(20, 26))
    assert ">Curated 26<" not in featured and "Recent" not in featured
    assert 'href="/projects/?goal=4&amp;featured=on"' in featured


def test_targets_say_how_many_published_projects_address_them():
    project_for(title="A", targets=["4.7", "4.a"])
    project_for(title="B", targets=["4.7"])
    project_for(6, title="Other goal", targets=["6.3"])

    page = hub_page(4)

    target_47 = page[page.index('id="target-4.7"') : page.index('id="target-4.a"')]
    assert '<a href="/projects/?goal=4">2 published projects address target 4.7</a>' in target_47
    assert "1 published project addresses target 4.a" in page
    target_41 = page[page.index('id="target-4.1"') : page.index('id="target-4.2"')]
    assert "address" not in target_41
    # the targets keep their official order (numbered, then lettered) despite the GROUP BY
    codes = re.findall(r'<li id="target-([0-9a-z.]+)">', page)
    assert codes == ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.a", "4.b", "4.c"]


def test_a_goal_without_projects_shows_only_its_own_texts():
    project_for(4, title="Quality")

    page = hub_page(1)

    assert 'id="target-1.1"' in page
    for absent in ("hub-projects-heading", "hub-kind-heading", "hub-places-heading"):
        assert absent not in page
    assert "Curators&#x27; choice" not in page and "Curators' choice" not in page
    assert "Latest projects" not in page and "leaflet" not in page
    assert "published project" not in page


def test_goal_tiles_show_counts_that_link_to_filtered_lists():
    project_for(4, title="A")
    project_for(4, title="B")
    project_for(13, title="C")

    page = client_for(None).get("/sdg/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<a class="sdg-tile-projects" href="/projects/?goal=4">2 projects</a>' in page
    assert '<a class="sdg-tile-projects" href="/projects/?goal=13">1 project</a>' in page
    assert page.count('class="sdg-tile-projects"') == 2


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _pages(user) -> tuple[str, str]:
    client = client_for(user)
    return tuple(
        CSRF.sub("", client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
        for url in ("/sdg/4/", "/sdg/")
    )


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ARCHIVED]
)
@pytest.mark.parametrize(
    "viewer", ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]
)
def test_unpublished_projects_change_nothing_for_anyone(cast, organisation, viewer, status):
    user = cast[viewer]
    shown = project_for(title="Shown", kind="program", stage="running", targets=["4.1"])
    add_location(shown, "Belém", "BR")
    before = _pages(user)

    # Owned by the viewer, with the viewer's organisation, curated, placed and tagged:
    # everything that could make it count somewhere.
    hidden = project_for(
        title="Unpublished one",
        owner=user,
        status=status,
        kind="campaign",
        stage="idea",
        targets=["4.7"],
        featured=True,
        published_at=timezone.now(),
    )
    hidden.organisations.add(organisation)
    add_location(hidden, "Kyoto", "JP", lat=35.0, lng=135.76)

    after = _pages(user)
    assert after == before
    hub_html, list_html = after
    assert "Unpublished one" not in hub_html and "Kyoto" not in hub_html
    assert "1 published project serves this goal" in hub_html
    assert '<a class="sdg-tile-projects" href="/projects/?goal=4">1 project</a>' in list_html


def _populate(count: int) -> None:
    """Projects for goal 4 with places, targets and some curated, up to `count` in all."""
    for number in range(Goal.objects.get(number=4).projects.count(), count):
        project = project_for(
            title=f"Project {number}",
            days_ago=number,
            kind=["program", "tool", "study"][number % 3],
            stage=["idea", "running", "completed"][number % 3],
            targets=["4.1", "4.7"][: number % 3],
            featured=number % 4 == 0,
        )
        add_location(project, f"Place {number}", ["BR", "FR", "KE", "IN"][number % 4])
        project.goals.add(6, 13)


@pytest.mark.parametrize("viewer", ["anonymous", "curator"])
def test_query_counts_do_not_grow_with_the_number_of_projects(cast, viewer):
    client = client_for(cast[viewer])
    counts = []
    for size in (5, 50):
        _populate(size)
        with CaptureQueriesContext(connection) as hub_queries:
            assert client.get("/sdg/4/").status_code == 200
        with CaptureQueriesContext(connection) as list_queries:
            assert client.get("/sdg/").status_code == 200
        counts.append((len(hub_queries), len(list_queries)))
    assert counts[0] == counts[1]
    page = client.get("/sdg/4/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "50 published projects serve this goal" in page
