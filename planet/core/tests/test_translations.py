"""The interface in six languages: every catalogue complete, and the language a person sees.

The catalogues in locale/ are regenerated from the code and templates before each commit
(`make messages`); these tests read the committed .po files and name each entry that is
missing, fuzzy, or whose placeholders differ from the English, so that a French page never
shows English and a translation never breaks the `%` formatting of its message.
"""

import ast
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import to_locale

from planet.programs.tests.test_spread import report
from planet.projects.tests.factories import make_project
from planet.stories.tests.factories import make_story

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PERCENT_PLACEHOLDER = re.compile(
    r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])"
)
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


@dataclass
class Entry:
    """One message of a catalogue: its English text(s), its translation(s) and its flags."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def _unquote(text: str) -> str:
    return ast.literal_eval(text)  # a .po string is a C string literal: Python reads it alike


def read_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """The header fields and the live entries (obsolete `#~` ones left out) of a .po file."""
    entries: list[Entry] = []
    entry = Entry(line=1)
    current: tuple[str, int] | None = None

    def finish():
        nonlocal entry
        if entry.msgstr or entry.msgid:
            entries.append(entry)
        entry = Entry(line=0)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if entry.msgstr:
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if entry.msgstr:
                finish()
        elif line.startswith('"') and current:
            _set(entry, current, _get(entry, current) + _unquote(line))
        else:
            keyword, _space, value = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and entry.msgstr:
                finish()
            if not entry.line:
                entry.line = number
            current = _position(keyword)
            _set(entry, current, _unquote(value))
    finish()
    header_entry = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    header = {}
    if header_entry:
        entries.remove(header_entry)
        for header_line in header_entry.msgstr.get(0, "").splitlines():
            name, _colon, value = header_line.partition(":")
            header[name.strip()] = value.strip()
    return header, entries


def _position(keyword: str) -> tuple[str, int]:
    match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
    if match:
        return ("msgstr", int(match.group(1)))
    if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
        raise ValueError(f"unexpected keyword {keyword!r} in a .po file")
    return (keyword, 0)


def _get(entry: Entry, position: tuple[str, int]) -> str:
    name, index = position
    return entry.msgstr.get(index, "") if name == "msgstr" else getattr(entry, name) or ""


def _set(entry: Entry, position: tuple[str, int], value: str) -> None:
    name, index = position
    if name == "msgstr":
        entry.msgstr[index] = value
    else:
        setattr(entry, name, value)


def placeholders(text: str, *, percent: bool) -> list[str]:
    """The formatting placeholders of a message, sorted (order may change in a translation)."""
    found = []
    if percent:
        found += [
            f"%({name})" if name else f"%{kind}"
            for name, kind in PERCENT_PLACEHOLDER.findall(text)
            if kind != "%"
        ]
    found += ["{" + name + "}" for name in BRACE_PLACEHOLDER.findall(text)]
    return sorted(found)


def nplurals(header: dict[str, str]) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def problems_of(entry: Entry, plural_count: int) -> list[str]:
    """What is wrong with one entry, in words ([] when it is complete and consistent)."""
    if "fuzzy" in entry.flags:
        return [f"{entry.label} is fuzzy (a guess that must be checked)"]
    expected = range(plural_count) if entry.msgid_plural is not None else range(1)
    missing = [index for index in expected if not entry.msgstr.get(index, "").strip()]
    if missing:
        forms = "" if entry.msgid_plural is None else f" (plural forms {missing})"
        return [f"{entry.label} is not translated{forms}"]
    percent = "python-format" in entry.flags
    source = placeholders(entry.msgid_plural or entry.msgid, percent=percent)
    problems = []
    for index in expected:
        got = placeholders(entry.msgstr[index], percent=percent)
        last_form = index == len(expected) - 1
        # Plural forms for "one" or "two" may leave the number out, never add another.
        fits = got == source if last_form else set(got) <= set(source)
        if not fits:
            problems.append(
                f"{entry.label} has placeholders {got} in msgstr[{index}], expected {source}"
            )
    return problems


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / to_locale(language) / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language):
    path = catalogue_path(language)
    assert path.exists(), f"no catalogue for {language} at {path}: run make messages"
    header, entries = read_po(path)

    problems = [problem for entry in entries for problem in problems_of(entry, nplurals(header))]

    assert entries, f"{path} holds no message"
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_the_catalogues_hold_the_same_messages():
    """A catalogue that lacks a message the others have was not regenerated."""
    keys = {
        language: {e.key for e in read_po(catalogue_path(language))[1]} for language in TRANSLATED
    }
    every = set().union(*keys.values())

    gaps = {
        language: sorted(repr(msgid) for _context, msgid in every - held)[:20]
        for language, held in keys.items()
        if every - held
    }

    assert not gaps, f"messages missing from some catalogues (run make messages): {gaps}"


def test_the_checks_find_what_a_translator_can_get_wrong(tmp_path):
    """The reader and the checks themselves, on a small catalogue with one mistake of each kind."""
    catalogue = tmp_path / "django.po"
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Bonjour %(nom)s"\n\n'
        'msgid "Projects"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Stories"\nmsgstr "Histoires"\n\n'
        '#, python-format\nmsgid "%(counter)s member"\nmsgid_plural "%(counter)s members"\n'
        'msgstr[0] "un membre"\nmsgstr[1] ""\n\n'
        'msgctxt "menu"\nmsgid "Map"\nmsgstr ""\n"Carte"\n\n'
        '#, python-brace-format\nmsgid "{count} left"\nmsgstr "{total} restants"\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    header, entries = read_po(catalogue)
    problems = [problem for entry in entries for problem in problems_of(entry, nplurals(header))]

    assert header["Language"] == "fr"
    assert [e.msgid for e in entries] == [
        "Hello %(name)s",
        "Projects",
        "Stories",
        "%(counter)s member",
        "Map",
        "{count} left",
    ]
    assert entries[4].msgctxt == "menu" and entries[4].msgstr == {0: "Carte"}
    assert len(problems) == 5
    assert "'Hello %(name)s' has placeholders ['%(nom)']" in problems[0]
    assert "'Projects' is not translated" in problems[1]
    assert "'Stories' is fuzzy" in problems[2]
    assert "'%(counter)s member' is not translated (plural forms [1])" in problems[3]
    assert "'{count} left' has placeholders ['{total}']" in problems[4]


@pytest.mark.parametrize(
    ("percent", "text", "expected"),
    [
        (True, "%(size)s of %(limit)s", ["%(limit)", "%(size)"]),
        (True, "100%% sure, %s and %d", ["%d", "%s"]),
        (False, "100 % des projets", []),
        (False, "{count} in {{ literal }}", ["{count}"]),
    ],
)
def test_placeholders_are_read_as_python_formats_them(percent, text, expected):
    assert placeholders(text, percent=percent) == expected


# The language a person sees, and how dates and numbers are written in it.


def _html_language(response) -> tuple[str, str]:
    return re.search(r'<html lang="([\w-]+)" dir="(\w+)"', response.content.decode()).groups()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("de-DE,de;q=0.9,es;q=0.8,en;q=0.5", ("es", "ltr")),  # the first one we speak
        ("zh-CN,zh;q=0.9", ("zh-hans", "ltr")),  # what Chinese browsers send
        ("ar-MA", ("ar", "rtl")),
        ("ru", ("ru", "ltr")),
    ],
)
def test_the_browser_languages_are_followed_in_order_of_preference(
    client, accept_language, expected
):
    response = client.get("/", headers={"accept-language": accept_language})

    assert _html_language(response) == expected


@pytest.mark.django_db
def test_a_chosen_language_sticks_across_pages_and_visits(client):
    response = client.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/projects/"},
        headers={"accept-language": "fr"},
    )
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]

    assert response.status_code == 302
    assert cookie.value == "es" and int(cookie["max-age"]) >= 365 * 24 * 3600
    for path in ("/projects/", "/stories/", "/sdg/4/", "/accounts/login/"):
        page = client.get(path, headers={"accept-language": "fr"})
        assert _html_language(page) == ("es", "ltr"), path


@pytest.mark.django_db
def test_dates_and_numbers_are_written_the_way_each_language_writes_them(outsider):
    program = make_project(outsider, title="Rivers")
    report(program, 12345)
    make_story(outsider, published_at=datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC))
    expected = {
        "en": ("12,345", "March 5, 2026"),
        "fr": ("12\xa0345", "5 mars 2026"),
        "ar": ("12.345", "5 مارس، 2026"),
        "zh-hans": ("12,345", "2026年3月5日"),
    }

    for language, (learners, date) in expected.items():
        client = Client(headers={"accept-language": language})
        programs = client.get("/programs/").content.decode()
        stories = client.get("/stories/").content.decode()
        assert f'data-figure="learners">{learners}<' in programs, language
        assert date in stories, language
