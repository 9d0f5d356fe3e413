"""Low bandwidth (issue 10, point 5): with JavaScript off, every page still works: the header
search, facet links and filter forms narrow the lists, and forms post (sign in, follow a
project, change the language)."""

import re

from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from planet.e2e import BROWSER_DB
from planet.projects.tests.factories import make_project
from planet.sdgs.models import Goal

pytestmark = BROWSER_DB


def _two_projects():
    rivers = make_project(title="Rivers as classrooms")  # goals 4 and 6, a program
    cleanup = make_project(
        title="River clean-up campaign",
        kind="campaign",
        summary="Volunteers clear the river banks of plastic every spring.",
    )
    cleanup.goals.set(Goal.objects.filter(number__in=[12, 14]))
    return rivers, cleanup


def _result_titles(page, selector: str) -> list[str]:
    return [title.strip() for title in page.locator(selector).all_inner_texts()]


def test_a_visitor_searches_and_filters_without_javascript(new_page):
    _two_projects()
    page = new_page(javascript=False)
    page.goto("/")

    page.locator(".site-search input[type=search]").fill("river")
    page.locator(".site-search button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/search/\?q=river$"))
    hits = ".search-hit h3"
    expect(page.locator(hits, has_text="River clean-up campaign")).to_be_visible()
    expect(page.locator(hits, has_text="Rivers as classrooms")).to_be_visible()
    page.locator(".search-facet a", has_text="Campaign").click()  # a facet link
    expect(page).to_have_url(re.compile(r"kind=campaign"))
    expect(page.locator(hits)).to_have_count(1)
    assert _result_titles(page, hits) == ["River clean-up campaign"]

    page.get_by_role("link", name="The 17 goals").click()
    page.locator(".sdg-tile-projects[href$='?goal=12']").click()  # the goal's projects
    expect(page).to_have_url(re.compile(r"/projects/\?goal=12$"))
    assert _result_titles(page, ".project-card h3") == ["River clean-up campaign"]

    page.goto("/projects/")
    page.get_by_label("Kind", exact=True).select_option("program")
    page.get_by_role("button", name="Show projects").click()  # a plain GET form
    expect(page).to_have_url(re.compile(r"kind=program"))
    assert _result_titles(page, ".project-card h3") == ["Rivers as classrooms"]
    assert page.js_errors == []


def test_a_member_signs_in_follows_a_project_and_changes_language_without_javascript(
    new_page,
):
    rivers, _cleanup = _two_projects()
    make_user("awa@example.org", "Awa Diop")
    page = new_page(javascript=False)
    page.goto(rivers.get_absolute_url())

    page.get_by_role("link", name="Sign in to follow").click()
    page.get_by_label("Email").fill("awa@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(rivers.get_absolute_url()) + "$"))
    page.get_by_role("button", name="Follow", exact=True).click()

    expect(page.get_by_role("button", name="Following")).to_be_visible()
    expect(page.locator(".follower-count")).to_have_text("1 follower")
    assert rivers.follows.filter(user__email="awa@example.org").exists()

    page.locator("footer").get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()  # shown only without JS
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Abonné")).to_be_visible()
    assert page.js_errors == []
