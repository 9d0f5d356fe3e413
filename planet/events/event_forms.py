"""The form of an event and the filters of the event list.

Start, end and the registration window are typed as wall-clock times in the event's own zone
(not the viewer's) and stored in UTC. A time the zone skips or repeats when the clocks change
is refused, as are an end before the start, a place without both coordinates, an in-person
event without a place and an online one without its link.
"""

import zoneinfo

from django import forms
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planet.challenges.permissions import runnable_organisations
from planet.events.models import (
    Event,
    EventFormat,
    EventKind,
    EventStatus,
    Festival,
)
from planet.lib.languages import LANGUAGE_CODES, interface_language_code, language_choices
from planet.lib.markdown import clean_markdown_source
from planet.lib.place_fields import country_field, latitude_field, longitude_field
from planet.lib.zoned_time import (
    InvalidLocalTime,
    LocalDateTimeField,
    local_time_error,
    local_to_utc,
    timezone_choices,
    utc_to_local,
)
from planet.orgs.models import Organisation
from planet.projects.models import AgeGroup
from planet.sdgs.models import Goal

TIME_FIELDS = ["starts_at", "ends_at", "registration_opens_at", "registration_closes_at"]
NEEDS_PLACE = (EventFormat.IN_PERSON, EventFormat.HYBRID)
NEEDS_LINK = (EventFormat.ONLINE, EventFormat.HYBRID)
PUBLISH, DRAFT = "publish", "draft"


class EventForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=gettext_lazy("SDGs"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    content_language = forms.ChoiceField(
        label=gettext_lazy("Language of the title and description"), choices=language_choices
    )
    timezone = forms.ChoiceField(
        label=gettext_lazy("Time zone of the event"),
        choices=timezone_choices,
        help_text=gettext_lazy(
            "Where the event happens. The times below are read in this zone; visitors see them "
            "in their own zone too."
        ),
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” is not a time zone we know: choose one from the list."
            )
        },
    )
    starts_at = LocalDateTimeField(label=gettext_lazy("Starts"))
    ends_at = LocalDateTimeField(label=gettext_lazy("Ends"))
    registration_opens_at = LocalDateTimeField(
        label=gettext_lazy("Registration opens"),
        required=False,
        help_text=gettext_lazy("Leave empty to open registration as soon as it is published."),
    )
    registration_closes_at = LocalDateTimeField(
        label=gettext_lazy("Registration closes"),
        required=False,
        help_text=gettext_lazy("Leave empty to accept registrations until the event starts."),
    )
    country = country_field()
    latitude = latitude_field()
    longitude = longitude_field()
    online_url = forms.URLField(
        label=gettext_lazy("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=gettext_lazy(
            "The video call or stream. Only people registered for the event see it."
        ),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages spoken"),
        required=False,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    audience = forms.MultipleChoiceField(
        label=gettext_lazy("Audience"),
        required=False,
        choices=AgeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Places"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        help_text=gettext_lazy(
            "Leave empty for no limit. When it is full, people join a waiting list."
        ),
        error_messages={
            "min_value": gettext_lazy(
                "An event has at least 1 place; leave the field empty for no limit."
            )
        },
    )
    action = forms.ChoiceField(
        choices=[(PUBLISH, PUBLISH), (DRAFT, DRAFT)], required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "description",
            "content_language",
            "kind",
            "format",
            "organisation",
            "timezone",
            *TIME_FIELDS,
            "place_name",
            "address",
            "country",
            "latitude",
            "longitude",
            "online_url",
            "goals",
            "languages",
            "audience",
            "capacity",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "description": gettext_lazy(
                "Markdown: **bold**, *italic*, [links](https://…), lists, headings."
            ),
            "place_name": gettext_lazy("Required for in-person and hybrid events."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        event = self.instance
        organisations = runnable_organisations(user)
        if event.organisation_id:
            organisations = organisations | Organisation.objects.filter(pk=event.organisation_id)
        organiser = self.fields["organisation"]
        organiser.queryset = organisations.distinct().order_by("name")
        organiser.required = False
        organiser.empty_label = _("None: I organise it myself")
        organiser.help_text = _("An organisation you administer or edit, if it runs the event.")
        self.fields["goals"].label_from_instance = str
        if event.pk:
            zone = event.zone
            self.initial.update(
                {name: utc_to_local(getattr(event, name), zone) for name in TIME_FIELDS}
            )
            self.initial["goals"] = list(event.goals.all())
        else:
            profile_zone = getattr(getattr(user, "profile", None), "timezone", "")
            self.initial["timezone"] = profile_zone or "UTC"
            self.initial["content_language"] = interface_language_code()

    # One field at a time ---------------------------------------------------------------

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the event a title."), code="required")
        return title

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])

    def clean_place_name(self):
        return " ".join(self.cleaned_data["place_name"].split())

    def clean_content_language(self):
        return self._known_languages([self.cleaned_data["content_language"]])[0]

    def clean_languages(self):
        return self._known_languages(self.cleaned_data["languages"])

    @staticmethod
    def _known_languages(codes):
        if any(code not in LANGUAGE_CODES for code in codes):
            raise forms.ValidationError(_("Unknown language code."))
        return codes

    # The whole form --------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        zone = zoneinfo.ZoneInfo(cleaned.get("timezone") or "UTC")
        self._place_times_in_zone(cleaned, zone)
        self._check_times(cleaned)
        self._check_where(cleaned)
        self._check_status(cleaned)
        return cleaned

    def _place_times_in_zone(self, cleaned, zone) -> None:
        for name in TIME_FIELDS:
            naive = cleaned.get(name)
            if naive is None:
                continue
            try:
                cleaned[name] = local_to_utc(naive, zone)
            except InvalidLocalTime as invalid:
                self.add_error(name, local_time_error(str(invalid), naive, zone.key))

    def _check_times(self, cleaned) -> None:
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        opens = cleaned.get("registration_opens_at")
        closes = cleaned.get("registration_closes_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        if starts and opens and opens >= starts:
            self.add_error(
                "registration_opens_at", _("Registration must open before the event starts.")
            )
        if starts and closes and closes > starts:
            self.add_error(
                "registration_closes_at",
                _("Registration must close when the event starts at the latest."),
            )

    def _check_where(self, cleaned) -> None:
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if not (self.has_error("latitude") or self.has_error("longitude")):
            if latitude is None and longitude is not None:
                self.add_error("latitude", _("Give both latitude and longitude, or neither."))
            elif longitude is None and latitude is not None:
                self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        event_format = cleaned.get("format")
        if event_format in NEEDS_PLACE and not cleaned.get("place_name"):
            self.add_error(
                "place_name", _("An in-person or hybrid event needs the name of its place.")
            )
        if (
            event_format in NEEDS_LINK
            and not cleaned.get("online_url")
            and not self.has_error("online_url")
        ):
            self.add_error("online_url", _("An online or hybrid event needs its online link."))

    def _check_status(self, cleaned) -> None:
        event = self.instance
        if cleaned.get("action") == DRAFT and event.pk and event.status == EventStatus.PUBLISHED:
            registered = event.registrations.active().count()
            if registered:
                self.add_error(
                    None,
                    _(
                        "%(count)s people are registered: the event cannot go back to draft. "
                        "Cancel it instead if it will not take place."
                    )
                    % {"count": registered},
                )

    def status_to_save(self) -> str:
        """Draft or published, as the organiser chose; an edit without a choice keeps it."""
        action = self.cleaned_data.get("action")
        if action == PUBLISH:
            return EventStatus.PUBLISHED
        if action == DRAFT or not self.instance.pk:
            return EventStatus.DRAFT
        return self.instance.status


class TooFewPlaces(Exception):
    def __init__(self, confirmed: int):
        super().__init__(confirmed)
        self.confirmed = confirmed


def save_event(form: EventForm, *, by) -> Event:
    """Save a valid form in one transaction. On an existing event the row is locked while
    the confirmed registrations are counted, so that places cannot drop below them; the
    registrations' reminders follow a moved start, and new places go to the waiting list."""
    with transaction.atomic():
        before = None
        if form.instance.pk:
            before = Event.objects.select_for_update().get(pk=form.instance.pk)
            confirmed = before.registrations.confirmed().count()
            capacity = form.cleaned_data.get("capacity")
            if capacity is not None and capacity < confirmed:
                raise TooFewPlaces(confirmed)
        event = form.save(commit=False)
        event.status = form.status_to_save()
        if before is None:
            event.created_by = by
        event.save()
        form.save_m2m()
        if before is not None and event.status == EventStatus.PUBLISHED:
            _follow_changes(before, event)
    return event


def _follow_changes(before: Event, event: Event) -> None:
    if not event.registrations.active().exists():
        return
    if event.starts_at != before.starts_at:
        from planet.events.reminders import schedule_reminder

        schedule_reminder(event)
    if before.capacity is not None and (event.capacity is None or event.capacity > before.capacity):
        from planet.events.registration import fill_from_waiting_list

        fill_from_waiting_list(event)


# The filters of /events/ -----------------------------------------------------------------

ANY = [("", gettext_lazy("Any"))]
UPCOMING, PAST = "upcoming", "past"


def _with_any(choices):
    return lambda: ANY + list(choices() if callable(choices) else choices)


class EventFilterForm(forms.Form):
    """Filters kept in the URL. A bad value is ignored rather than failing the page."""

    when = forms.ChoiceField(
        label=gettext_lazy("When"),
        choices=[(UPCOMING, gettext_lazy("Upcoming")), (PAST, gettext_lazy("Past events"))],
        required=False,
    )
    goal = forms.ModelChoiceField(
        label=gettext_lazy("SDG"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        empty_label=gettext_lazy("Any"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=_with_any(EventKind.choices), required=False
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=_with_any(EventFormat.choices), required=False
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"), choices=_with_any(lambda: countries), required=False
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"), choices=_with_any(language_choices), required=False
    )
    festival = forms.ModelChoiceField(
        label=gettext_lazy("Festival"),
        queryset=Festival.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].label_from_instance = str

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_events(queryset, values: dict, now):
    """Narrow `queryset` (already what the viewer may see) by the filters; upcoming events
    first in time order, or past ones most recent first."""
    if goal := values.get("goal"):
        tagged = Event.goals.through.objects.filter(event=OuterRef("pk"), goal=goal)
        queryset = queryset.filter(Exists(tagged))
    if kind := values.get("kind"):
        queryset = queryset.filter(kind=kind)
    if event_format := values.get("format"):
        queryset = queryset.filter(format=event_format)
    if country := values.get("country"):
        queryset = queryset.filter(country=country)
    if language := values.get("language"):
        # A JSON list of codes: the quoted code is found in its text on every database.
        queryset = queryset.filter(languages__icontains=f'"{language}"')
    if festival := values.get("festival"):
        queryset = queryset.in_festival(festival)
    if values.get("when") == PAST:
        return queryset.past(now)
    return queryset.upcoming(now)
