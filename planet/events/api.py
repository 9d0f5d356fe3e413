"""Events and festival editions in the JSON API.

Public events (published or cancelled, not hidden) with their times in UTC and in the event's
own zone, place, format, capacity and places left. The online link is given only to the
event's organisers and to people with a confirmed place, as on the event's page.
"""

from datetime import date
from typing import Literal

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from planet.events.event_forms import filter_events
from planet.events.models import (
    Event,
    EventFormat,
    EventKind,
    Festival,
    FestivalReview,
    Registration,
    RegistrationStatus,
)
from planet.events.presenters import with_places
from planet.events.programme import festival_events
from planet.lib.api import ERRORS, ApiError, PageParams, page_schema, paginate
from planet.lib.api_refs import (
    OrganiserRef,
    SdgGoalRef,
    ZonedTime,
    absolute_url,
    sortable,
    zoned,
)

router = Router(tags=["events"])
festival_router = Router(tags=["festivals"])


class EventFilters(Schema):
    when: Literal["upcoming", "past"] | None = Field(None, description="Upcoming by default.")
    goal: int | None = Field(None, ge=1, le=17, description="SDG number.")
    kind: EventKind | None = None
    format: EventFormat | None = None
    country: str | None = Field(None, min_length=2, max_length=2, description="ISO 3166 code.")
    language: str | None = Field(None, max_length=8, description="Language spoken, e.g. 'fr'.")
    festival: str | None = Field(None, description="Slug of a festival edition.")


class EventPlace(Schema):
    name: str
    address: str
    country: str
    latitude: float | None
    longitude: float | None


class EventOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    description: str = Field(description="Markdown source.")
    content_language: str
    kind: EventKind
    format: EventFormat
    status: Literal["published", "cancelled"]
    timezone: str = Field(description="The zone the event happens in.")
    starts_at: ZonedTime
    ends_at: ZonedTime
    place: EventPlace | None
    online_url: str | None = Field(
        description="Only for the event's organisers and people with a confirmed place."
    )
    languages: list[str]
    audience: list[str]
    goals: list[SdgGoalRef]
    organiser: OrganiserRef | None
    capacity: int | None = Field(description="Places; null when there is no limit.")
    places_left: int | None
    registration_open: bool
    festival: str | None = Field(description="Slug of the festival edition it belongs to.")

    @staticmethod
    def resolve_url(event) -> str:
        return absolute_url(event.get_absolute_url())

    @staticmethod
    def resolve_starts_at(event) -> dict:
        return zoned(event.starts_at, event.timezone)

    @staticmethod
    def resolve_ends_at(event) -> dict:
        return zoned(event.ends_at, event.timezone)

    @staticmethod
    def resolve_place(event) -> dict | None:
        if not event.place_name and not event.has_place:
            return None
        return {
            "name": event.place_name,
            "address": event.address,
            "country": event.country.code or "",
            "latitude": event.latitude,
            "longitude": event.longitude,
        }

    @staticmethod
    def resolve_online_url(event) -> str | None:
        return event.online_url if event.online_url and event.viewer_may_join else None

    @staticmethod
    def resolve_goals(event) -> list:
        return list(event.goals.all())

    @staticmethod
    def resolve_organiser(event):
        return event.organisation

    @staticmethod
    def resolve_places_left(event) -> int | None:
        return with_places(event).places_left

    @staticmethod
    def resolve_registration_open(event) -> bool:
        return event.registration_is_open()

    @staticmethod
    def resolve_festival(event) -> str | None:
        if event.festival_id and event.festival_review == FestivalReview.APPROVED:
            return event.festival.slug
        return None


class FestivalOut(Schema):
    slug: str
    url: str
    name: str
    summary: str
    description: str = Field(description="Markdown source.")
    starts_on: date
    ends_on: date
    proposals_open: bool

    @staticmethod
    def resolve_url(festival) -> str:
        return absolute_url(festival.get_absolute_url())


def _may_join(user):
    """Whether `user` may read each event's online link, as one annotation: organisers (the
    creator, admins and editors of its organisation, curators) and confirmed registrants."""
    if not user.is_authenticated:
        return Value(False)
    if user.is_curator:
        return Value(True)
    confirmed = Registration.objects.filter(
        event=OuterRef("pk"), user=user, status=RegistrationStatus.CONFIRMED
    )
    organises = Q(pk__in=Event.objects.organised_by(user).values("pk"))
    return ExpressionWrapper(Q(Exists(confirmed)) | organises, output_field=BooleanField())


def with_details(events, user):
    """Everything an EventOut shows, in a fixed number of queries."""
    return (
        events.with_counts()
        .annotate(viewer_may_join=_may_join(user))
        .select_related("organisation", "festival")
        .prefetch_related("goals")
    )


def public_events(user):
    return Event.objects.visible_to(user).public()


def _festival_named(slug: str) -> Festival:
    festival = Festival.objects.filter(slug=slug).first()
    if festival is None:
        raise ApiError(422, "There is no such festival.", {"festival": ["Unknown festival."]})
    return festival


@router.get("/", response={200: page_schema(EventOut), **ERRORS})
def list_events(request, filters: Query[EventFilters], page: Query[PageParams]):
    """Public events, upcoming first in time order (or past ones, most recent first);
    filters as on /events/."""
    values = filters.model_dump(exclude_none=True)
    if "festival" in values:
        values["festival"] = _festival_named(values["festival"])
    events = filter_events(public_events(request.auth), values, timezone.now())
    events, ordering = sortable(with_details(events, request.auth))
    return paginate(request, events, page, ordering=ordering)


@router.get("/{slug}", response={200: EventOut, **ERRORS})
def get_event(request, slug: str):
    event = with_details(public_events(request.auth), request.auth).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


@festival_router.get("/", response={200: page_schema(FestivalOut), **ERRORS})
def list_festivals(request, page: Query[PageParams]):
    """Every edition of the Festival of Learning, the latest first."""
    return paginate(request, Festival.objects.all(), page, ordering=("-starts_on",))


@festival_router.get("/{slug}", response={200: FestivalOut, **ERRORS})
def get_festival(request, slug: str):
    return get_object_or_404(Festival, slug=slug)


@festival_router.get("/{slug}/events", response={200: page_schema(EventOut), **ERRORS})
def festival_programme(request, slug: str, page: Query[PageParams]):
    """The edition's programme: its approved, published local events, in time order."""
    festival = get_object_or_404(Festival, slug=slug)
    events = festival_events(festival, request.auth)
    return paginate(request, with_details(events, request.auth), page, ordering=("starts_at",))
