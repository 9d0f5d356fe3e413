"""Organisations in the JSON API: the directory and each organisation."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django_countries import countries
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from planet.lib.api import ERRORS, PageParams, page_schema, paginate
from planet.orgs.models import Organisation, OrganisationKind

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    slug: str
    url: str = Field(description="The organisation's page on the site.")
    name: str
    kind: OrganisationKind
    country: str = Field(description="ISO 3166 code, or empty.")
    website: str
    is_partner: bool
    logo: str | None = Field(description="Absolute URL of the logo, if any.")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(organisation, context) -> str:
        return context["request"].build_absolute_uri(organisation.get_absolute_url())

    @staticmethod
    def resolve_country(organisation) -> str:
        return organisation.country.code or ""

    @staticmethod
    def resolve_logo(organisation, context) -> str | None:
        if not organisation.logo:
            return None
        return context["request"].build_absolute_uri(organisation.logo.url)


class OrganisationDetailOut(OrganisationOut):
    description: str


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    country: str | None = Field(None, description="ISO 3166 code.")
    partner: bool | None = Field(None, description="Only partners of the alliance (or not).")

    @field_validator("country")
    @classmethod
    def known_country(cls, value):
        if value is not None and value.upper() not in dict(countries):
            raise ValueError("Unknown country code.")
        return value and value.upper()


def filter_organisations(organisations, filters: OrganisationFilters):
    if filters.kind is not None:
        organisations = organisations.filter(kind=filters.kind)
    if filters.country is not None:
        organisations = organisations.filter(country=filters.country)
    if filters.partner is not None:
        organisations = organisations.filter(is_partner=filters.partner)
    return organisations


@router.get("/", response={200: page_schema(OrganisationOut), **ERRORS})
def list_organisations(request, page: Query[PageParams], filters: Query[OrganisationFilters]):
    """Organisations the caller may see, by name."""
    organisations = filter_organisations(Organisation.objects.visible_to(request.auth), filters)
    return paginate(request, organisations, page, ordering=("name", "pk"))


@router.get("/{slug}/", response={200: OrganisationDetailOut, **ERRORS})
def organisation_detail(request, slug: str):
    return get_object_or_404(Organisation.objects.visible_to(request.auth), slug=slug)
