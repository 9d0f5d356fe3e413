"""Small steps shared by the browser tests: signing in (through the login page, or by the
session cookie for tests about something else), reading the link out of an e-mail, finding
fields by their labels, and keeping the pages off the internet.

Every step clicks and types as a person would; the only address a journey opens by itself is
the site's first page (and the link of an e-mail, which a person would click in their mail).
"""

import re

from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Locator, Page, expect

from conftest import PASSWORD

# Anything not served by the live server (map tiles from OpenStreetMap, mostly): the tests
# must not depend on the network, and must not wait for it.
OFF_SITE = re.compile(r"^https?://(?!(localhost|127\.0\.0\.1)[:/])")


def keep_off_the_internet(page: Page) -> None:
    page.context.route(OFF_SITE, lambda route: route.abort())


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Sign in from the home page through the header's "Sign in" link."""
    page.goto("/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in_by_cookie(page: Page, user, live_server_url: str) -> None:
    """Sign in without the login page, for tests about something else than signing in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server_url}
    page.context.add_cookies([cookie])


def link_in_mail_to(address: str, path_fragment: str) -> str:
    """The address of the link in the newest e-mail to `address` whose URL holds the fragment."""
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    match = re.search(rf"https?://\S*{re.escape(path_fragment)}\S*", message.body)
    assert match, message.body
    return match.group(0)


def field(scope: Page | Locator, label: str) -> Locator:
    """The form field whose label reads exactly `label` (Django adds a colon to labels)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}:?\s*$"))


def header_link(page: Page, name: str) -> Locator:
    """A link of the site's header (any language)."""
    return page.get_by_role("banner").get_by_role("link", name=name, exact=True)


def account_link(page: Page, name: str) -> Locator:
    """A link of the header's account navigation (sign in, join, dashboard, settings)."""
    return page.get_by_role("navigation", name="Account").get_by_role("link", name=name)


def message(page: Page) -> Locator:
    """The status messages shown at the top of the page after an action."""
    return page.locator(".messages")
