"""Events and festival editions in the JSON API.

Public events (published or cancelled, not hidden) with their times in UTC and in the event's
own zone, place, format, capacity and places left. The online link is given only to the
event's organisers and to people with a confirmed place, as on the event's page.

A signed-in caller registers, reads and cancels their own registration at
/events/{slug}/registration, under the rules of the web page (planet.events.registration).
"""

from datetime import date, datetime
from typing import Literal

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import AuthenticationError

from planet.apikeys.auth import WRITE
from planet.events import registration as rules
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
from planet.events.permissions import is_organiser
from planet.events.presenters import with_places
from planet.events.programme import festival_events
from planet.lib.api import ERRORS, WRITE_ERRORS, ApiError, PageParams, page_schema, paginate
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


@router.get("/{slug}/", response={200: EventOut, **ERRORS})
def get_event(request, slug: str):
    event = with_details(public_events(request.auth), request.auth).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


@festival_router.get("/", response={200: page_schema(FestivalOut), **ERRORS})
def list_festivals(request, page: Query[PageParams]):
    """Every edition of the Festival of Learning, the latest first."""
    return paginate(request, Festival.objects.all(), page, ordering=("-starts_on",))


@festival_router.get("/{slug}/", response={200: FestivalOut, **ERRORS})
def get_festival(request, slug: str):
    return get_object_or_404(Festival, slug=slug)


@festival_router.get("/{slug}/events/", response={200: page_schema(EventOut), **ERRORS})
def festival_programme(request, slug: str, page: Query[PageParams]):
    """The edition's programme: its approved, published local events, in time order."""
    festival = get_object_or_404(Festival, slug=slug)
    events = festival_events(festival, request.auth)
    return paginate(request, with_details(events, request.auth), page, ordering=("starts_at",))


# The caller's registration ------------------------------------------------------------------


class EventRegistrationOut(Schema):
    event: str = Field(description="Slug of the event.")
    status: Literal["confirmed", "waiting"] = Field(
        description="A place (confirmed) or a place on the waiting list."
    )
    queue_position: int | None = Field(
        description="Your place on the waiting list, 1 being next in line; null with a place."
    )
    online_url: str | None = Field(
        description="The link to join online: only with a confirmed place (or to organisers)."
    )
    registered_at: datetime = Field(
        description="When you registered; the waiting list is served in this order."
    )
    promoted_at: datetime | None = Field(
        description="When you moved from the waiting list to a place, if you did."
    )


def _event_for(user, slug: str) -> Event:
    """The event at `slug` if `user` may see it (404 otherwise), as the event's page finds it
    (planet.events.permissions.get_event_for_user), carrying `viewer_is_organiser`."""
    event = (
        Event.objects.visible_to(user)
        .select_related("organisation", "festival")
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise Http404
    event.viewer_is_organiser = is_organiser(user, event)
    return event


def _registration_of(user, event: Event) -> dict:
    """The caller's place or place in the queue, as the event page's registration box shows
    it; 404 when they have none (never registered, or cancelled)."""
    box = rules.box_for(user, event)
    if not (box.is_registered or box.is_waiting):
        raise Http404
    registration = box.registration
    return {
        "event": event.slug,
        "status": box.status,
        "queue_position": box.position or None,
        "online_url": event.online_url if box.show_online_link else None,
        "registered_at": registration.queued_at,
        "promoted_at": registration.promoted_at,
    }


def _signed_in(request):
    if not request.auth.is_authenticated:
        raise AuthenticationError(message="Sign in or send a token to read your registration.")
    return request.auth


@router.get("/{slug}/registration/", response={200: EventRegistrationOut, **ERRORS})
def my_registration(request, slug: str):
    """Your place (or place on the waiting list) at the event; 404 when you have none."""
    user = _signed_in(request)
    return _registration_of(user, _event_for(user, slug))


@router.post(
    "/{slug}/registration/", response={201: EventRegistrationOut, **WRITE_ERRORS}, auth=WRITE
)
def register(request, slug: str):
    """Register for the event, as its page does: a place while there is room, otherwise a place
    at the back of the waiting list, promoted automatically when a place frees up. You receive
    the same e-mail as on the site (with the event as an `.ics`). Refused with 409 and the
    reason when your e-mail address is not verified, registration is not open, or you are
    already registered or waiting; nothing changes then."""
    event = _event_for(request.auth, slug)
    try:
        rules.register(event, request.auth)
    except rules.RegistrationRefused as refused:
        raise ApiError(409, str(refused)) from None
    return Status(201, _registration_of(request.auth, event))


@router.delete("/{slug}/registration/", response={204: None, **WRITE_ERRORS}, auth=WRITE)
def unregister(request, slug: str):
    """Cancel your registration or leave the waiting list, as on the event's page; a place
    you free goes to the next person waiting, who is told by e-mail. 404 when you have no
    registration; 409 once the event has started."""
    event = _event_for(request.auth, slug)
    if not Registration.objects.active().filter(event=event, user=request.auth).exists():
        raise Http404
    try:
        rules.unregister(event, request.auth)
    except rules.RegistrationRefused as refused:
        raise ApiError(409, str(refused)) from None
    return Status(204, None)
