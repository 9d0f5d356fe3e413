"""What the event pages show: places left, the viewer's own registration, who may read the
online link, and the schema.org description of an event."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from planet.events.models import (
    Event,
    EventFormat,
    EventStatus,
    FestivalReview,
    Registration,
    RegistrationStatus,
)
from planet.lib.jsonld import sdg_terms

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
    EventFormat.ONLINE: "OnlineEventAttendanceMode",
    EventFormat.HYBRID: "MixedEventAttendanceMode",
}


def with_places(event: Event) -> Event:
    """Sets `places_left` (None when there is no limit) and `is_full` from the event's
    `confirmed_count` (annotated by `with_counts()`, or set by `count_registrations`)."""
    if event.capacity is None:
        event.places_left, event.is_full = None, False
    else:
        event.places_left = max(event.capacity - event.confirmed_count, 0)
        event.is_full = event.places_left == 0
    return event


def count_registrations(event: Event) -> Event:
    """One query: the confirmed and waiting counts of one event, then its places left."""
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    event.confirmed_count, event.waiting_count = counts["confirmed"], counts["waiting"]
    return with_places(event)


def viewer_registration(user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def may_see_online_link(event: Event, registration: Registration | None) -> bool:
    """Only the event's organisers and the people with a confirmed place."""
    if not event.online_url:
        return False
    if getattr(event, "viewer_is_organiser", False):
        return True
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


def shows_event_zone(event: Event) -> bool:
    """Times are shown in the viewer's zone; in the event's zone too when it is another."""
    return timezone.get_current_timezone_name() != event.timezone


def in_its_zone(moment, event: Event) -> str:
    """ISO 8601 with the offset of the event's zone (2027-01-24T10:00:00+01:00)."""
    return moment.astimezone(event.zone).isoformat()


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _location(event: Event) -> list[dict]:
    places = []
    if event.format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and event.place_name:
        address = {"@type": "PostalAddress"}
        if event.address:
            address["streetAddress"] = event.address
        if event.country:
            address["addressCountry"] = event.country.code
        place = {"@type": "Place", "name": event.place_name, "address": address}
        if event.has_place:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.latitude,
                "longitude": event.longitude,
            }
        places.append(place)
    if event.format in (EventFormat.ONLINE, EventFormat.HYBRID):
        # The link itself is for registered people only, never in what search engines read.
        places.append({"@type": "VirtualLocation", "name": "Online"})
    return places


def _organizer(event: Event) -> dict | None:
    if event.organisation:
        return {
            "@type": "Organization",
            "name": event.organisation.name,
            "url": _absolute(event.organisation.get_absolute_url()),
        }
    creator = event.created_by
    if creator is None:
        return None
    return {
        "@type": "Person",
        "name": creator.display_name,
        "url": _absolute(creator.profile.get_absolute_url()),
    }


def _super_event(event: Event) -> dict | None:
    festival = event.festival
    if festival is None or event.festival_review != FestivalReview.APPROVED:
        return None
    url = _absolute(festival.get_absolute_url())
    return {
        "@type": "Event",
        "@id": url,
        "name": festival.name,
        "url": url,
        "startDate": festival.starts_on.isoformat(),
        "endDate": festival.ends_on.isoformat(),
    }


def json_ld(event: Event, goals=()) -> dict | None:
    """schema.org Event of a published or cancelled event (drafts have none)."""
    if event.status == EventStatus.DRAFT:
        return None
    url = _absolute(event.get_absolute_url())
    status = "EventCancelled" if event.is_cancelled else "EventScheduled"
    places = _location(event)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "description": event.summary,
        "inLanguage": event.languages or [event.content_language],
        "startDate": in_its_zone(event.starts_at, event),
        "endDate": in_its_zone(event.ends_at, event),
        "eventStatus": SCHEMA + status,
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODES[event.format],
        "location": places[0] if len(places) == 1 else places,
    }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
    if organizer := _organizer(event):
        data["organizer"] = organizer
    if super_event := _super_event(event):
        data["superEvent"] = super_event
    if goals:
        data["about"] = sdg_terms(goals)
    return data
