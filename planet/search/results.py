"""One search as the results page needs it: the viewer's visible documents matching the
query and facets, ranked and paginated, with the count of every facet value. A fixed number
of queries whatever the number of results: a count, a page, two GROUP BY queries for the
facets plus one per chosen facet (and, on PostgreSQL, one more count when few results send
the search to typo tolerance)."""

import functools
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
from planet.search import engine, registry
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
        names = {str(goal.number): str(goal) for goal in Goal.objects.for_tiles()}
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
    return lambda value: language_name(value)


@functools.cache
def _country_names(language: str) -> dict[str, str]:
    return dict(countries)


def _href(query: Query, values: dict, **changes) -> str:
    params = {"q": query.raw, **values, **changes}
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _facets(visible, query: Query, values: dict) -> list[Facet]:
    """Each facet counts with the other facets applied, so that one can switch within it:
    the facets nobody chose share one base (two queries); a chosen facet needs its own."""
    unchosen = [name for name in FACETS if name not in values]
    counts = visible.matching(query, values).facet_counts(unchosen)
    for name in values:
        others = {k: v for k, v in values.items() if k != name}
        counts |= visible.matching(query, others).facet_counts([name])
    facets = []
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
        facets.append(facet)
    return facets


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


class CountedPaginator(Paginator):
    """Counts with the plain matching query: on SQLite, counting through the ranking join
    is many times slower than `id IN (SELECT rowid ... MATCH ...)`."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def _paginator(visible, query: Query, values: dict) -> Paginator:
    total = visible.matching(query, values).count()
    return CountedPaginator(visible.ranked(query, values), PER_PAGE, count=total)


def search(user, query: Query, values: dict, page_number=1) -> Results:
    visible = SearchDocument.objects.visible_to(user)
    paginator = _paginator(visible, query, values)
    if paginator.count < FEW_RESULTS and engine.current().supports_typos:
        query = query.with_typos()
        paginator = _paginator(visible, query, values)
    page = paginator.get_page(page_number)
    decorate(page.object_list, query)
    facets = _facets(visible, query, values)
    return Results(query, page, facets, unfiltered_href=_href(query, {}))


def suggestions(user, query: Query) -> list[SearchDocument]:
    visible = SearchDocument.objects.visible_to(user)
    found = list(visible.ranked(query)[:SUGGESTIONS])
    if not found and engine.current().supports_typos:
        found = list(visible.ranked(query.with_typos())[:SUGGESTIONS])
    return found
