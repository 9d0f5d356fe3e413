"""The world's languages (ISO 639-1) for profiles and content, named in the viewer's language."""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def _codes_and_english_names() -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(
            ((lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")),
            key=lambda pair: pair[1],
        )
    )


@cache
def _translator(language: str):
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language.replace("-", "_")], fallback=True
    )


def language_name(code: str, language: str | None = None) -> str:
    names = dict(_codes_and_english_names())
    english = names.get(code, code)
    return _translator(language or get_language() or "en").gettext(english)


def language_choices() -> list[tuple[str, str]]:
    translator = _translator(get_language() or "en")
    return sorted(
        ((code, translator.gettext(name)) for code, name in _codes_and_english_names()),
        key=lambda pair: pair[1].casefold(),
    )


LANGUAGE_CODES = frozenset(code for code, _ in _codes_and_english_names())


def interface_language_code() -> str:
    """The ISO 639-1 code of the current interface language ("zh-hans" → "zh")."""
    code = (get_language() or "en").split("-")[0]
    return code if code in LANGUAGE_CODES else "en"
