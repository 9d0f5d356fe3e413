"""Wall-clock times in a named zone: typed by organisers in the zone of their deadline or
event, stored in UTC. A time the zone skips or repeats when the clocks change is refused, so
that a deadline names one exact minute. Used by challenges, events and consultations."""

import datetime
import zoneinfo
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def validate_timezone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext_lazy("“%(name)s” is not a known time zone."), params={"name": name}
        )


@cache
def timezone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class InvalidLocalTime(ValueError):
    pass


def local_to_utc(naive: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The UTC instant of a wall-clock time in `zone`; InvalidLocalTime when the clocks skip
    it (the hour lost in spring) or pass it twice (the hour repeated in autumn)."""
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        back = early.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
        raise InvalidLocalTime("skipped" if back != naive else "repeated")
    return early.astimezone(datetime.UTC)


def utc_to_local(moment: datetime.datetime | None, zone: zoneinfo.ZoneInfo):
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a zone: the form places it in the challenge's zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def to_python(self, value):
        with timezone.override(datetime.UTC):  # parse only; no zone of the viewer applies
            result = super().to_python(value)
        return result.replace(tzinfo=None, second=0, microsecond=0) if result else None

    def prepare_value(self, value):
        return value  # initial values are naive already, in the challenge's zone


def local_time_error(kind: str, naive: datetime.datetime, zone_name: str) -> str:
    when = formats.date_format(naive, "DATETIME_FORMAT")
    if kind == "skipped":
        message = _(
            "%(when)s does not exist in %(zone)s: the clocks go forward at that time. "
            "Choose a time outside the missing hour."
        )
    else:
        message = _(
            "%(when)s happens twice in %(zone)s: the clocks go back at that time. "
            "Choose a time outside the repeated hour, so that the deadline is exact."
        )
    return message % {"when": when, "zone": zone_name}
