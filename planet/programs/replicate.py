"""Starting a replication: a new draft project that runs a program somewhere else."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from planet.programs.models import Adaptation, Phase, Replication
from planet.projects.models import (
    Kind,
    Project,
    ProjectLanguage,
    ProjectLocation,
    ProjectMember,
    Stage,
    Status,
    TeamRole,
)


@dataclass
class Place:
    name: str
    country: str
    latitude: float
    longitude: float


def refusal(origin: Project) -> str:
    """Why `origin` cannot be replicated, or "" when it can."""
    if origin.kind != Kind.PROGRAM:
        return _("Only programs can be run elsewhere.")
    if origin.status != Status.PUBLISHED:
        return _("Only published programs can be run elsewhere.")
    pedagogy = getattr(origin, "pedagogy", None)
    if pedagogy is not None and not pedagogy.allows_adaptation:
        return _(
            "The licence of this program (%(licence)s) does not allow adaptations, so it "
            "cannot be replicated here. Contact its team to ask for permission or a "
            "different licence."
        ) % {"licence": pedagogy.get_licence_display()}
    return ""


def _stage(starts_on: date, ends_on: date | None, today: date) -> str:
    if ends_on and ends_on < today:
        return Stage.COMPLETED
    return Stage.RUNNING if starts_on <= today else Stage.IDEA


def _copy_pedagogy(origin: Project, project: Project) -> None:
    source = getattr(origin, "pedagogy", None)
    if source is None:
        return
    phases = list(source.phases.all())
    source.pk = None
    source.project = project
    source._state.adding = True
    source.save()
    Phase.objects.bulk_create(
        Phase(
            pedagogy=source,
            position=phase.position,
            name=phase.name,
            description=phase.description,
            steps=phase.steps,
            duration_hours=phase.duration_hours,
        )
        for phase in phases
    )


@transaction.atomic
def start_replication(
    origin: Project,
    *,
    by,
    title: str,
    summary: str,
    place: Place,
    starts_on: date,
    ends_on: date | None,
    language: str,
    organisation=None,
    adaptations: dict[str, str] | None = None,
    today: date,
) -> Project:
    """Create the replication as a draft owned by `by`; raise ValidationError when the
    program cannot be replicated. `adaptations`: phase name -> what changes there."""
    reason = refusal(origin)
    if reason:
        raise ValidationError(reason, code="not_replicable")
    project = Project.objects.create(
        kind=Kind.PROGRAM,
        title=title,
        summary=summary,
        description="",
        content_language=language,
        stage=_stage(starts_on, ends_on, today),
        starts_on=starts_on,
        ends_on=ends_on,
        age_groups=origin.age_groups,
        created_by=by,
    )
    project.set_goals_and_targets(origin.goals.all(), origin.targets.all())
    if organisation is not None:
        project.organisations.add(organisation)
    ProjectLocation.objects.create(
        project=project,
        place_name=place.name,
        country=place.country,
        latitude=place.latitude,
        longitude=place.longitude,
    )
    ProjectLanguage.objects.create(project=project, code=language)
    ProjectMember.objects.create(project=project, user=by, role=TeamRole.OWNER)
    _copy_pedagogy(origin, project)
    parent = getattr(origin, "replication", None)
    replication = Replication.objects.create(
        project=project,
        origin=origin,
        root_id=parent.root_id if parent else origin.pk,
        depth=(parent.depth + 1) if parent else 1,
        path=f"{parent.path if parent else '/'}{origin.pk}/",
        organisation=organisation,
        created_by=by,
    )
    Adaptation.objects.bulk_create(
        Adaptation(replication=replication, phase_name=name, note=note)
        for name, note in (adaptations or {}).items()
        if note.strip()
    )
    return project
