"""The global programme of a Festival edition and its live figures.

The programme lists the edition's approved, published local events day by day in the
viewer's time zone: an event at 23:30 UTC on 20 January is on 21 January for a viewer in
Tokyo. The same filters (SDG, language, country, format) narrow the programme, the map and
the figures alike, and each costs a fixed number of queries whatever the number of events.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from itertools import groupby

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from planet.events.models import Event, Festival, RegistrationStatus
from planet.lib.languages import language_name
from planet.sdgs.models import Goal


@dataclass(frozen=True)
class ProgrammeFilters:
    """What the viewer narrowed the programme to; empty values mean “any”."""

    goal: int | None = None
    language: str = ""
    country: str = ""
    format: str = ""

    @property
    def active(self) -> bool:
        return bool(self.goal or self.language or self.country or self.format)


def speaking(events: QuerySet, language: str) -> QuerySet:
    """Events whose `languages` list holds `language` (an ISO 639-1 code). PostgreSQL asks
    its JSON containment; SQLite, which has none, matches the quoted code in the JSON text."""
    if connection.features.supports_json_field_contains:
        return events.filter(languages__contains=[language])
    return events.filter(languages__icontains=f'"{language}"')


def festival_events(festival: Festival, user, filters: ProgrammeFilters = ProgrammeFilters()):
    """The edition's programme as a queryset: approved and published local events the viewer
    may see (declined, proposed, draft and cancelled ones stay out), narrowed by `filters`."""
    events = Event.objects.visible_to(user).published().in_festival(festival)
    if filters.goal:
        tagged = Event.goals.through.objects.filter(event=OuterRef("pk"), goal=filters.goal)
        events = events.filter(Exists(tagged))
    if filters.language:
        events = speaking(events, filters.language)
    if filters.country:
        events = events.filter(country=filters.country)
    if filters.format:
        events = events.filter(format=filters.format)
    return events


def facets(events: QuerySet) -> tuple[list[str], list[str]]:
    """The countries and languages present among `events` (one query), for the filters."""
    countries, languages = set(), set()
    for country, spoken in events.order_by().values_list("country", "languages"):
        if country:
            countries.add(country)
        languages.update(code for code in spoken or [] if isinstance(code, str))
    return sorted(countries), sorted(languages)


# The programme, day by day -----------------------------------------------------------------


@dataclass
class ProgrammeDay:
    day: datetime.date
    events: list[Event] = field(default_factory=list)


def programme_rows(events: QuerySet) -> list[Event]:
    """The events with what a programme line shows: organiser and SDGs (two queries)."""
    goals = Prefetch("goals", queryset=Goal.objects.only("number", "short_names", "colour"))
    return list(
        events.select_related("organisation").prefetch_related(goals).order_by("starts_at", "pk")
    )


def by_day(events: list[Event], zone: zoneinfo.ZoneInfo | None = None) -> list[ProgrammeDay]:
    """Group events (ordered by start) by the date they start on in `zone`, the viewer's
    active zone by default. Each event gets `local_starts_at`/`local_ends_at` in that zone
    and `shows_own_zone` when its own zone is another one, to be stated beside it."""
    zone = zone or timezone.get_current_timezone()
    for event in events:
        event.local_starts_at = timezone.localtime(event.starts_at, zone)
        event.local_ends_at = timezone.localtime(event.ends_at, zone)
        event.shows_own_zone = event.timezone != getattr(zone, "key", str(zone))
        event.language_names = [language_name(code) for code in event.languages]
    return [
        ProgrammeDay(day, list(group))
        for day, group in groupby(events, key=lambda event: event.local_starts_at.date())
    ]


def map_points(events: list[Event]) -> list[dict]:
    """The events that have a place, for static/js/map.js (`data-points`)."""
    return [
        {"lat": event.latitude, "lng": event.longitude, "label": event.title}
        for event in events
        if event.has_place
    ]


# Figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    events: int
    countries: int
    registered: int


def figures(events: QuerySet) -> Figures:
    """“N events in M countries, K people registered”, in one query: `events` is the
    programme (approved, published); people count once however many events they attend,
    and only confirmed places count (not the waiting list, not cancellations)."""
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    totals = events.order_by().aggregate(
        events=Count("pk", distinct=True),
        countries=Count("country", distinct=True, filter=~Q(country="")),
        registered=Count("registrations__user", distinct=True, filter=confirmed),
    )
    return Figures(totals["events"], totals["countries"], totals["registered"])
