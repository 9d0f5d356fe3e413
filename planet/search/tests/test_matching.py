"""How words match: accents, case, stems, prefixes, typos; and how results rank."""

import pytest
from django.db import connection
from django.utils import timezone

from planet.projects.tests.factories import make_project
from planet.search.tests.helpers import search, suggestions, titles

pytestmark = pytest.mark.django_db


def test_accents_and_case_do_not_matter(anonymous):
    make_project(title="École des rivières", summary="Une école adopte la rivière.")
    for q in ("ecole", "ÉCOLE", "Ecole", "rivieres"):
        assert "École des rivières" in titles(search(anonymous, q=q)), q


def test_english_words_match_their_stem(anonymous):
    make_project(title="A city that learns", summary="Neighbours teach each other.")
    assert "A city that learns" in titles(search(anonymous, q="cities"))


def test_the_start_of_a_word_is_enough(anonymous):
    make_project(title="Climate detectives", summary="Pupils measure heat islands.")
    assert "Climate detectives" in titles(search(anonymous, q="clim"))
    assert "Climate detectives" in suggestions(anonymous, "clim")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance needs pg_trgm")
def test_a_typo_still_finds_the_title_on_postgresql(anonymous):
    make_project(title="Mangrove guardians", summary="Pupils replant the coast.")
    response = search(anonymous, q="mangrve")
    assert "Mangrove guardians" in titles(response)
    assert response.context["found"].query.fuzzy


def test_title_matches_rank_above_description_matches(anonymous):
    make_project(
        title="Coastal club",
        summary="Weekly outings.",
        description="We plant seagrass and then more seagrass along the bay.",
    )
    make_project(title="Seagrass meadows", summary="A school restores the bay.")
    assert titles(search(anonymous, q="seagrass")) == ["Seagrass meadows", "Coastal club"]


def test_featured_projects_get_a_boost(anonymous):
    make_project(title="Solar schools", summary="Panels on every roof.")
    make_project(title="Solar schools", summary="Panels on every roof.", featured_at=timezone.now())
    hits = search(anonymous, q="solar").context["found"].page.object_list
    assert [hit.featured for hit in hits] == [True, False]
    assert "Featured" in hits[0].badges


def test_snippets_escape_content_and_mark_the_words(anonymous):
    make_project(
        title="Safe snippets",
        summary="Learners <script>alert(1)</script> build rainwater tanks.",
    )
    response = search(anonymous, q="rainwater")
    html = response.content.decode()
    assert "<mark>rainwater</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_goals_and_targets_are_found_in_every_language(anonymous):
    # "Éducation de qualité" is goal 4's French short name; shown in the viewer's language.
    assert "4. Quality education" in titles(search(anonymous, q="education qualite"))
    response = client_for_language(anonymous, "fr").get("/search/", {"q": "quality education"})
    assert "4. Éducation de qualité" in titles(response)


def client_for_language(user, language):
    from conftest import client_for

    client = client_for(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize(
    "q",
    ['"', "*", "NEAR", "NEAR(a b)", "title:water", "(water", "-water", "^water", "a AND OR NOT",
     '"unbalanced', "water*", "'; DROP TABLE x; --", "\x00", "🌊"],
)  # fmt: skip
def test_search_syntax_is_read_as_plain_words(anonymous, q):
    make_project(title="Wombat near the school", summary="Title words.")
    search(anonymous, q=q)
    search(anonymous, q=q, goal="4")
    assert suggestions(anonymous, q) is not None


def test_an_empty_query_asks_for_words(anonymous):
    for q in ("", "   ", "***", ":"):
        response = search(anonymous, q=q)
        assert response.context["found"] is None
        assert "Type a word" in response.content.decode()


def test_a_very_long_query_is_cut_and_the_page_says_so(anonymous):
    make_project(title="Wombat near the school", summary="Title words.")
    response = search(anonymous, q="wombat " * 1000)
    assert response.context["query"].truncated
    assert len(response.context["query"].raw) == 200
    assert "too long" in response.content.decode()
    assert "Wombat near the school" in titles(response)


def test_unknown_facet_values_are_ignored(anonymous):
    make_project(title="Wombat near the school", summary="Title words.")
    response = search(
        anonymous, q="wombat", goal="99", kind="spaceship", country="ZZ", type="secret", page="x"
    )
    assert titles(response) == ["Wombat near the school"]
    assert response.context["values"] == {}


def test_an_empty_box_gets_no_suggestions(anonymous):
    from conftest import client_for

    response = client_for(anonymous).get("/search/suggest/", {"q": "  "})
    assert response.status_code == 200 and response.content == b""
