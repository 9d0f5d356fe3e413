"""Forms of the Festival: an edition's settings, proposing a local event to it, the festival
curators' decision, and the filters of the programme (kept in the URL)."""

import re
import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planet.events.models import Event, EventFormat, EventStatus, Festival
from planet.events.programme import ProgrammeFilters
from planet.lib.languages import language_name
from planet.lib.markdown import clean_markdown_source
from planet.lib.zoned_time import timezone_choices
from planet.orgs.models import Membership, Role
from planet.sdgs.models import Goal

ANY = [("", gettext_lazy("Any"))]


# An edition's settings ---------------------------------------------------------------------


class FestivalForm(forms.ModelForm):
    curator_emails = forms.CharField(
        label=gettext_lazy("Festival curators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "E-mail addresses of members who approve local events for this edition, one per "
            "line or separated by commas. The site's curators always may."
        ),
    )

    class Meta:
        model = Festival
        fields = ["name", "summary", "description", "starts_on", "ends_on", "proposals_open"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "description": gettext_lazy(
                "Markdown: **bold**, *italic*, [links](https://…), lists, headings."
            ),
            "ends_on": gettext_lazy("Local events must take place on at least one of the days."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            emails = self.instance.curators.order_by("email").values_list("email", flat=True)
            self.initial["curator_emails"] = "\n".join(emails)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Give the edition a name."), code="required")
        return name

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])

    def clean_curator_emails(self):
        """The members named by e-mail; every address must belong to an existing account."""
        addresses = [a.lower() for a in re.split(r"[\s,;]+", self.cleaned_data["curator_emails"])]
        addresses = list(dict.fromkeys(a for a in addresses if a))
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    _("“%(address)s” is not an e-mail address.") % {"address": address}
                ) from None
        users = list(get_user_model().objects.filter(email__in=addresses, is_active=True))
        unknown = sorted(set(addresses) - {user.email for user in users})
        if unknown:
            raise ValidationError(
                _("No member has the address %(addresses)s: they must join first.")
                % {"addresses": ", ".join(unknown)}
            )
        return users

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("starts_on"), cleaned.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last day cannot come before the first day."))
        return cleaned

    def save(self, commit=True):
        festival = super().save(commit=commit)
        if commit:
            festival.curators.set(self.cleaned_data["curator_emails"])
        return festival


# Proposing a local event -------------------------------------------------------------------


def proposable_events(user, now=None):
    """Events `user` runs (created, or of an organisation they administer or edit), in draft
    or published, not over yet, and in no festival."""
    runs_org = Membership.objects.filter(
        organisation=OuterRef("organisation"), user=user, role__in=(Role.ADMIN, Role.EDITOR)
    )
    return (
        Event.objects.organised_by(user)
        .filter(Q(created_by=user) | Exists(runs_org))
        .filter(status__in=(EventStatus.DRAFT, EventStatus.PUBLISHED), festival__isnull=True)
        .upcoming(now)
    )


def overlaps_festival(event: Event, festival: Festival) -> bool:
    """Whether the event takes place, in its own zone, on at least one festival day."""
    first_day = timezone.localtime(event.starts_at, event.zone).date()
    last_day = timezone.localtime(event.ends_at, event.zone).date()
    return first_day <= festival.ends_on and last_day >= festival.starts_on


class ProposalForm(forms.Form):
    event = forms.ModelChoiceField(
        label=gettext_lazy("Your event"),
        queryset=Event.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, festival: Festival, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.festival = festival
        field = self.fields["event"]
        field.queryset = proposable_events(user)
        field.label_from_instance = self._label
        field.error_messages["invalid_choice"] = _(
            "Choose one of your events that is not over and is in no festival yet."
        )

    @staticmethod
    def _label(event: Event) -> str:
        start = timezone.localtime(event.starts_at, event.zone)
        when = formats.date_format(start, "DATETIME_FORMAT")
        status = f" ({event.get_status_display()})" if event.status == EventStatus.DRAFT else ""
        return f"{event.title}{status} · {when} ({event.timezone})"

    def clean(self):
        cleaned = super().clean()
        if not self.festival.proposals_open:
            raise ValidationError(
                _("This edition no longer accepts proposals of local events. Nothing was sent.")
            )
        event = cleaned.get("event")
        if event and not overlaps_festival(event, self.festival):
            start = timezone.localtime(event.starts_at, event.zone)
            self.add_error(
                "event",
                _(
                    "“%(title)s” starts on %(start)s (%(zone)s), but the festival runs from "
                    "%(first)s to %(last)s: a local event must take place on at least one "
                    "festival day."
                )
                % {
                    "title": event.title,
                    "start": formats.date_format(start, "DATE_FORMAT"),
                    "zone": event.timezone,
                    "first": formats.date_format(self.festival.starts_on, "DATE_FORMAT"),
                    "last": formats.date_format(self.festival.ends_on, "DATE_FORMAT"),
                },
            )
        return cleaned


# The festival curators' decision -----------------------------------------------------------


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve")), ("decline", gettext_lazy("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the organiser"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when you decline: say why, and what could change it."),
    )

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("note"):
            self.add_error("note", _("Tell the organiser why the event is declined."))
        return cleaned


# The programme's filters -------------------------------------------------------------------


def _by_name(pair) -> str:
    return pair[1].casefold()


def _goal_choices():
    return ANY + [(str(goal.number), str(goal)) for goal in Goal.objects.for_tiles()]


class ProgrammeFilterForm(forms.Form):
    """Filters of the programme, map and figures, kept in the URL. A bad value is ignored."""

    sdg = forms.TypedChoiceField(
        label=gettext_lazy("SDG"), choices=_goal_choices, coerce=int, required=False
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=ANY + list(EventFormat.choices), required=False
    )
    tz = forms.ChoiceField(
        label=gettext_lazy("Show times in"),
        choices=lambda: [("", _("My time zone"))] + timezone_choices(),
        required=False,
    )

    def __init__(self, data=None, *, countries_present=(), languages_present=()):
        """Countries and languages to choose from: those of the edition's events."""
        super().__init__(data)
        self.fields["country"].choices = ANY + sorted(
            ((code, countries.name(code)) for code in countries_present), key=_by_name
        )
        self.fields["language"].choices = ANY + sorted(
            ((code, language_name(code)) for code in languages_present), key=_by_name
        )

    def filters(self) -> ProgrammeFilters:
        values = self.cleaned_data if self.is_valid() else self._valid_values()
        return ProgrammeFilters(
            goal=values.get("sdg") or None,
            language=values.get("language") or "",
            country=values.get("country") or "",
            format=values.get("format") or "",
        )

    def zone(self) -> zoneinfo.ZoneInfo | None:
        """The zone the viewer asked to read times in, if any."""
        name = (self.cleaned_data if self.is_valid() else self._valid_values()).get("tz")
        return zoneinfo.ZoneInfo(name) if name else None

    def _valid_values(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }
