"""Valid HTML (issue 10, point 3): the Nu HTML checker (vnu-jar, run with Java) finds no error
on the main page templates, as an anonymous visitor and as a member sees them, and on the
forms as they look after an empty post. Java starts once for all the pages; its warnings
do not fail the test but are reported as a pytest warning."""

import json
import os
import re
import shutil
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from conftest import client_for
from planet.e2e.pages import (
    FORMS_WITH_ERRORS,
    MAIN_PAGES,
    MEMBER,
    MainPage,
    PublicData,
    public_data_fixture,  # noqa: F401  (the public_data fixture)
)

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    """The command that runs the checker; outside CI a missing tool skips the test."""
    java = shutil.which("java")
    missing = None
    if java is None:
        missing = "Java is not installed: apt-get install default-jre-headless"
    elif not VNU_JAR.exists():
        missing = "The Nu HTML checker is not installed: make setup (npm ci)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]


class _PostedFields(HTMLParser):
    """The hidden fields of the page's own POST forms (CSRF token, formset management
    forms, one-use tokens): what an empty submission of the form sends."""

    def __init__(self, path: str):
        super().__init__()
        self.path, self.in_form, self.fields = path, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            own_action = attrs.get("action") in (None, "", self.path)
            self.in_form = attrs.get("method", "").lower() == "post" and own_action
        elif tag == "input" and self.in_form and attrs.get("type") == "hidden":
            self.fields[attrs.get("name", "")] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def _render(page: MainPage, data: PublicData, *, empty_post: bool = False) -> str:
    client = client_for(data.member if page.viewer == MEMBER else None)
    url = page.url(data)
    response = client.get(url)
    assert response.status_code == 200, f"{page}: GET {url} answered {response.status_code}"
    if empty_post:
        fields = _PostedFields(url)
        fields.feed(response.text)
        response = client.post(url, fields.fields)
        assert response.status_code in (200, 400), f"{page}: the empty post was accepted"
        assert 'aria-invalid="true"' in response.text, f"{page}: no field marked invalid"
    return response.text


def _file_name(number: int, page: MainPage, suffix: str = "") -> str:
    slug = re.sub(r"\W+", "-", f"{page.name} {page.viewer} {suffix}".strip()).lower()
    return f"{number:02d}-{slug}.html"


def _write_documents(data: PublicData, folder: Path) -> dict[str, str]:
    """Every page to check in `folder`; returns file name -> what the report calls it."""
    documents = {}
    checks = [(page, False) for page in MAIN_PAGES] + [(p, True) for p in FORMS_WITH_ERRORS]
    for number, (page, empty_post) in enumerate(checks):
        name = _file_name(number, page, "with errors" if empty_post else "")
        (folder / name).write_text(_render(page, data, empty_post=empty_post))
        label = f"{page} {page.url(data)}" + (" after an empty post" if empty_post else "")
        documents[name] = label
    return documents


def _run(vnu: list[str], folder: Path) -> list[dict]:
    files = sorted(str(path) for path in folder.glob("*.html"))
    result = subprocess.run([*vnu, *files], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"vnu failed: {result.stderr}"
    return json.loads(result.stderr)["messages"]  # vnu writes its JSON report on stderr


def _describe(message: dict, documents: dict[str, str]) -> str:
    page = documents.get(Path(message.get("url", "")).name, message.get("url", "?"))
    extract = " ".join(message.get("extract", "").split())
    return f"{page}, line {message.get('lastLine', '?')}: {message['message']}\n    {extract}"


def test_main_pages_have_no_html_errors(public_data, tmp_path, vnu):
    documents = _write_documents(public_data, tmp_path)

    messages = _run(vnu, tmp_path)

    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    notices = [m for m in messages if m["type"] == "info" and m.get("subType") == "warning"]
    if notices:
        warnings.warn(
            "vnu warnings:\n" + "\n".join(_describe(m, documents) for m in notices), stacklevel=1
        )
    assert len(documents) == len(MAIN_PAGES) + len(FORMS_WITH_ERRORS)
    if errors:
        pytest.fail(
            f"{len(errors)} HTML errors:\n" + "\n".join(_describe(m, documents) for m in errors)
        )
