"""Projects in the JSON API: a list with the filters of the web list, and each project with
its SDG goals and targets (codes and UN URIs), locations, organisations and lineage.

Members create and edit projects and submit them for review here too. Each write binds the
web page's own ProjectForm and formsets and saves through the same functions as the web
(planet.projects.forms), so that the API accepts exactly what the site accepts."""

from datetime import date, datetime
from types import SimpleNamespace
from typing import Annotated, Literal

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Body, Field, Query, Router, Schema
from ninja import Status as HttpStatus
from pydantic import field_validator

from planet.apikeys.auth import WRITE
from planet.lib.api import (
    ERRORS,
    WRITE_ERRORS,
    ApiError,
    InputSchema,
    PageParams,
    current_form_data,
    form_error,
    page_schema,
    paginate,
)
from planet.lib.languages import LANGUAGE_CODES
from planet.orgs.models import Organisation, OrganisationKind
from planet.projects.forms import (
    MAX_LINKS,
    MAX_LOCATIONS,
    EditConflict,
    LinkFormSet,
    LocationFormSet,
    ProjectForm,
    TransitionForm,
    create_project,
    update_project,
)
from planet.projects.models import (
    AgeGroup,
    Kind,
    Project,
    ProjectLanguage,
    ProjectLocation,
    Stage,
    Status,
)
from planet.projects.permissions import MovedPermanently, get_project_for_user

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
    version: int = Field(
        description="Goes up with each edit: send it back when you edit the project to be told "
        "(409) if someone saved it after you read it."
    )


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


# Writing: create, edit, submit for review ---------------------------------------------------

# The web form refuses a second submission of one rendered form through a one-time token kept
# in the session; API callers have no rendered form, so theirs carry a fixed value.
API_FORM_TOKEN = "api"
GoalNumber = Annotated[int, Field(ge=1, le=17)]


class ProjectLocationIn(InputSchema):
    place_name: str = Field(description="Town, district or site.", examples=["Belém"])
    country: str = Field(description="ISO 3166 code of the country.", examples=["BR"])
    latitude: float = Field(description="From -90 (south) to 90 (north).", examples=[-1.45])
    longitude: float = Field(description="From -180 (west) to 180 (east).", examples=[-48.49])


class ProjectLinkIn(InputSchema):
    label: str = Field(examples=["Website"])
    url: str = Field(
        description="Web address; https:// is assumed when it has no scheme.",
        examples=["https://rivers.example.org"],
    )


class ProjectFieldsIn(InputSchema):
    """A project's fields as the site's project form takes them (the cover image is web-only)."""

    kind: Kind = Field(None)
    title: str = Field(None)
    summary: str = Field(None, description="One line.")
    description: str = Field(None, description="Markdown.")
    content_language: str = Field(
        None, description="ISO 639-1 code of the title and description's language, e.g. en."
    )
    stage: Stage = Field(None)
    starts_on: date | None = Field(None)
    ends_on: date | None = Field(None, description="Not before `starts_on`.")
    age_groups: list[AgeGroup] = Field(None, description="Ages of the learners.")
    goals: list[GoalNumber] = Field(
        None, description="SDG numbers. At least one goal or target is needed."
    )
    targets: list[str] = Field(
        None, description="SDG target codes, e.g. 4.7; a target brings its goal with it."
    )
    languages: list[str] = Field(
        None, description="ISO 639-1 codes of the languages the project works in."
    )
    organisations: list[str] = Field(
        None, description="Slugs of organisations behind it, among those you are a member of."
    )
    locations: list[ProjectLocationIn] = Field(None, description=f"At most {MAX_LOCATIONS}.")
    links: list[ProjectLinkIn] = Field(None, description=f"At most {MAX_LINKS}.")


class ProjectCreateIn(ProjectFieldsIn):
    kind: Kind
    title: str
    summary: str = Field(description="One line.")
    content_language: str = Field(
        description="ISO 639-1 code of the title and description's language, e.g. en."
    )
    stage: Stage


class ProjectUpdateIn(ProjectFieldsIn):
    version: int = Field(
        None,
        description="The `version` you read. If the project was saved since, nothing is saved "
        "and the answer is 409. Leave it out to save over whatever is there.",
    )


class ProjectSubmitIn(InputSchema):
    note: str = Field(
        "", description="Kept with the move in the audit log and e-mailed to the team."
    )


def _project_form(*args, **kwargs) -> ProjectForm:
    """The web page's ProjectForm, naming organisations by slug rather than by id."""
    form = ProjectForm(*args, **kwargs)
    form.fields["organisations"].to_field_name = "slug"
    return form


def _formset_data(prefix: str, rows: list[dict]) -> dict:
    """`rows` as a formset with `prefix` receives them from a web page."""
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0}
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


