"""Keyboard use (issue 10, point 2): the skip link comes first and leads to the content, every
element reached with Tab shows where the focus is, and a form is filled in, corrected and
sent with the keyboard alone, its errors tied to their fields for screen readers."""

import pytest
from playwright.sync_api import expect

from planet.e2e import BROWSER_DB
from planet.e2e.pages import (
    ANONYMOUS,
    MEMBER,
    open_as,
    public_data_fixture,  # noqa: F401  (the public_data fixture)
)
from planet.projects.models import Project

pytestmark = BROWSER_DB

MAX_TAB_STOPS = 400

# How each element that can take the focus looks (outline, shadow) while nothing has it.
REMEMBER_UNFOCUSED_LOOKS = """() => {
  window.lookOf = (el) => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
      ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "none";
    return `outline: ${outline}; box-shadow: ${s.boxShadow}`;
  };
  window.unfocusedLooks = new Map();
  for (const el of document.querySelectorAll("*")) window.unfocusedLooks.set(el, lookOf(el));
}"""

# The focused element, how it looks and how it looked without the focus; `again` when Tab
# stayed on it (the day, month and year of a date field), `round` when it came back to the
# first stop.
FOCUSED_LOOKS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels.length ? el.labels[0].textContent : el.textContent;
  const name = (el.getAttribute("aria-label") || label || el.name || "").trim();
  const tag = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
  const again = el === window.previousStop, round = el === window.firstStop;
  window.firstStop = window.firstStop || el;
  window.previousStop = el;
  return {
    element: `<${tag}> ${name.replace(/\\s+/g, " ").slice(0, 40)}`,
    focused: lookOf(el),
    unfocused: unfocusedLooks.get(el) || "(not on the page before)",
    again,
    round,
  };
}"""

# For each field marked invalid: the texts of the error messages its aria-describedby points
# at (on the field, or on its fieldset for a group of checkboxes).
ERRORS_OF_INVALID_FIELDS = """() => {
  const invalid = [...document.querySelectorAll("main [aria-invalid=true]")];
  return invalid.map((field) => {
    const owner = field.hasAttribute("aria-describedby") ? field : field.closest("fieldset");
    const ids = (owner && owner.getAttribute("aria-describedby") || "").split(" ");
    const errors = ids.map((id) => document.getElementById(id))
      .filter((el) => el && el.classList.contains("errorlist"))
      .map((el) => el.textContent.trim());
    return {field: field.name, errors};
  });
}"""


@pytest.fixture
def open_page(new_page, live_server, public_data):
    return lambda viewer: open_as(new_page, live_server.url, viewer, public_data)


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_skip_link_is_the_first_stop_and_moves_the_focus_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")

    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0  # shown on screen
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the content, not the header again
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize(
    ("path", "viewer"), [("/", ANONYMOUS), ("/projects/new/", MEMBER)], ids=["home", "form"]
)
def test_every_element_reached_with_tab_shows_a_focus_indicator(open_page, path, viewer):
    page = open_page(viewer)
    page.goto(path)
    page.wait_for_load_state("load")  # the scripts have made their widgets (maps)
    page.evaluate(REMEMBER_UNFOCUSED_LOOKS)

    stops, invisible = [], []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        looks = page.evaluate(FOCUSED_LOOKS)
        if looks is None or looks["round"]:
            break  # every stop was seen
        if looks["again"]:
            continue
        stops.append(looks["element"])
        if looks["focused"] == looks["unfocused"]:
            invisible.append(f"{looks['element']} ({looks['focused']})")

    assert len(stops) > 10
    assert invisible == [], "no visible focus on:\n" + "\n".join(invisible)


def test_project_form_is_corrected_and_sent_with_the_keyboard_alone(open_page, public_data):
    page = open_page(MEMBER)
    page.goto("/projects/new/")

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("main [aria-invalid=true]").first).to_be_visible()
    fields = page.evaluate(ERRORS_OF_INVALID_FIELDS)
    assert {"title", "goals"} <= {field["field"] for field in fields}
    assert all(field["errors"] for field in fields), fields  # each names its own error
    title = next(field for field in fields if field["field"] == "title")
    assert title["errors"] == ["This field is required."]

    tab_to(page, "select[name=kind]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=title]")
    page.keyboard.type("Rain gardens for every school")
    tab_to(page, "textarea[name=summary], input[name=summary]")
    page.keyboard.type("Pupils design and dig gardens that drink the rain.")
    tab_to(page, "select[name=stage]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=goals][value='13']")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Rain gardens for every school")
    project = Project.objects.get(title="Rain gardens for every school")
    assert list(project.goals.values_list("number", flat=True)) == [13]
    assert project.team.filter(user=public_data.member).exists()
