"""The Open Campus in the JSON API: published resources, with how many organisations use them
and their mean rating, and learning opportunities that are not over yet. Proposals waiting
for the curators, declined and hidden entries never appear."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from planet.campus.forms import SORTS, filter_opportunities, filter_resources
from planet.campus.models import (
    Audience,
    Cost,
    LearningOpportunity,
    Licence,
    OpportunityKind,
    Resource,
    ResourceType,
)
from planet.lib.api import ERRORS, ApiError, PageParams, page_schema, paginate
from planet.lib.api_refs import OrganiserRef, SdgGoalRef, absolute_url, sortable
from planet.orgs.models import Organisation

router = Router(tags=["campus"])
opportunity_router = Router(tags=["campus"])

ResourceSort = Literal[tuple(SORTS)]


class ResourceFilters(Schema):
    type: ResourceType | None = None
    audience: Audience | None = None
    language: str | None = Field(None, max_length=8, description="e.g. 'fr'.")
    licence: Licence | None = None
    cost: Cost | None = None
    goal: int | None = Field(None, ge=1, le=17, description="SDG number.")
    organisation: str | None = Field(None, description="Slug of the organisation behind it.")
    sort: ResourceSort | None = Field(None, description="Most used first by default.")


class OpportunityFilters(Schema):
    kind: OpportunityKind | None = None
    goal: int | None = Field(None, ge=1, le=17, description="SDG number.")
    country: str | None = Field(None, min_length=2, max_length=2, description="ISO 3166 code.")
    online: bool | None = Field(None, description="Can be followed online, or in person only.")
    organisation: str | None = Field(None, description="Slug of the organisation offering it.")


class CampusItemOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    description: str = Field(description="Markdown source.")
    organisation: OrganiserRef | None
    goals: list[SdgGoalRef]
    published_at: datetime | None

    @staticmethod
    def resolve_url(item) -> str:
        return absolute_url(item.get_absolute_url())

    @staticmethod
    def resolve_goals(item) -> list:
        return list(item.goals.all())


class ResourceOut(CampusItemOut):
    type: ResourceType
    link: str
    audience: list[str]
    languages: list[str]
    licence: Licence
    cost: Cost
    use_count: int = Field(description="Organisations that say they use it.")
    review_count: int
    rating_mean: float | None = Field(description="From 1 to 5; null when nobody rated it.")


class OpportunityOut(CampusItemOut):
    kind: OpportunityKind
    place_name: str
    country: str
    latitude: float | None
    longitude: float | None
    online: bool
    starts_on: date
    ends_on: date | None
    application_url: str

    @staticmethod
    def resolve_country(opportunity) -> str:
        return opportunity.country.code or ""


def _with_organisation(values: dict) -> dict:
    """The organisation filter names a slug; the filters of the web pages take the object."""
    if slug := values.get("organisation"):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise ApiError(
                422, "There is no such organisation.", {"organisation": ["Unknown organisation."]}
            )
        values["organisation"] = organisation
    return values


def public_resources(user):
    return (
        Resource.objects.visible_to(user)
        .listed()
        .with_figures()
        .select_related("organisation")
        .prefetch_related("goals")
    )


def public_opportunities(user):
    return (
        LearningOpportunity.objects.visible_to(user)
        .listed()
        .select_related("organisation")
        .prefetch_related("goals")
    )


def _one(queryset, slug: str):
    item = queryset.filter(slug=slug).first()
    if item is None:
        raise Http404
    return item


@router.get("/", response={200: page_schema(ResourceOut), **ERRORS})
def list_resources(request, filters: Query[ResourceFilters], page: Query[PageParams]):
    """Published resources, most used first (or best rated, or newest); filters as on
    /campus/."""
    values = _with_organisation(filters.model_dump(exclude_none=True))
    resources, ordering = sortable(filter_resources(public_resources(request.auth), values))
    return paginate(request, resources, page, ordering=ordering)


@router.get("/{slug}/", response={200: ResourceOut, **ERRORS})
def get_resource(request, slug: str):
    return _one(public_resources(request.auth), slug)


@opportunity_router.get("/", response={200: page_schema(OpportunityOut), **ERRORS})
def list_opportunities(request, filters: Query[OpportunityFilters], page: Query[PageParams]):
    """Learning opportunities not over yet, the soonest first; filters as on
    /campus/opportunities/."""
    values = _with_organisation(filters.model_dump(exclude_none=True))
    if "online" in values:
        values["online"] = "yes" if values["online"] else "no"
    opportunities = filter_opportunities(public_opportunities(request.auth).current(), values)
    opportunities, ordering = sortable(opportunities)
    return paginate(request, opportunities, page, ordering=ordering)


@opportunity_router.get("/{slug}/", response={200: OpportunityOut, **ERRORS})
def get_opportunity(request, slug: str):
    """A published learning opportunity, past ones included."""
    return _one(public_opportunities(request.auth), slug)
