"""Six languages (issue 10, point 4) in the browser: the interface follows the browser's
language until the person chooses one, the choice sticks from page to page, and Arabic
reads from right to left with the layout mirrored."""

from playwright.sync_api import expect

from planet.e2e import BROWSER_DB

pytestmark = BROWSER_DB


def test_the_browser_language_is_used_until_the_person_chooses_another(new_page):
    page = new_page(locale="fr")  # the browser asks for French (Accept-Language: fr)
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    main_nav = page.get_by_role("navigation", name="Menu principal")
    expect(main_nav.get_by_role("link", name="Projets", exact=True)).to_be_visible()

    # Choosing in the footer sends the form at once (the page's script).
    page.locator("footer").get_by_label("Langue").select_option("es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Proyectos", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proyectos")
    page.get_by_role("link", name="Historias", exact=True).first.click()
    expect(page.locator("html")).to_have_attribute("lang", "es")  # still, though asked for fr
    expect(page.locator("footer").get_by_label("Idioma")).to_have_value("es")
    assert page.js_errors == []


def _box(locator) -> dict:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not displayed"
    return box


def _layout(page) -> dict:
    """Where the brand and the first two links of the main navigation are drawn."""
    links = page.locator(".main-nav a")
    return {
        "width": page.viewport_size["width"],
        "brand": _box(page.locator(".site-header .brand")),
        "first": _box(links.nth(0)),
        "second": _box(links.nth(1)),
    }


def test_arabic_reads_from_right_to_left_and_the_layout_mirrors(new_page):
    english, arabic = new_page(locale="en"), new_page(locale="ar")
    english.goto("/")
    arabic.goto("/")

    expect(arabic.locator("html")).to_have_attribute("dir", "rtl")
    expect(english.locator("html")).to_have_attribute("dir", "ltr")
    ltr, rtl = _layout(english), _layout(arabic)

    # English: the brand at the left edge, the navigation running left to right.
    assert ltr["brand"]["x"] < ltr["width"] / 4
    assert ltr["first"]["x"] < ltr["second"]["x"]
    # Arabic: the brand at the right edge, the navigation running right to left.
    assert rtl["brand"]["x"] + rtl["brand"]["width"] > rtl["width"] * 3 / 4
    assert rtl["first"]["x"] > rtl["second"]["x"]
    text_align = arabic.locator("main h1").first.evaluate("h => getComputedStyle(h).textAlign")
    assert text_align in ("start", "right")
    assert arabic.js_errors == []


def test_previous_and_next_arrows_point_the_way_the_page_reads(new_page):
    page = new_page(locale="ar")
    page.goto("/sdg/4/")

    arrows = page.locator(".pagination .direction-arrow")
    expect(arrows).to_have_count(2)
    previous, following = (_box(arrows.nth(index)) for index in (0, 1))
    flipped = arrows.first.evaluate("a => getComputedStyle(a).transform")

    assert previous["x"] > following["x"]  # "previous" on the right, where Arabic starts
    assert flipped.startswith("matrix(-1")  # so "←" is drawn pointing right, back to it
