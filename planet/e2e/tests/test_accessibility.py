"""Accessibility (issue 10, point 2): axe-core, injected into each main page in Chromium,
finds no serious or critical violation of WCAG 2.0, 2.1 and 2.2 (levels A and AA), as an
anonymous visitor and as a member sees the pages, and on the forms showing their errors.

One browser page visits every page of a group, so that one run reports every violation."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from planet.e2e import BROWSER_DB
from planet.e2e.pages import (
    ANONYMOUS,
    FORMS_WITH_ERRORS,
    MAIN_PAGES,
    MEMBER,
    MainPage,
    open_as,
    public_data_fixture,  # noqa: F401  (the public_data fixture)
)

pytestmark = BROWSER_DB

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((node) => ({target: node.target.join(" "), summary: node.failureSummary})),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script; outside CI a missing package skips the tests."""
    if not AXE_JS.exists():
        message = "axe-core is not installed: make setup (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS.read_text()


def blocking_violations(page, axe_source: str) -> list[dict]:
    """Run axe on the page as it stands; the serious and critical violations."""
    # page.add_script_tag would inline the script, which the site's CSP refuses; evaluate()
    # runs it through the devtools protocol instead.
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(where: str, violation: dict) -> str:
    nodes = [
        f"      at {node['target']}: {' '.join(node['summary'].split())}"
        for node in violation["nodes"][:5]
    ]
    if len(violation["nodes"]) > 5:
        nodes.append(f"      ... and {len(violation['nodes']) - 5} more")
    heading = f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}"
    return "\n".join([heading, *nodes])


def report(problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{len(problems)} serious or critical violations:\n" + "\n".join(problems))


@pytest.fixture
def open_page(new_page, live_server, public_data):
    return lambda viewer: open_as(new_page, live_server.url, viewer, public_data)


def visit(page, main_page: MainPage, url: str) -> None:
    """Open `url`, making sure that it is the page itself (not a redirect to the login)."""
    response = page.goto(url)
    assert response.status == 200, f"{main_page}: {url} answered {response.status}"
    assert urlsplit(page.url).path == urlsplit(url).path, f"{main_page}: sent to {page.url}"


@pytest.mark.parametrize("viewer", [ANONYMOUS, MEMBER])
def test_main_pages_have_no_serious_accessibility_violation(
    open_page, public_data, axe_source, viewer
):
    page = open_page(viewer)
    problems = []
    for main_page in [p for p in MAIN_PAGES if p.viewer == viewer]:
        url = main_page.url(public_data)
        visit(page, main_page, url)
        problems += [
            describe(f"{main_page} {url}", v) for v in blocking_violations(page, axe_source)
        ]

    report(problems)


@pytest.mark.parametrize("viewer", [ANONYMOUS, MEMBER])
def test_forms_showing_their_errors_have_no_serious_accessibility_violation(
    open_page, public_data, axe_source, viewer
):
    page = open_page(viewer)
    problems = []
    for form_page in [p for p in FORMS_WITH_ERRORS if p.viewer == viewer]:
        url = form_page.url(public_data)
        visit(page, form_page, url)
        form = page.locator("main form[method=post]").first
        # The server's error messages are checked, not the browser's own validation.
        form.evaluate("form => { form.noValidate = true; }")
        form.locator("[type=submit]").first.click()
        expect(page.locator("main [aria-invalid=true]").first).to_be_visible()
        where = f"{form_page} {url} after an empty post"
        problems += [describe(where, v) for v in blocking_violations(page, axe_source)]

    report(problems)
