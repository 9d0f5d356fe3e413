"""Low bandwidth (issue 10, point 5): light pages, static files cached for good.

- Each main page (the world map excepted) weighs at most 100 KB compressed: its HTML and
  the style sheets and scripts it references, each gzipped as the server would send it.
- Static files get names that carry a hash of their content and a far-future cache.
"""

import gzip
import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from PIL import Image

from conftest import client_for, make_image
from planet.e2e.pages import MAIN_PAGES, MEMBER, MainPage, PublicData, make_public_data
from planet.lib.images import thumbnail_name
from planet.orgs.models import Organisation
from planet.orgs.tests.helpers import org_data
from planet.stories.models import Story
from planet.stories.tests.factories import story_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_data(db) -> PublicData:
    return make_public_data()


BUDGET = 100 * 1024  # bytes, compressed: HTML + CSS + JS of one page
HEAVY_BY_NATURE = {"map"}  # the world map draws every point: measured by bench/, not here


class _Assets(HTMLParser):
    """The style sheets and scripts a page loads, in the order it names them."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.urls.append(attrs.get("href") or "")
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def referenced_assets(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return list(dict.fromkeys(parser.urls))


def static_file_bytes(url: str) -> bytes:
    """The content of a static file from its address, found where collectstatic finds it."""
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of our static files"
    name = url.removeprefix(settings.STATIC_URL).split("?")[0]
    path = finders.find(name)
    assert path, f"{url} is referenced but no static file is called {name}"
    with open(path, "rb") as file:
        return file.read()


def compressed_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def page_weight(html: str) -> dict[str, int]:
    """Compressed size of the page and of each style sheet and script it loads."""
    sizes = {"HTML": compressed_size(html.encode())}
    for url in referenced_assets(html):
        sizes[url] = compressed_size(static_file_bytes(url))
    return sizes


def _fetch(page: MainPage, data: PublicData) -> str:
    client = client_for(data.member if page.viewer == MEMBER else None)
    url = page.url(data)
    response = client.get(url)
    assert response.status_code == 200, f"{page}: GET {url} answered {response.status_code}"
    return response.text


def _report(sizes: dict[str, int]) -> str:
    parts = ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in sizes.items())
    return f"{sum(sizes.values()) / 1024:.1f} KB ({parts})"


def test_every_main_page_weighs_at_most_100_kb_compressed(public_data):
    weights = {
        f"{page} {page.url(public_data)}": page_weight(_fetch(page, public_data))
        for page in MAIN_PAGES
        if page.name not in HEAVY_BY_NATURE
    }

    too_heavy = {page: sizes for page, sizes in weights.items() if sum(sizes.values()) > BUDGET}
    measured = {"css/site.css", "vendor/htmx/htmx.min.js"}
    assert len(weights) == len(MAIN_PAGES) - 1
    assert all(
        any(url.endswith(name) for url in sizes for name in measured) for sizes in weights.values()
    ), "the site's style sheet and scripts were not counted"
    assert not too_heavy, "pages over 100 KB compressed:\n" + "\n".join(
        f"  {page}: {_report(sizes)}" for page, sizes in too_heavy.items()
    )


def test_a_page_counts_the_style_sheets_and_scripts_it_loads():
    html = (
        '<link rel="stylesheet" href="/static/css/site.css"><link rel="icon" href="/x.png">'
        '<script src="/static/js/site.js" defer></script><script>inline()</script>'
        '<link rel="stylesheet" href="/static/css/site.css">'
    )

    sizes = page_weight(html)

    assert list(sizes) == ["HTML", "/static/css/site.css", "/static/js/site.js"]
    assert 1000 < sizes["/static/css/site.css"] < len(static_file_bytes("/static/css/site.css"))


def test_static_files_have_hashed_names_and_a_far_future_cache(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "planet.lib.static_storage.HashedStaticFilesStorage"}
    }
    for name in ("WHITENOISE_USE_FINDERS", "WHITENOISE_AUTOREFRESH"):
        if hasattr(settings, name):
            delattr(settings, name)
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)  # static/ only: faster

    url = static("css/site.css")
    response = Client().get(url, headers={"accept-encoding": "gzip"})
    plain = Client().get("/static/css/site.css")

    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    assert plain.status_code == 200
    assert "immutable" not in plain["Cache-Control"]  # an unhashed name may change content


# Images at the size shown: a thumbnail made on upload, used by lists and cards.


def _image_tags(html: str, src: str) -> list[str]:
    return re.findall(rf'<img [^>]*src="{re.escape(src)}"[^>]*>', html)


def test_a_story_cover_gets_a_card_thumbnail_that_the_list_loads_lazily(curator):
    data = story_data(cover_alt="Pupils around a compost bin")
    data["cover"] = SimpleUploadedFile("cover.png", make_image("PNG", size=(1600, 1200)))
    assert client_for(curator).post("/stories/new/", data).status_code == 302
    story = Story.objects.get()

    thumbnail = story.cover.thumbnail
    with story.cover.storage.open(thumbnail_name(story.cover.name)) as stored:
        picture = Image.open(stored)
        assert (picture.format, picture.size) == ("WEBP", (400, 225))
    listing = client_for(None).get("/stories/").content.decode()
    detail = client_for(None).get(story.get_absolute_url()).content.decode()

    assert thumbnail.url == story.cover.url.removesuffix(".webp") + ".thumb.webp"
    [card_image] = _image_tags(listing, thumbnail.url)
    assert 'width="400" height="225"' in card_image and 'loading="lazy"' in card_image
    assert story.cover.url not in listing  # the full picture only on the story's own page
    [cover] = _image_tags(detail, story.cover.url)
    assert "loading=" not in cover  # above the fold: loaded at once


def test_a_logo_thumbnail_keeps_the_whole_logo(outsider):
    wide_logo = SimpleUploadedFile("logo.png", make_image("PNG", size=(1200, 300)))
    client_for(outsider).post("/orgs/new/", org_data(logo=wide_logo))
    organisation = Organisation.objects.get()

    with organisation.logo.storage.open(thumbnail_name(organisation.logo.name)) as stored:
        picture = Image.open(stored)
        picture.load()
    listing = client_for(None).get("/orgs/").content.decode()

    assert picture.size == (128, 128)
    # kept whole, 4:1 inside the square: transparent above and below, opaque end to end
    assert picture.getpixel((64, 2))[3] == picture.getpixel((64, 125))[3] == 0
    assert picture.getpixel((1, 64))[3] == picture.getpixel((126, 64))[3] == 255
    [card_logo] = _image_tags(listing, organisation.logo.thumbnail.url)
    assert 'loading="lazy"' in card_logo


def test_a_replaced_or_removed_avatar_takes_its_thumbnail_along(
    outsider, django_capture_on_commit_callbacks
):
    client = client_for(outsider)
    settings_form = {
        "display_name": "Olu",
        "about_visibility": "private",
        "location_visibility": "private",
        "interests_visibility": "private",
        "timezone": "UTC",
    }
    names = []
    for change in ({"avatar": "first"}, {"avatar": "second"}, {"remove_avatar": "on"}):
        if "avatar" in change:
            picture = make_image("PNG", size=(600, 400))
            change = {"avatar": SimpleUploadedFile(f"{change['avatar']}.png", picture)}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/accounts/settings/", settings_form | change)
        assert response.status_code == 302
        outsider.profile.refresh_from_db()
        names.append(outsider.profile.avatar.name)
    storage = outsider.profile.avatar.storage

    first, second, removed = names
    assert first and second and first != second and not removed
    for name in (first, second):  # a private picture stays unreachable once replaced
        assert not storage.exists(name)
        assert not storage.exists(thumbnail_name(name))


def test_thumbnails_missing_from_earlier_uploads_are_made_by_a_command(public_data):
    logo = public_data.organisation.logo
    logo.storage.delete(thumbnail_name(logo.name))
    output = io.StringIO()

    call_command("make_thumbnails", stdout=output)

    assert logo.storage.exists(thumbnail_name(logo.name))
    assert "orgs.Organisation.logo" in output.getvalue() and "100%" in output.getvalue()
    assert "1 thumbnails written." in output.getvalue()
