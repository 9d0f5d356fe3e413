"""Browser fixtures: one headless Chromium for the whole run, a fresh context (cookies,
language, screen size) for each test, and a screenshot of each failure.

Chromium is Debian's package (`apt-get install chromium`; `.ci/run` installs it), launched
through Playwright with `executable_path`, since nothing may be downloaded at run time. Where
Chromium is missing outside CI the browser tests are skipped with that instruction; in CI
(`CI=true`) a missing browser fails the run instead.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", "artifacts/browser"))
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "planet/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    page = getattr(item, "_browser_page", None)
    if report.when == "call" and report.failed and page is not None:
        name = re.sub(r"[^\w.-]+", "_", item.nodeid)[-150:]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.html").write_text(page.content())
            report.sections.append(
                ("browser", f"screenshot and HTML kept in {ARTIFACTS.resolve()}/{name}.*")
            )
        except Exception as error:  # a crashed page must not hide the test's own failure
            report.sections.append(("browser", f"no screenshot: {error}"))


@pytest.fixture(scope="session")
def _playwright():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs the tests in a context of its own, where Django opens new
    # connection objects: the reference data that serialized_rollback restores, kept on the
    # connections made before (when a database test ran before the first browser test),
    # must move to them, or the SDG goals are gone after the first browser test.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    from playwright.sync_api import expect

    # Assertions wait for the page longer than Playwright's 5 s: CI machines are busy.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    browser = _playwright.chromium.launch(executable_path=executable, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, request, live_server):
    """Open pages: `new_page(locale="fr", viewport=PHONE)`; each has its own cookies.

    `page.goto(path)` takes a path on the live server ("/projects/"). Pages log JavaScript
    errors into `page.js_errors`, so a test can assert that none happened."""
    contexts = []

    def open_page(*, locale: str = "en", viewport: dict = DESKTOP, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale=locale,
            viewport=viewport,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        request.node._browser_page = page
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page in English."""
    return new_page()
