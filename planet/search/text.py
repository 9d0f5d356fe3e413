"""Text helpers shared by both engines: normalising, turning user input into plain search
terms (never engine syntax), and building safe snippets with the matches marked."""

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Letters and digits only: quotes, stars, colons, brackets, dashes, carets and the like
# separate words and never reach the engine as syntax.
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents: "École" becomes "ecole"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Query:
    """What a person typed, reduced to plain words."""

    raw: str
    terms: tuple[str, ...] = field(default=())
    truncated: bool = False
    fuzzy: bool = False  # also accept near spellings of the words (where the engine can)

    @classmethod
    def parse(cls, raw: str | None) -> "Query":
        raw = (raw or "").strip()
        truncated = len(raw) > MAX_QUERY_LENGTH
        raw = raw[:MAX_QUERY_LENGTH]
        terms = []
        for word in WORD.findall(fold(raw)):
            if word not in terms:
                terms.append(word)
        return cls(raw=raw, terms=tuple(terms[:MAX_TERMS]), truncated=truncated)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def with_typos(self) -> "Query":
        return dataclasses.replace(self, fuzzy=True)


def _stem(term: str) -> str:
    """A rough stem, to mark "city" for the query "cities" in snippets."""
    return term[: max(3, len(term) - 3)] if len(term) > 4 else term


def _matches(word: str, stems: tuple[str, ...]) -> bool:
    return (word.lower() if word.isascii() else fold(word)).startswith(stems)


def snippet(text: str, query: Query, *, words: int = 30) -> SafeString:
    """About `words` words of `text` around the first match, escaped, matches in <mark>."""
    text = text[:4000]
    stems = tuple(_stem(term) for term in query.terms)
    if not text or not stems:
        return mark_safe("")
    haystack = text.lower() if text.isascii() else fold(text)
    if len(haystack) != len(text):  # a ligature or "ß" changed the length: no accent folding
        haystack = text.lower()
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(stem) for stem in stems) + ")"
    found = re.search(pattern, haystack)
    start = 0
    if found and found.start() > 80:
        start = text.rfind(" ", 0, found.start() - 60) + 1
    window = text[start : start + words * 12]
    tokens = list(WORD.finditer(window))[:words]
    if not tokens:
        return mark_safe("")
    end = tokens[-1].end()
    parts, cursor = [], 0
    for token in tokens:
        parts.append(escape(window[cursor : token.start()]))
        word = escape(token.group())
        parts.append(f"<mark>{word}</mark>" if _matches(token.group(), stems) else word)
        cursor = token.end()
    prefix = "… " if start else ""
    suffix = " …" if start + end < len(text) else ""
    return mark_safe(prefix + "".join(parts).strip() + suffix)
