"""Projects in the JSON API: a list with the filters of the web list, and each project with
its SDG goals and targets (codes and UN URIs), locations, organisations and lineage."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django_countries import countries
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from planet.lib.api import ERRORS, PageParams, page_schema, paginate
from planet.lib.languages import LANGUAGE_CODES
from planet.orgs.models import Organisation, OrganisationKind
from planet.projects.models import (
    Kind,
    Project,
    ProjectLanguage,
    ProjectLocation,
    Stage,
    Status,
)

router = Router(tags=["projects"])


class SdgRefOut(Schema):
    code: str = Field(examples=["4.7"])
    uri: str = Field(examples=["http://metadata.un.org/sdg/4.7"])


class LocationOut(Schema):
    place_name: str
    country: str
    latitude: float
    longitude: float

    @staticmethod
    def resolve_country(location) -> str:
        return location.country.code


class OrganisationRefOut(Schema):
    slug: str
    name: str


class ProjectRefOut(Schema):
    slug: str
    title: str


class LineageOut(Schema):
    replicated_from: ProjectRefOut | None = Field(
        description="The program this project adapts (null if you may not see it)."
    )
    root: ProjectRefOut | None = Field(description="The first program of the lineage.")
    depth: int = Field(description="1 for an adaptation of the root, 2 for one of that, ...")


class ProjectOut(Schema):
    slug: str
    url: str = Field(description="The project's page on the site.")
    title: str
    summary: str
    kind: Kind
    stage: Stage
    status: Status
    content_language: str
    languages: list[str]
    age_groups: list[str]
    starts_on: date | None
    ends_on: date | None
    goals: list[SdgRefOut]
    targets: list[SdgRefOut]
    locations: list[LocationOut]
    organisations: list[OrganisationRefOut]
    lineage: LineageOut | None = Field(description="Null unless the project adapts a program.")
    featured: bool
    published_at: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_url(project, context) -> str:
        return context["request"].build_absolute_uri(project.get_absolute_url())

    @staticmethod
    def resolve_languages(project) -> list[str]:
        return [language.code for language in project.languages.all()]

    @staticmethod
    def resolve_featured(project) -> bool:
        return project.is_featured

    @staticmethod
    def resolve_lineage(project):
        return getattr(project, "lineage_out", None)


class ProjectDetailOut(ProjectOut):
    description: str = Field(description="Markdown.")
    links: list[dict[str, str]]


class ProjectFilters(Schema):
    goal: int | None = Field(None, ge=1, le=17, description="SDG number.")
    target: str | None = Field(
        None, pattern=r"^\d{1,2}\.[0-9a-z]{1,2}$", description="SDG target code, e.g. 4.7."
    )
    kind: Kind | None = None
    stage: Stage | None = None
    status: Literal["published", "archived"] | None = Field(
        None, description="Published or archived (others appear only to their team)."
    )
    country: str | None = Field(None, description="ISO 3166 code of a location's country.")
    language: str | None = Field(None, description="ISO 639-1 code of a working language.")
    organisation: str | None = Field(None, description="Slug of an organisation behind it.")
    organisation_kind: OrganisationKind | None = None
    featured: bool | None = Field(None, description="Only projects featured by the curators.")

    @field_validator("country")
    @classmethod
    def known_country(cls, value):
        if value is not None and value.upper() not in dict(countries):
            raise ValueError("Unknown country code.")
        return value and value.upper()

    @field_validator("language")
    @classmethod
    def known_language(cls, value):
        if value is not None and value not in LANGUAGE_CODES:
            raise ValueError("Unknown language code.")
        return value


def filter_projects(projects, filters: ProjectFilters):
    """Narrow `projects` (already what the caller may see) by the filters given. Related rows
    go through EXISTS, so a project matching twice still counts once."""
    through = {
        "goal": (Project.goals.through, "goal_id"),
        "target": (Project.targets.through, "target_id"),
        "country": (ProjectLocation, "country"),
        "language": (ProjectLanguage, "code"),
        "organisation": (Project.organisations.through, "organisation__slug"),
        "organisation_kind": (Project.organisations.through, "organisation__kind"),
    }
    for name, (model, lookup) in through.items():
        value = getattr(filters, name)
        if value is not None:
            rows = model.objects.filter(project=OuterRef("pk"), **{lookup: value})
            projects = projects.filter(Exists(rows))
    for name in ("kind", "stage", "status"):
        if (value := getattr(filters, name)) is not None:
            projects = projects.filter(**{name: value})
    if filters.featured is not None:
        projects = projects.filter(featured_at__isnull=not filters.featured)
    return projects


def projects_for(user):
    """What the caller may see, with everything a project's JSON needs prefetched."""
    organisations = Organisation.objects.visible_to(user).order_by("name", "pk")
    return (
        Project.objects.visible_to(user)
        .select_related("replication__origin", "replication__root")
        .prefetch_related(
            "goals",
            "targets",
            "locations",
            "languages",
            Prefetch("organisations", queryset=organisations),
        )
    )


def attach_lineage(projects, user) -> None:
    """Give each project its lineage, naming only ancestors the caller may see (one query)."""
    adapted = [(p, p.replication) for p in projects if hasattr(p, "replication")]
    ids = {r.origin_id for _, r in adapted} | {r.root_id for _, r in adapted}
    if not ids:
        return
    visible = set(Project.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    for project, replication in adapted:
        project.lineage_out = {
            "replicated_from": replication.origin if replication.origin_id in visible else None,
            "root": replication.root if replication.root_id in visible else None,
            "depth": replication.depth,
        }


@router.get("/", response={200: page_schema(ProjectOut), **ERRORS})
def list_projects(request, page: Query[PageParams], filters: Query[ProjectFilters]):
    """Projects the caller may see, newest published first."""
    projects = filter_projects(projects_for(request.auth), filters)
    result = paginate(request, projects, page, ordering=("-published_at", "-pk"))
    attach_lineage(result["results"], request.auth)
    return result


@router.get("/{slug}/", response={200: ProjectDetailOut, **ERRORS})
def project_detail(request, slug: str):
    project = get_object_or_404(projects_for(request.auth), slug=slug)
    attach_lineage([project], request.auth)
    return project
