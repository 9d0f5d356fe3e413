"""The scale page (/programs/): original programs ranked by how far they spread and how many
learners they reached, filtered by SDG and by country, with the runs of their lineages per
year.

A program's lineage is the program and every replication whose `root` it is. Only public
runs count (published or archived), the same for every viewer. Every figure is a correlated
subquery of the ranking query, so a page costs the same few queries whatever the number of
programs and runs. Each subquery starts from an index (a program's own rows by their project,
its replications' rows through Replication (root, depth)) and the filters use
ProjectLocation.country and the goals' through table (project, goal): no new index needed.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from planet.programs.models import ImpactReport, Replication
from planet.projects.models import PUBLIC_STATUSES, Kind, Project, ProjectLocation
from planet.sdgs.models import Goal

PROGRAMS_PER_PAGE = 20

SORTS = {
    "spread": ("-runs", "-countries", "-learners", "-pk"),
    "learners": ("-learners", "-runs", "-countries", "-pk"),
}


class Total(Func):
    """SUM(...) over a whole subquery, without GROUP BY."""

    function = "SUM"
    output_field = IntegerField()


class DistinctCount(Func):
    """COUNT(DISTINCT ...) over a whole subquery, without GROUP BY."""

    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _scalar(queryset, expression):
    """One aggregate over `queryset` as a subquery, 0 when it has no rows."""
    values = queryset.order_by().annotate(value=expression).values("value")[:1]
    return Coalesce(Subquery(values, output_field=IntegerField()), 0)


def counted_projects():
    """What the scale page counts: what everyone may see, the same for every viewer (a
    figure that moved when a draft is saved would reveal it)."""
    return Project.objects.visible_to(AnonymousUser()).public()


def original_programs():
    """Public programs that are not replications of another: the roots of lineages."""
    replicated = Replication.objects.filter(project=OuterRef("pk"))
    return counted_projects().filter(kind=Kind.PROGRAM).exclude(Exists(replicated))


def own_rows(model):
    """Rows of `model` that belong to the outer program itself (public, as every original
    program ranked here)."""
    return model.objects.filter(project_id=OuterRef("pk"))


def replication_rows(model):
    """Rows of `model` that belong to the public replications of the outer program.

    Kept apart from the program's own rows (rather than one OR) so that each subquery
    starts from an index: Replication (root, depth), then the rows' project index."""
    return model.objects.filter(
        project__replication__root_id=OuterRef("pk"), project__status__in=PUBLIC_STATUSES
    )


def with_spread(programs):
    """Annotate `runs` (the program and its public replications), `countries` (reached by
    a public run) and `learners` (summed over the public impact reports of the lineage).
    `programs` are original programs, public themselves.

    Countries are those of the program's own places plus those its replications added (a
    country the program already runs in is not counted twice)."""
    replications = Replication.objects.public().filter(root=OuterRef("pk"))
    own_countries = ProjectLocation.objects.filter(project_id=OuterRef(OuterRef("pk")))
    added_places = replication_rows(ProjectLocation).exclude(
        country__in=own_countries.values("country")
    )
    countries = DistinctCount(F("country"))
    learners = Total(F("learners_total"))
    return programs.annotate(
        runs=1 + _scalar(replications, Func(F("pk"), function="COUNT")),
        countries=_scalar(own_rows(ProjectLocation), countries) + _scalar(added_places, countries),
        learners=_scalar(own_rows(ImpactReport), learners)
        + _scalar(replication_rows(ImpactReport), learners),
    )


def serving_goal(programs, goal: Goal):
    tagged = Project.goals.through.objects.filter(project=OuterRef("pk"), goal=goal)
    return programs.filter(Exists(tagged))


def reaching_country(programs, code: str):
    """Programs one of whose public runs takes place in the country `code`."""
    here = Q(Exists(own_rows(ProjectLocation).filter(country=code)))
    return programs.filter(here | Q(Exists(replication_rows(ProjectLocation).filter(country=code))))


def ranked(programs, sort: str):
    return with_spread(programs).prefetch_related("goals").order_by(*SORTS[sort])


def run_year():
    """The year a run began: its start date, else when it was published or created."""
    return Coalesce(
        ExtractYear("starts_on"), ExtractYear("published_at"), ExtractYear("created_at")
    )


def lineage_runs(programs):
    """The public runs, originals and replications, of the lineages of `programs`."""
    roots = programs.values("pk")
    return counted_projects().filter(Q(pk__in=roots) | Q(replication__root_id__in=roots))


def runs_per_year(programs) -> list[tuple[int, int]]:
    """(year, runs that began that year) for every year from the first to the last."""
    rows = (
        lineage_runs(programs)
        .annotate(year=run_year())
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    found = {row["year"]: row["n"] for row in rows}
    if not found:
        return []
    return [(year, found.get(year, 0)) for year in range(min(found), max(found) + 1)]


@dataclass
class Bar:
    year: int
    runs: int
    x: int
    y: int
    height: int
    label_x: int


@dataclass
class Chart:
    """A bar chart of runs per year, drawn by the template as SVG (no script, no style)."""

    bars: list[Bar]
    width: int
    height: int
    bar_width: int
    base: int
    total: int


CHART_HEIGHT = 200
CHART_TOP = 20  # room for the count above the tallest bar
CHART_BOTTOM = 24  # room for the years below the bars
SLOT = 48


def chart_of(years: list[tuple[int, int]]) -> Chart | None:
    if not years:
        return None
    tallest = max(runs for _year, runs in years) or 1
    base = CHART_HEIGHT - CHART_BOTTOM
    room = base - CHART_TOP
    bars = []
    for index, (year, runs) in enumerate(years):
        height = round(room * runs / tallest)
        x = index * SLOT + 8
        bars.append(Bar(year, runs, x, base - height, height, x + (SLOT - 16) // 2))
    return Chart(
        bars=bars,
        width=len(years) * SLOT,
        height=CHART_HEIGHT,
        bar_width=SLOT - 16,
        base=base,
        total=sum(runs for _year, runs in years),
    )


def _any(choices):
    return lambda: [("", _("Any"))] + list(choices() if callable(choices) else choices)


class ScaleFilterForm(forms.Form):
    """The filters and sort order of the scale page, read from the query string."""

    sort = forms.ChoiceField(
        label=_("Rank by"),
        choices=[("spread", _("Spread (runs)")), ("learners", _("Learners reached"))],
        required=False,
    )
    goal = forms.ModelChoiceField(
        label=_("SDG"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        empty_label=_("Any"),
        error_messages={
            "invalid_choice": _("There is no such SDG: choose one of the 17 goals."),
        },
    )
    country = forms.ChoiceField(
        label=_("Reached country"),
        choices=_any(lambda: countries),
        required=False,
        error_messages={
            "invalid_choice": _("This is not a country we know: choose one from the list."),
        },
    )

    def sort_order(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or "spread"

    def filter_errors(self) -> list[str]:
        """What is wrong with the filters (the sort order falls back to spread)."""
        self.is_valid()
        return [
            f"{self.fields[name].label}: {' '.join(errors)}"
            for name, errors in self.errors.items()
            if name != "sort"
        ]


def filtered_programs(form: ScaleFilterForm):
    """Original programs matching the form's filters; none when a filter is wrong."""
    programs = original_programs()
    if form.filter_errors():
        return programs.none()
    if goal := form.cleaned_data.get("goal"):
        programs = serving_goal(programs, goal)
    if country := form.cleaned_data.get("country"):
        programs = reaching_country(programs, country)
    return programs
