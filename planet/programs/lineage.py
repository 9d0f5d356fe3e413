"""A program's spread: the lineage below it as the viewer may see it, and its public figures.

A fixed number of queries whatever the depth and breadth of the lineage: the nodes (with
their replication, organisation and creator), their locations, languages and adaptations,
and one sum of learners per project.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, Sum

from planet.programs.models import ImpactReport
from planet.projects.models import Project


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
        """When the run began: its start date, else when it was published or created."""
        project = self.project
        moment = project.published_at or project.created_at
        return project.starts_on or moment.date()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Spread:
    tree: Run
    runs: int  # public runs: the program itself and its public replications below it
    replications: int
    countries: list[str]
    languages: list[str]
    learners: int
    timeline: list[Run]

    @property
    def public_runs(self) -> list[Run]:
        return [run for run in self.tree.walk() if run.project.is_public]


def descendants_prefix(program: Project) -> tuple[int, str]:
    """(root id, path prefix) shared by every replication below `program`."""
    replication = getattr(program, "replication", None)
    if replication is None:
        return program.pk, f"/{program.pk}/"
    return replication.root_id, f"{replication.path}{program.pk}/"


def lineage_nodes(program: Project, viewer):
    root_id, prefix = descendants_prefix(program)
    below = Q(replication__root_id=root_id, replication__path__startswith=prefix)
    return (
        Project.objects.visible_to(viewer)
        .filter(Q(pk=program.pk) | below)
        .select_related("replication__organisation", "replication__created_by__profile")
        .prefetch_related("locations", "languages", "replication__adaptations")
        .order_by("pk")
    )


def learners_by_project(project_ids) -> dict[int, int]:
    rows = (
        ImpactReport.objects.public()
        .filter(project_id__in=project_ids)
        .values("project_id")
        .annotate(total=Sum("learners_total"))
        .order_by()
    )
    return {row["project_id"]: row["total"] or 0 for row in rows}


def _attach(runs: dict[int, Run], top: Run) -> None:
    """Each run under its origin; when the origin is hidden from the viewer, under the
    nearest ancestor they may see (or the program itself)."""
    for run in runs.values():
        if run is top:
            continue
        replication = run.project.replication
        parent = top
        for ancestor_id in reversed(replication.ancestor_ids()):
            if ancestor_id in runs:
                parent = runs[ancestor_id]
                break
        parent.children.append(run)


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
