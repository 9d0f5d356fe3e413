"""One search as the results page needs it: the viewer's visible documents matching the
query and facets, ranked and paginated, with the count of every facet value. The same few
queries whatever the number of results and facets: one scan of the matching documents (the
count, every facet count and the ranking come from it, see facets.py and engine.py), the
page's rows, the goals' names; on PostgreSQL, one more for the page when the title matches
do not fill it, and a second scan when few results send the search to typo tolerance."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from planet.lib.languages import language_name
from planet.orgs.models import OrganisationKind
from planet.projects.models import Kind, Stage, Status
from planet.sdgs.models import Goal
from planet.search import engine, facets, registry
from planet.search.forms import FACETS
from planet.search.models import SearchDocument
from planet.search.text import Query, snippet

PER_PAGE = 20
SUGGESTIONS = 8
FEW_RESULTS = 3  # below this, PostgreSQL also accepts near spellings of the words
OPTIONS_PER_FACET = 12  # the most frequent values; a chosen one is always shown

FACET_LABELS = {
    "type": _("Type"),
    "goal": _("SDG"),
    "kind": _("Kind of project"),
    "stage": _("Stage"),
    "country": _("Country"),
    "language": _("Language"),
    "organisation_kind": _("Kind of organisation"),
}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    href: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)
    clear_href: str = ""


@dataclass
class Results:
    query: Query
    page: Page
    facets: list[Facet]
    unfiltered_href: str = ""


def _labeller(name: str):
    if name == "goal":
        goals = Goal.objects.for_tiles().only("number", "short_names")
        names = {str(goal.number): str(goal) for goal in goals}
        return lambda value: names.get(value, value)
    fixed = {
        "type": dict(registry.type_choices()),
        "kind": dict(Kind.choices),
        "stage": dict(Stage.choices),
        "organisation_kind": dict(OrganisationKind.choices),
    }
    if name in fixed:
        return lambda value: fixed[name].get(value, value)
    if name == "country":
        names = _country_names(get_language() or "en")
        return lambda value: names.get(value, value)
    language = get_language() or "en"
    return lambda value: _language_name(value, language)


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    return dict(countries)


@functools.cache
def _language_name(code: str, language: str) -> str:
    return language_name(code, language)


def _href(query: Query, values: dict, **changes) -> str:
    params = {"q": query.raw, **values, **changes}
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _facets(query: Query, values: dict, counts: dict) -> list[Facet]:
    """`counts`: each facet's counts with the other chosen facets applied."""
    found = []
    for name in FACETS:
        others = {k: v for k, v in values.items() if k != name}
        label = _labeller(name)
        facet = Facet(name, FACET_LABELS[name], clear_href=_href(query, others))
        shown = counts[name][:OPTIONS_PER_FACET]
        shown += [(v, c) for v, c in counts[name][OPTIONS_PER_FACET:] if v == values.get(name)]
        for value, count in shown:
            selected = values.get(name) == value
            facet.options.append(
                Option(value, label(value), count, selected, _href(query, others, **{name: value}))
            )
        if values.get(name) and not any(o.selected for o in facet.options):
            value = values[name]  # chosen but no longer matching: still shown, to be removed
            facet.options.append(Option(value, label(value), 0, True, facet.clear_href))
        found.append(facet)
    return found


def badges(document: SearchDocument) -> list[str]:
    labels = [document.type_label]
    if document.kind:
        labels.append(Kind(document.kind).label if document.kind in Kind else document.kind)
    if document.stage in Stage:
        labels.append(Stage(document.stage).label)
    if document.featured:
        labels.append(_("Featured"))
    if document.status and document.status != Status.PUBLISHED and document.status in Status:
        labels.append(Status(document.status).label)
    return labels


def decorate(documents, query: Query) -> list[SearchDocument]:
    for document in documents:
        document.snippet = "" if document.titles else snippet(document.body, query)
        document.badges = badges(document)
    return documents


class Ranked(Sequence):
    """The ranked results as the paginator sees them: counted already, each page read
    when sliced."""

    def __init__(self, visible, query: Query, values: dict, counts: facets.Counts):
        self.visible, self.query, self.values, self.counts = visible, query, values, counts

    def __len__(self) -> int:
        return self.counts.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Ranked results are read a page at a time.")
        start, stop, _step = index.indices(len(self))
        return self.visible.ranked_slice(self.query, self.values, start, stop, self.counts.rows)


def _counts(visible, query: Query, values: dict) -> facets.Counts:
    """The scan includes the documents missing one chosen value: the counts of that value's
    facet need them."""
    return facets.count(visible.scan(query, values), values)


def search(user, query: Query, values: dict, page_number=1) -> Results:
    visible = SearchDocument.objects.visible_to(user)
    counts = _counts(visible, query, values)
    if counts.total < FEW_RESULTS and engine.current().supports_typos:
        query = query.with_typos()
        counts = _counts(visible, query, values)
    ranked = Ranked(visible, query, values, counts)
    page = Paginator(ranked, PER_PAGE).get_page(page_number)
    decorate(page.object_list, query)
    found = _facets(query, values, counts.facets)
    return Results(query, page, found, unfiltered_href=_href(query, {}))


def suggestions(user, query: Query) -> list[SearchDocument]:
    visible = SearchDocument.objects.visible_to(user)
    found = visible.best(query, SUGGESTIONS)
    if not found and engine.current().supports_typos:
        found = visible.best(query.with_typos(), SUGGESTIONS)
    return found