def _formset_fields(prefix: str, formset) -> dict[str, list[str]]:
    """A formset's messages by field: "locations" for the list, "locations.0.latitude"..."""
    fields = {}
    if formset.non_form_errors():
        fields[prefix] = [str(message) for message in formset.non_form_errors()]
    for index, errors in enumerate(formset.errors):
        for name, messages in errors.items():
            fields[f"{prefix}.{index}.{name}"] = [str(message) for message in messages]
    return fields


def _current_rows(project: Project | None) -> dict[str, list[dict]]:
    if project is None:
        return {"locations": [], "links": []}
    locations = project.locations.values("place_name", "country", "latitude", "longitude")
    return {"locations": list(locations), "links": project.links}


def _validated_forms(fields: dict, rows: dict, *, user, project=None):
    """The project form and its location and link formsets bound to the caller's values, all
    valid; otherwise a 422 naming every invalid field, and nothing is saved."""
    form = _project_form({**fields, "form_token": API_FORM_TOKEN}, instance=project, user=user)
    locations = LocationFormSet(_formset_data("locations", rows["locations"]), prefix="locations")
    links = LinkFormSet(_formset_data("links", rows["links"]), prefix="links")
    if not all([form.is_valid(), locations.is_valid(), links.is_valid()]):
        error = form_error(form)
        error.fields |= _formset_fields("locations", locations) | _formset_fields("links", links)
        raise error
    return form, locations, links


def _split(changes: dict) -> tuple[dict, dict]:
    """The caller's values as (form fields, location and link rows)."""
    rows = {name: changes.pop(name) for name in ("locations", "links") if name in changes}
    return changes, rows


def _project_for(request, slug: str, *, action: str) -> Project:
    """The project at `slug` as the web pages find it (planet.projects.permissions): 404 to
    those who may not see it, 403 to those who may see it but not do `action`. An old address
    answers 404, as it does for GET."""
    try:
        return get_project_for_user(SimpleNamespace(user=request.auth), slug, action=action)
    except MovedPermanently:
        raise Http404 from None


def _as_read(request, project: Project) -> Project:
    """The project as GET /projects/{slug}/ answers it."""
    project = projects_for(request.auth).get(pk=project.pk)
    attach_lineage([project], request.auth)
    return project


@router.post("/", response={201: ProjectDetailOut, **WRITE_ERRORS}, auth=WRITE)
def new_project(request, payload: ProjectCreateIn):
    """Create a project, as the site's "new project" page does: a draft that only its team
    sees, owned by you, under the same rules (422 names each field refused, and nothing is
    saved). Submit it for review when it is ready. The cover image is added on the site."""
    fields, rows = _split(payload.model_dump(exclude_unset=True))
    forms = _validated_forms(fields, _current_rows(None) | rows, user=request.auth)
    project = create_project(*forms, owner=request.auth)
    return HttpStatus(201, _as_read(request, project))


@router.patch("/{slug}/", response={200: ProjectDetailOut, **WRITE_ERRORS}, auth=WRITE)
def edit_project(request, slug: str, payload: ProjectUpdateIn):
    """Change the fields you send of a project you may edit (its owners and editors); the
    others stay as they are. `locations` and `links`, when sent, replace the whole list. A new
    title moves the project's address (the old one keeps working on the site). Send the
    `version` you read to be refused (409) if someone saved the project since. The cover
    image is changed on the site."""
    project = _project_for(request, slug, action="edit")
    changes, rows = _split(payload.model_dump(exclude_unset=True))
    unchanged = current_form_data(_project_form(instance=project, user=request.auth))
    forms = _validated_forms(
        unchanged | changes, _current_rows(project) | rows, user=request.auth, project=project
    )
    try:
        project = update_project(project, *forms, check_version="version" in changes)
    except EditConflict as conflict:
        message = "Someone else saved this project since you read it (it is now at version %d)."
        raise ApiError(409, message % conflict.current_version) from None
    return _as_read(request, project)


@router.post("/{slug}/submit/", response={200: ProjectDetailOut, **WRITE_ERRORS}, auth=WRITE)
def submit_project(request, slug: str, payload: Body[ProjectSubmitIn] = None):
    """Submit a draft (or a project returned with feedback) for review by the curators, as
    the project page's button does: its owners and editors may, the team is told by e-mail
    and the move is audited. 409 with the reason when the project is not a draft nor
    returned."""
    project = _project_for(request, slug, action="submit")
    form = TransitionForm({"note": payload.note if payload else ""}, action="submit")
    if not form.is_valid():
        raise form_error(form)
    try:
        if not project.can_transition("submit"):
            raise ValueError
        project.transition("submit", by=request.auth, note=form.cleaned_data["note"])
    except ValueError:
        message = _("This cannot be done while the project is “%(status)s”; nothing was changed.")
        raise ApiError(409, message % {"status": project.get_status_display()}) from None
    return _as_read(request, project)
