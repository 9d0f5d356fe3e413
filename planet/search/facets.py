"""Facet values kept in the document's own row, and counted in Python.

Each document stores every facet value it has as one key in `SearchDocument.facet_keys`:
the facet's letter and the value, each key between spaces (" tproject kprogram srunning g4
g6 cKE len "), so that " g4 " finds a key in SQL and in Python alike. A results page reads
the keys of the viewer's matching documents once, whatever facets are chosen, and derives
from that one list the number of results and the counts of all seven facets, each counted
with the other chosen facets applied (so that one can switch within a facet): no join, and
one query whatever the number of facets chosen.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

CODES = {
    "type": "t",
    "kind": "k",
    "stage": "s",
    "goal": "g",
    "country": "c",
    "language": "l",
    "organisation_kind": "o",
}
KEYS_OF = {code: re.compile(f" ({code}[^ ]+)") for code in CODES.values()}


def key(name: str, value) -> str:
    """One facet value as a key; values are codes (no spaces)."""
    return CODES[name] + str(value)


def spaced(name: str, value) -> str:
    """The key as it is found in `facet_keys`."""
    return f" {key(name, value)} "


def document_keys(single: dict[str, str], multi: dict[str, Iterable]) -> str:
    """The keys of a document: its one-valued facets (type, kind, stage) then the others."""
    keys = [key(name, value) for name, value in single.items() if value]
    for name, values in multi.items():
        texts = sorted({str(value) for value in values if value not in ("", None)})
        keys += [key(name, text) for text in texts]
    return f" {' '.join(keys)} "


def split(keys: str) -> list[tuple[str, str]]:
    """[(facet name, value), ...] of a `facet_keys` text."""
    names = {code: name for name, code in CODES.items()}
    return [(names[item[0]], item[1:]) for item in keys.split()]


@dataclass
class Counts:
    rows: list[tuple]  # those of the documents with every chosen value
    facets: dict[str, list[tuple[str, int]]]  # {facet: [(value, count), ...]}, most first

    @property
    def total(self) -> int:
        return len(self.rows)


def count(rows: Iterable[tuple], chosen: dict[str, str]) -> Counts:
    """`rows`: tuples starting with the facet keys, one per document matching the query
    (at least those missing at most one chosen value); `chosen`: {facet: value}."""
    passing, missing_one = _partition(list(rows), chosen)
    common = _tally(passing)
    facets = {}
    for name, code in CODES.items():
        counter = common + _tally_of(missing_one[name], code) if name in chosen else common
        facets[name] = _ordered(counter, code)
    return Counts(passing, facets)


def _partition(rows: list, chosen: dict[str, str]):
    """The rows with every chosen value, and for each chosen facet those missing only it:
    they count for that facet's own options. Whole-list steps rather than a loop over the
    rows: a search reads thousands of them."""
    if not chosen:
        return rows, {}
    wanted = {name: spaced(name, value) for name, value in chosen.items()}
    has = {name: [wanted_key in row[0] for row in rows] for name, wanted_key in wanted.items()}
    if len(has) == 1:
        ((name, flags),) = has.items()
        pairs = list(zip(rows, flags, strict=True))
        passing = [row for row, present in pairs if present]
        return passing, {name: [row for row, present in pairs if not present]}
    misses = [len(has) - sum(flags) for flags in zip(*has.values(), strict=True)]
    passing = [row for row, missed in zip(rows, misses, strict=True) if not missed]
    missing_one = {
        name: [
            row
            for row, missed, present in zip(rows, misses, flags, strict=True)
            if missed == 1 and not present
        ]
        for name, flags in has.items()
    }
    return passing, missing_one


def _tally(rows) -> Counter:
    return Counter(" ".join([row[0] for row in rows]).split())


def _tally_of(rows, code: str) -> Counter:
    """Only the keys of one facet: a third of the cost of counting them all."""
    return Counter(KEYS_OF[code].findall("".join([row[0] for row in rows])))


def _ordered(counter: Counter, code: str) -> list[tuple[str, int]]:
    pairs = [(item[1:], total) for item, total in counter.items() if item[0] == code]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
