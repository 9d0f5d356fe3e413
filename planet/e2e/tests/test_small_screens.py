"""Small screens: on a 360 px wide phone no main page scrolls sideways, even with long words
and long addresses in the content, and the header's navigation stays within reach."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_organisation, make_user
from planet.campus.tests.factories import make_opportunity, make_resource
from planet.challenges.tests.factories import add_question, make_challenge, make_entry
from planet.consultations.tests.factories import make_consultation
from planet.e2e import BROWSER_DB
from planet.e2e.conftest import PHONE
from planet.e2e.journeys import header_link, keep_off_the_internet, sign_in_by_cookie
from planet.events.tests.factories import add_to_festival, make_event, make_festival
from planet.projects.tests.factories import add_location, make_project
from planet.stories.tests.factories import make_story

pytestmark = BROWSER_DB

# Words and addresses that no line can break by itself: the layout has to.
LONG_WORD = "Intergenerationallearningcommunitiesforsustainabledevelopment"
LONG_URL = "https://learning.example.org/" + "a-very-long-path-segment-" * 4 + "index.html"
LONG_TEXT = f"{LONG_WORD} {LONG_URL}"


@dataclass
class Content:
    user: object
    paths: dict


def _content() -> Content:
    """A little of everything, with long words and addresses wherever people may type them."""
    user = make_user("phone@example.org", f"Amina {LONG_WORD}")
    user.profile.bio = LONG_TEXT
    user.profile.save()
    organisation = make_organisation(
        f"Network {LONG_WORD}", admin=user, country="MA", website=LONG_URL
    )
    project = make_project(
        user,
        title=f"Water walks {LONG_WORD}",
        summary=LONG_TEXT,
        description=f"Read more at {LONG_URL}\n\n`{LONG_WORD}{LONG_WORD}`",
        links=[{"label": LONG_WORD, "url": LONG_URL}],
    )
    project.organisations.add(organisation)
    add_location(project, place=LONG_WORD, country="MA", lat=34.0, lng=-6.8)
    challenge = make_challenge(user, title=f"Contest {LONG_WORD}", summary=LONG_TEXT)
    add_question(challenge, label=LONG_WORD, help_text=LONG_URL)
    entry = make_entry(challenge, user, title=LONG_WORD, submitted=False)
    today = timezone.localdate()
    festival = make_festival(
        f"Festival {LONG_WORD}",
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=28),
    )
    event = make_event(
        user,
        title=f"Story night {LONG_WORD}",
        summary=LONG_TEXT,
        format="hybrid",
        online_url=LONG_URL,
        place_name=LONG_WORD,
        starts_at=timezone.now() + timedelta(days=21),
    )
    add_to_festival(event, festival)
    story = make_story(user, title=f"Pupils map {LONG_WORD}", summary=LONG_TEXT, body=LONG_TEXT)
    resource = make_resource(user, title=f"Toolkit {LONG_WORD}", summary=LONG_TEXT, link=LONG_URL)
    make_opportunity(
        user, title=f"Summer school {LONG_WORD}", summary=LONG_TEXT, application_url=LONG_URL
    )
    consultation = make_consultation(user, title=f"Should {LONG_WORD}?", context=LONG_TEXT)
    paths = {
        "home": "/",
        "project list": "/projects/",
        "project detail": project.get_absolute_url(),
        "project form": "/projects/new/",
        "organisation list": "/orgs/",
        "organisation detail": organisation.get_absolute_url(),
        "profile": user.profile.get_absolute_url(),
        "SDG list": "/sdg/",
        "SDG hub": "/sdg/4/",
        "search results": f"/search/?q={LONG_WORD}",
        "map": "/map/",
        "programs": "/programs/",
        "challenge list": "/challenges/",
        "challenge detail": challenge.get_absolute_url(),
        "challenge entry form": f"{entry.get_absolute_url()}edit/",
        "my entries": "/challenges/mine/",
        "event list": "/events/",
        "event detail": event.get_absolute_url(),
        "festival programme": "/festival/",
        "my events": "/events/mine/",
        "story list": "/stories/",
        "story detail": story.get_absolute_url(),
        "campus catalogue": "/campus/",
        "campus resource": resource.get_absolute_url(),
        "campus opportunities": "/campus/opportunities/",
        "consultation list": "/consultations/",
        "consultation detail": consultation.get_absolute_url(),
        "dashboard": "/dashboard/",
        "account settings": "/accounts/settings/",
        "my organisations": "/orgs/mine/",
        "account tokens": "/accounts/tokens/",
        "open data": "/opendata/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
    }
    return Content(user=user, paths=paths)


# The main pages by area: one test (one browser page) per area keeps the run short. The pages
# for signed-out visitors come last: the test signs out before them.
AREAS = {
    "projects and organisations": [
        "home", "project list", "project detail", "project form", "organisation list",
        "organisation detail", "profile",
    ],
    "goals, search, map and data": [
        "SDG list", "SDG hub", "search results", "map", "programs", "open data",
    ],
    "challenges": ["challenge list", "challenge detail", "challenge entry form", "my entries"],
    "events and festival": ["event list", "event detail", "festival programme", "my events"],
    "stories, campus and consultations": [
        "story list", "story detail", "campus catalogue", "campus resource",
        "campus opportunities", "consultation list", "consultation detail",
    ],
    "account": [
        "dashboard", "account settings", "my organisations", "account tokens", "login", "signup",
    ],
}  # fmt: skip
SIGNED_OUT_PAGES = {"login", "signup"}

# What sticks out past the end of the line (right, or left in RTL), to name it in a failure.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const rtl = document.documentElement.dir === "rtl";
  const culprits = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width && (rtl ? box.left < -1 : box.right > width + 1)) {
      const name = element.tagName.toLowerCase() + (element.className && typeof element.className
        === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : "");
      culprits.push(name + " " + Math.round(box.left) + ".." + Math.round(box.right));
    }
  }
  return culprits.slice(0, 10);
}"""


