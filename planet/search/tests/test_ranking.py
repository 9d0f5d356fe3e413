"""The order holds from page to page: every title match before any description match, none
lost or repeated, facets applied to both; and the suggestions follow the same order."""

import pytest

from planet.projects.tests.factories import make_project
from planet.search.tests.helpers import search, suggestions, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def herons():
    """23 projects with "heron" in the title, 6 with it only in their description."""
    for i in range(23):
        make_project(title=f"Heron study {i}", kind="tool" if i % 2 else "program")
    for i in range(6):
        make_project(
            title=f"Wetland club {i}",
            kind="tool" if i % 2 else "program",
            description="We count the egretta and the heron nests every spring.",
        )


def _all_pages(user, **params) -> list[str]:
    first = search(user, **params)
    found = titles(first)
    for number in range(2, first.context["found"].page.paginator.num_pages + 1):
        found += titles(search(user, page=number, **params))
    return found


def test_title_matches_come_first_across_pages(herons, anonymous):
    found = _all_pages(anonymous, q="heron")
    assert len(found) == len(set(found)) == 29
    assert all(title.startswith("Heron") for title in found[:23])
    assert all(title.startswith("Wetland") for title in found[23:])


def test_a_page_of_description_matches_after_the_title_matches(herons, anonymous):
    second = titles(search(anonymous, q="heron", page=2))
    assert second[:3] == [title for title in second if title.startswith("Heron")]
    assert len(second) == 9


def test_facets_apply_to_title_and_description_matches_alike(herons, anonymous):
    found = _all_pages(anonymous, q="heron", kind="tool")
    assert len(found) == len(set(found)) == 11 + 3
    assert all(title.startswith("Heron") for title in found[:11])
    assert sorted(found[11:]) == ["Wetland club 1", "Wetland club 3", "Wetland club 5"]


def test_suggestions_put_titles_first_and_find_words_of_descriptions(herons, anonymous):
    listed = suggestions(anonymous, "heron")
    assert listed.count("Heron study") == 8 and "Wetland" not in listed
    assert suggestions(anonymous, "egretta").count("Wetland club") == 6


def test_a_page_past_the_title_matches(anonymous):
    for i in range(2):
        make_project(title=f"Bittern log {i}")
    for i in range(22):
        make_project(title=f"Marsh diary {i}", description="A bittern booms at dawn.")
    found = _all_pages(anonymous, q="bittern")
    assert found[:2] == ["Bittern log 0", "Bittern log 1"]
    assert sorted(found[2:]) == sorted(f"Marsh diary {i}" for i in range(22))
    assert len(titles(search(anonymous, q="bittern", page=2))) == 4
