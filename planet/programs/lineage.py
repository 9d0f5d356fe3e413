"""A program's spread: the lineage below it as the viewer may see it, and its public figures.

A fixed number of queries whatever the depth and breadth of the lineage: the nodes (with
their replication, organisation and creator), their locations, languages, organisations and
adaptations, and one sum of learners per project.

Public figures (runs, countries, languages, learners) count public runs only, the same for
every viewer: a draft replication shown to its team never moves them.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Sum
from django.utils import timezone
from django_countries import countries as country_names

from planet.lib.languages import language_name
from planet.programs.models import ImpactReport, Replication
from planet.projects.models import Project, ProjectLanguage, ProjectLocation


def started_on(project: Project) -> date:
    """When a run began: its start date, else when it was published or created (in the
    viewer's time zone, as the database's year extraction on the scale page)."""
    moment = project.published_at or project.created_at
    return project.starts_on or timezone.localdate(moment)


@dataclass
class Run:
    project: Project
    children: list["Run"] = field(default_factory=list)
    learners: int = 0

    @property
    def replication(self):
        return getattr(self.project, "replication", None)

    @property
    def started(self) -> date:
        return started_on(self.project)

    @property
    def adapted_by(self):
        """Who runs this adaptation: its organisation, else the member who started it."""
        replication = self.replication
        if replication is None:
            return None
        return replication.organisation or replication.created_by

    def walk(self):
        """This run and every run below it, depth first (without recursion: lineages may
        be deep)."""
        stack, seen = [self], set()
        while stack:
            run = stack.pop()
            if id(run) in seen:
                continue
            seen.add(id(run))
            yield run
            stack.extend(reversed(run.children))


@dataclass
class OutlineEntry:
    """One run of the lineage tree, flattened for templates: open a nested list after it
    when it has children, otherwise close its item and `closes` enclosing lists."""

    run: Run
    depth: int
    has_children: bool
    closes: range


@dataclass
class Figures:
    """Public figures of a lineage: the same for every viewer."""

    runs: int
    replications: int
    countries: list[str]  # ISO codes
    languages: list[str]  # ISO 639-1 codes
    learners: int

    @property
    def country_names(self) -> list[str]:
        return sorted(country_names.name(code) for code in self.countries)

    @property
    def language_names(self) -> list[str]:
        return sorted(language_name(code) for code in self.languages)


@dataclass(kw_only=True)
class Spread(Figures):
    tree: Run
    timeline: list[Run]

    @property
    def public_runs(self) -> list[Run]:
        return [run for run in self.tree.walk() if run.project.is_public]

    def outline(self) -> list[OutlineEntry]:
        entries: list[OutlineEntry] = []
        stack = [(self.tree, 0)]
        while stack:
            run, depth = stack.pop()
            entries.append(OutlineEntry(run, depth, bool(run.children), range(0)))
            stack.extend((child, depth + 1) for child in reversed(run.children))
        for entry, following in zip(entries, [*entries[1:], None], strict=True):
            if not entry.has_children:
                entry.closes = range(entry.depth - (following.depth if following else 0))
        return entries

    def points(self) -> list[dict]:
        """The places of every run the viewer may see, for static/js/map.js."""
        return [
            {
                "lat": location.latitude,
                "lng": location.longitude,
                "label": f"{run.project.title} ({location.place_name})",
            }
            for run in self.tree.walk()
            for location in run.project.locations.all()
        ]


def descendants_prefix(program: Project) -> tuple[int, str]:
    """(root id, path prefix) shared by every replication below `program`."""
    replication = getattr(program, "replication", None)
    if replication is None:
        return program.pk, f"/{program.pk}/"
    return replication.root_id, f"{replication.path}{program.pk}/"


def lineage_ids(program: Project):
    """The ids of `program` and of every replication below it, as a subquery.

    A UNION rather than one OR over a join, so that each half starts from an index (the
    replications' (root, depth), the program's primary key) whatever the size of the
    project table."""
    root_id, prefix = descendants_prefix(program)
    below = Replication.objects.filter(root_id=root_id, path__startswith=prefix)
    itself = Project.objects.filter(pk=program.pk).order_by().values("pk")
    return below.order_by().values("project_id").union(itself, all=True)


def lineage_nodes(program: Project, viewer):
    return (
        Project.objects.visible_to(viewer)
        .filter(pk__in=lineage_ids(program))
        .select_related("replication__organisation", "replication__created_by__profile")
        .prefetch_related("locations", "languages", "organisations", "replication__adaptations")
        .order_by("pk")
    )


def public_lineage(program: Project):
    """The public runs of the lineage below `program` (the program included when public)."""
    return Project.objects.public().filter(pk__in=lineage_ids(program))


def learners_by_project(project_ids) -> dict[int, int]:
    rows = (
        ImpactReport.objects.public()
        .filter(project_id__in=project_ids)
        .values("project_id")
        .annotate(total=Sum("learners_total"))
        .order_by()
    )
    return {row["project_id"]: row["total"] or 0 for row in rows}


def public_figures(program: Project) -> Figures:
    """The public figures of the lineage below `program` without loading its runs: four
    aggregate queries, for the summary on the project page."""
    runs = public_lineage(program)
    run_count = runs.aggregate(n=Count("pk"))["n"]
    located = ProjectLocation.objects.filter(project__in=runs).order_by("country")
    spoken = ProjectLanguage.objects.filter(project__in=runs).order_by("code")
    learners = ImpactReport.objects.public().filter(project__in=runs).order_by()
    return Figures(
        runs=run_count,
        replications=run_count - (1 if program.is_public else 0),
        countries=[str(code) for code in located.values_list("country", flat=True).distinct()],
        languages=list(spoken.values_list("code", flat=True).distinct()),
        learners=learners.aggregate(total=Sum("learners_total"))["total"] or 0,
    )


def _attach(runs: dict[int, Run], top: Run) -> None:
    """Each run under its origin; when the origin is hidden from the viewer, under the
    nearest ancestor they may see (or the program itself)."""
    for run in runs.values():
        if run is top:
            continue
        replication = run.project.replication
        parent = top
        for ancestor_id in reversed(replication.ancestor_ids()):
            if ancestor_id in runs and ancestor_id != run.project.pk:
                parent = runs[ancestor_id]
                break
        parent.children.append(run)
    for run in runs.values():
        run.children.sort(key=lambda child: (child.started, child.project.pk))


def spread_of(program: Project, viewer) -> Spread:
    nodes = list(lineage_nodes(program, viewer))
    learners = learners_by_project([node.pk for node in nodes])
    runs = {node.pk: Run(node, learners=learners.get(node.pk, 0)) for node in nodes}
    top = runs.get(program.pk) or Run(program)
    _attach(runs, top)
    public = [run for run in runs.values() if run.project.is_public]
    countries = sorted(
        {location.country.code for run in public for location in run.project.locations.all()}
    )
    languages = sorted({lang.code for run in public for lang in run.project.languages.all()})
    return Spread(
        tree=top,
        runs=len(public),
        replications=len([run for run in public if run is not top]),
        countries=countries,
        languages=languages,
        learners=sum(run.learners for run in public),
        timeline=sorted(public, key=lambda run: (run.started, run.project.pk)),
    )
