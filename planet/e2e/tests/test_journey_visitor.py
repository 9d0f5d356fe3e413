"""An anonymous visitor, by clicks and typing: finds a project with the header search (the
suggestions as they type, then the full results), finds it again on the world map, and reads
the site in French, then in Arabic (right to left)."""

import re

from playwright.sync_api import expect

from planet.e2e import BROWSER_DB
from planet.e2e.journeys import header_link, keep_off_the_internet
from planet.projects.tests.factories import add_location, make_project

pytestmark = BROWSER_DB

TITLE = "Medina water walks"


def _two_projects():
    wanted = make_project(title=TITLE, summary="Pupils follow the old water routes of Tunis.")
    add_location(wanted, place="Tunis", country="TN", lat=36.8, lng=10.18)
    other = make_project(title="Rivers as classrooms")
    add_location(other, place="Belém", country="BR", lat=-1.45, lng=-48.49)
    return wanted


def _on_project_page(page):
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main")).to_contain_text("Pupils follow the old water routes of Tunis.")


def test_visitor_finds_a_project_by_search_and_on_the_map_then_changes_language(page):
    _two_projects()
    keep_off_the_internet(page)
    page.goto("/")
    _finds_it_by_the_header_search(page)
    _finds_it_on_the_map(page)
    _reads_the_site_in_french_then_in_arabic(page)
    assert page.js_errors == []


def _finds_it_by_the_header_search(page):
    # Suggestions appear under the search box while typing.
    search_box = page.get_by_role("search").get_by_role("searchbox", name="Search")
    search_box.press_sequentially("medina", delay=30)
    suggestions = page.get_by_role("list", name="Suggestions")
    expect(suggestions.get_by_role("link", name=TITLE)).to_be_visible()
    expect(suggestions.get_by_role("link", name="Rivers as classrooms")).to_have_count(0)

    # Enter opens the full results page; the project is the one result.
    search_box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("heading", level=2, name="1 result for “medina”")).to_be_visible()
    results = page.locator(".search-hits")
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    expect(results.get_by_role("link", name="Rivers as classrooms")).to_have_count(0)
    results.get_by_role("link", name=TITLE).click()
    _on_project_page(page)


def _finds_it_on_the_map(page):
    header_link(page, "Map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("World map")

    # The project's marker opens a popup that leads to it.
    page.get_by_role("button", name=TITLE).click()
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("SDGs 4, 6")
    popup.get_by_role("link", name=TITLE).click()
    _on_project_page(page)

    # Zoomed in on North Africa, the list beside the map names what is in view, and leads to it.
    page.go_back()
    for zoom in (3, 4):
        page.get_by_role("button", name="Zoom in").click()
        expect(page).to_have_url(re.compile(rf"/map/#map={zoom}/"))
    in_view = page.get_by_role("region", name="In view")
    expect(in_view.get_by_role("status")).to_have_text("Places in view: 1.")
    expect(in_view.get_by_role("link", name="Rivers as classrooms")).to_have_count(0)
    in_view.get_by_role("link", name=TITLE).click()
    _on_project_page(page)


def _reads_the_site_in_french_then_in_arabic(page):
    header_link(page, "Projects").click()
    expect(page).to_have_url(re.compile(r"/projects/$"))
    page.wait_for_load_state()  # the page's script sends the language form on change
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Choosing a language reloads the same page in it.
    page.get_by_role("contentinfo").get_by_label("Language").select_option(label="français")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(header_link(page, "Projets")).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert page.url.endswith("/projects/")

    # Arabic is written right to left: the whole page turns.
    page.wait_for_load_state()
    page.get_by_role("contentinfo").get_by_role("combobox").select_option(label="العربيّة")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(header_link(page, "المشاريع")).to_be_visible()
    brand = page.get_by_role("link", name="LearningPlanet", exact=True).bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2  # the site's name sits on the right

    # The choice holds on the next page.
    header_link(page, "المشاريع").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
