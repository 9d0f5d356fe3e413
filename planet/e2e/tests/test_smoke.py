"""The browser set-up itself: pages render in Chromium without a script error, and the
reference data (SDG goals) is there for every test, not only the first one."""

import pytest

from planet.e2e import BROWSER_DB

pytestmark = BROWSER_DB


def test_home_page_renders_in_chromium(page):
    page.goto("/")

    assert page.locator("h1").first.is_visible()
    assert page.js_errors == []


@pytest.mark.parametrize("number", [4, 13])
def test_sdg_pages_keep_their_reference_data_between_tests(page, number):
    response = page.goto(f"/sdg/{number}/")

    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip() != ""
