"""What the challenge pages show about time: the phases as a timeline, the next deadline and
how long until it, written server-side (static/js/countdown.js only keeps it live)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from planet.challenges.models import Challenge, ChallengeStatus, Phase
from planet.lib.jsonld import sdg_terms


def _days(n):
    return ngettext("%(count)s day", "%(count)s days", n) % {"count": n}


def _hours(n):
    return ngettext("%(count)s hour", "%(count)s hours", n) % {"count": n}


def _minutes(n):
    return ngettext("%(count)s minute", "%(count)s minutes", n) % {"count": n}


def duration_text(left: datetime.timedelta) -> str:
    """“2 days 3 hours”, “5 hours 12 minutes”, “4 minutes”: two units at most, rounded down,
    and never less than one minute. countdown.js writes the same with the browser's words."""
    minutes = max(int(left.total_seconds() // 60), 1)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        return (
            _("%(days)s %(hours)s") % {"days": _days(days), "hours": _hours(hours)}
            if hours
            else _days(days)
        )
    if hours:
        return (
            _("%(hours)s %(minutes)s") % {"hours": _hours(hours), "minutes": _minutes(minutes)}
            if minutes
            else _hours(hours)
        )
    return _minutes(minutes)


@dataclass
class Deadline:
    kind: str  # "opens", "closes", "review", "results"
    at: datetime.datetime
    left: str


def next_deadline(challenge: Challenge, now=None) -> Deadline | None:
    """The next moment that changes the challenge for its entrants, if any is left."""
    now = now or timezone.now()
    phase = challenge.phase(now)
    moment = {
        Phase.UPCOMING: ("opens", challenge.opens_at),
        Phase.OPEN: ("closes", challenge.closes_at),
        Phase.REVIEW: ("review", challenge.review_ends_at),
        Phase.DELIBERATION: ("results", challenge.results_at),
    }.get(phase)
    if moment is None or moment[1] <= now:
        return None
    return Deadline(moment[0], moment[1], duration_text(moment[1] - now))


@dataclass
class Step:
    name: str
    at: datetime.datetime
    is_past: bool
    is_current: bool


def timeline(challenge: Challenge, now=None) -> list[Step]:
    now = now or timezone.now()
    steps = [
        (_("Submissions open"), challenge.opens_at),
        (_("Submissions close"), challenge.closes_at),
        (_("Review ends"), challenge.review_ends_at),
        (_("Results announced"), challenge.results_at),
    ]
    upcoming = [at for _name, at in steps if at > now]
    current = upcoming[0] if upcoming else None
    return [Step(name, at, at <= now, at == current) for name, at in steps]


def shows_organiser_zone(challenge: Challenge) -> bool:
    """Dates are shown in the viewer's zone; also in the organiser's when it is another."""
    return timezone.get_current_timezone_name() != challenge.timezone


def json_ld(challenge: Challenge) -> dict | None:
    """schema.org description of a published challenge, as an event one takes part in online."""
    if challenge.status != ChallengeStatus.PUBLISHED:
        return None
    url = settings.SITE_URL + challenge.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": challenge.title,
        "description": challenge.summary,
        "inLanguage": challenge.content_language,
        "startDate": challenge.opens_at.isoformat(),
        "endDate": challenge.closes_at.isoformat(),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        "about": sdg_terms(challenge.goals.all()),
    }
    if challenge.organisation:
        data["organizer"] = {
            "@type": "Organization",
            "name": challenge.organisation.name,
            "url": settings.SITE_URL + challenge.organisation.get_absolute_url(),
        }
    return data