def _scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _pages_wider_than_the_screen(page, paths: dict, names: list[str]) -> dict:
    """For each page that scrolls sideways, what sticks out of it."""
    wide = {}
    for name in names:
        if name in SIGNED_OUT_PAGES:
            page.context.clear_cookies()
        response = page.goto(paths[name])
        assert response.status == 200, name
        if _scrolls_sideways(page):
            wide[name] = page.evaluate(OVERFLOWING)
    return wide


@pytest.mark.parametrize("area", AREAS)
def test_no_main_page_scrolls_sideways_on_a_phone(new_page, live_server, area):
    content = _content()
    page = new_page(viewport=PHONE)
    keep_off_the_internet(page)
    sign_in_by_cookie(page, content.user, live_server.url)

    assert _pages_wider_than_the_screen(page, content.paths, AREAS[area]) == {}
    assert page.js_errors == []


def test_right_to_left_pages_do_not_scroll_sideways_on_a_phone(new_page, live_server):
    content = _content()
    page = new_page(viewport=PHONE, locale="ar")
    keep_off_the_internet(page)
    sign_in_by_cookie(page, content.user, live_server.url)
    names = ["home", "project detail", "event detail", "challenge entry form", "account settings"]

    assert _pages_wider_than_the_screen(page, content.paths, names) == {}
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def _main_links(page):
    return page.get_by_role("navigation", name="Main").get_by_role("link")


def _within_the_screen(page, locator) -> bool:
    width = page.viewport_size["width"]
    boxes = [locator.nth(n).bounding_box() for n in range(locator.count())]
    return all(box and box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)


def test_the_header_folds_its_navigation_behind_a_menu_button_on_a_phone(new_page):
    page = new_page(viewport=PHONE)
    keep_off_the_internet(page)
    page.goto("/")

    # Folded, the header leaves most of the screen to the page itself.
    header = page.get_by_role("banner")
    assert header.bounding_box()["height"] < page.viewport_size["height"] / 4
    expect(_main_links(page)).to_have_count(0)
    expect(header.get_by_role("searchbox", name="Search")).to_be_visible()
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()

    # The button unfolds every section of the site, each link on the screen.
    menu = header.get_by_role("button", name="Menu")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(_main_links(page)).to_have_count(11)
    assert _within_the_screen(page, _main_links(page))
    header_link(page, "Events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    assert not _scrolls_sideways(page)

    # The next page starts folded; the keyboard unfolds and folds the navigation too.
    menu = page.get_by_role("banner").get_by_role("button", name="Menu")
    expect(_main_links(page)).to_have_count(0)
    menu.focus()
    page.keyboard.press("Enter")
    expect(_main_links(page)).to_have_count(11)
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(_main_links(page)).to_have_count(0)
    assert page.js_errors == []


def test_without_javascript_the_phone_header_shows_the_whole_navigation(new_page):
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/")

    expect(page.get_by_role("banner").get_by_role("button", name="Menu")).to_have_count(0)
    expect(_main_links(page)).to_have_count(11)
    assert _within_the_screen(page, _main_links(page))
    assert not _scrolls_sideways(page)
