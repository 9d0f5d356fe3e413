"""The results page: facets kept in the URL and combinable, pages, a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for
from planet.projects.tests.factories import add_location, make_project
from planet.search.tests.helpers import facet, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def rivers(organisation):
    a = make_project(title="Quokka school A", kind="program", stage="idea")
    add_location(a, country="BR")
    b = make_project(title="Quokka school B", kind="tool", stage="running")
    add_location(b, country="BR")
    add_location(b, country="PE", place="Iquitos")
    c = make_project(title="Quokka school C", kind="tool", stage="running")
    c.goals.set([13])
    c.organisations.add(organisation)
    return a, b, c


def test_facets_count_the_matching_results(rivers, anonymous):
    response = search(anonymous, q="quokka")
    assert facet(response, "kind") == {"program": 1, "tool": 2}
    assert facet(response, "stage") == {"idea": 1, "running": 2}
    assert facet(response, "country") == {"BR": 2, "PE": 1}
    assert facet(response, "goal") == {"4": 2, "6": 2, "13": 1}
    assert facet(response, "organisation_kind") == {"school": 1}


def test_facets_combine_and_count_with_the_other_choices(rivers, anonymous):
    response = search(anonymous, q="quokka", kind="tool", country="BR")
    assert titles(response) == ["Quokka school B"]
    # Each facet counts with the other facets applied, so one can switch within it.
    assert facet(response, "kind") == {"program": 1, "tool": 1}
    assert facet(response, "country") == {"BR": 1, "PE": 1}
    html = response.content.decode()
    assert "?q=quokka&amp;kind=tool&amp;country=PE" in html or "country=PE" in html
    assert 'aria-current="true"' in html


def test_results_are_paginated(anonymous):
    for i in range(25):
        make_project(title=f"Pond study {i}")
    first = search(anonymous, q="pond")
    assert len(titles(first)) == 20
    second = search(anonymous, q="pond", page=2)
    assert len(titles(second)) == 5
    assert 'rel="next"' in first.content.decode()


def test_the_page_works_with_htmx_and_in_the_header(anonymous):
    make_project(title="Quokka school A")
    client = client_for(anonymous)
    partial = client.get("/search/", {"q": "quokka"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert b"<html" not in partial.content and b"Quokka school A" in partial.content
    home = client.get("/").content.decode()
    assert 'role="search"' in home and 'hx-get="/search/suggest/"' in home


def _count_queries(user, q):
    client = client_for(user)
    client.get("/search/", {"q": q})  # warm caches (session, goals)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": q, "kind": "program"})
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "curator"])
def test_the_page_costs_the_same_for_5_or_50_results(cast, viewer):
    for i in range(5):
        project = make_project(title=f"Few heron {i}")
        add_location(project)
    for i in range(50):
        project = make_project(title=f"Many egret {i}")
        add_location(project)
    few, response = _count_queries(cast[viewer], "heron")
    assert len(titles(response)) == 5
    many, response = _count_queries(cast[viewer], "egret")
    assert len(titles(response)) == 20
    assert few == many
