"""The form of a challenge: what it is, who runs it, its phases in the organiser's time zone,
eligibility, prizes and the jury's settings.

Phase dates are typed as wall-clock times in the challenge's own zone (not the viewer's) and
stored in UTC. A time the zone skips or repeats when the clocks change is refused: a deadline
must name one exact minute.
"""

import zoneinfo

from django import forms
from django.db.models import Count, Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planet.challenges.models import (
    Challenge,
    ChallengeKind,
    Participation,
    Score,
    SubmissionStatus,
)
from planet.challenges.permissions import runnable_organisations
from planet.lib.languages import LANGUAGE_CODES, interface_language_code, language_choices
from planet.lib.markdown import clean_markdown_source
from planet.lib.zoned_time import (
    InvalidLocalTime,
    LocalDateTimeField,
    local_time_error,
    local_to_utc,
    timezone_choices,
    utc_to_local,
)
from planet.orgs.models import Organisation
from planet.sdgs.models import Goal

PHASE_FIELDS = ["opens_at", "closes_at", "review_ends_at", "results_at"]
VOTING_FIELDS = ["voting_opens_at", "voting_closes_at"]


class ChallengeForm(forms.ModelForm):
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
        label=gettext_lazy("Organiser's time zone"),
        choices=timezone_choices,
        help_text=gettext_lazy(
            "The dates below are read in this zone, whatever zone your own profile names."
        ),
    )
    opens_at = LocalDateTimeField(label=gettext_lazy("Submissions open"))
    closes_at = LocalDateTimeField(
        label=gettext_lazy("Submissions close"),
        help_text=gettext_lazy("Exact to the minute: an entry one minute late is refused."),
    )
    review_ends_at = LocalDateTimeField(label=gettext_lazy("Review ends"))
    results_at = LocalDateTimeField(
        label=gettext_lazy("Results announced"),
        help_text=gettext_lazy("The results publish themselves at this time once finalised."),
    )
    voting_opens_at = LocalDateTimeField(label=gettext_lazy("Public voting opens"), required=False)
    voting_closes_at = LocalDateTimeField(
        label=gettext_lazy("Public voting closes"), required=False
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Eligible countries"),
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("Leave empty when people from every country may enter."),
    )

    class Meta:
        model = Challenge
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "content_language",
            "organisation",
            "timezone",
            *PHASE_FIELDS,
            "min_age",
            "max_age",
            "countries",
            "participation",
            "prizes",
            "max_entries_per_person",
            "reviews_per_submission",
            "scale_min",
            "scale_max",
            "blind_review",
            "share_comments",
            *VOTING_FIELDS,
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 12}),
            "prizes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "description": gettext_lazy(
                "Markdown: **bold**, *italic*, [links](https://…), lists, headings."
            ),
            "prizes": gettext_lazy("Markdown. What the winners and selected entrants receive."),
            "max_entries_per_person": gettext_lazy("How many entries one person may make."),
            "reviews_per_submission": gettext_lazy("How many jurors review each entry."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        challenge = self.instance
        organisations = runnable_organisations(user)
        if challenge.organisation_id:
            organisations = organisations | Organisation.objects.filter(
                pk=challenge.organisation_id
            )
        organiser = self.fields["organisation"]
        organiser.queryset = organisations.distinct().order_by("name")
        organiser.required = not user.is_curator
        organiser.empty_label = _("No organisation") if user.is_curator else None
        organiser.help_text = (
            _("Any organisation, or none.")
            if user.is_curator
            else _("An organisation you administer or edit.")
        )
        self.fields["goals"].label_from_instance = str
        if challenge.pk:
            zone = challenge.zone
            self.initial.update(
                {name: utc_to_local(getattr(challenge, name), zone) for name in PHASE_FIELDS}
            )
            self.initial.update(
                {name: utc_to_local(getattr(challenge, name), zone) for name in VOTING_FIELDS}
            )
            self.initial["goals"] = list(challenge.goals.all())
        else:
            profile_zone = getattr(getattr(user, "profile", None), "timezone", "")
            self.initial["timezone"] = profile_zone or "UTC"
            self.initial["content_language"] = interface_language_code()

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the challenge a title."), code="required")
        return title

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])

    def clean_prizes(self):
        return clean_markdown_source(self.cleaned_data["prizes"])

    def clean_content_language(self):
        code = self.cleaned_data["content_language"]
        if code not in LANGUAGE_CODES:
            raise forms.ValidationError(_("Unknown language code."))
        return code

    def clean(self):
        cleaned = super().clean()
        if "timezone" in cleaned:
            self._place_dates_in_zone(cleaned, zoneinfo.ZoneInfo(cleaned["timezone"]))
        else:  # the form fails on its zone; UTC only lets the other checks run meanwhile
            self._place_dates_in_zone(cleaned, zoneinfo.ZoneInfo("UTC"))
        self._check_phase_order(cleaned)
        self._check_voting(cleaned)
        self._check_ranges(cleaned)
        if self.instance.pk:
            self._keep_existing_entries_valid(cleaned)
        return cleaned

    def _place_dates_in_zone(self, cleaned, zone) -> None:
        for name in PHASE_FIELDS + VOTING_FIELDS:
            naive = cleaned.get(name)
            if naive is None:
                continue
            try:
                cleaned[name] = local_to_utc(naive, zone)
            except InvalidLocalTime as invalid:
                self.add_error(name, local_time_error(str(invalid), naive, zone.key))

    def _check_phase_order(self, cleaned) -> None:
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        review, results = cleaned.get("review_ends_at"), cleaned.get("results_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Submissions must close after they open."))
        if closes and review and review < closes:
            self.add_error("review_ends_at", _("The review cannot end before submissions close."))
        if review and results and results < review:
            self.add_error("results_at", _("Results cannot be announced before the review ends."))

    def _check_voting(self, cleaned) -> None:
        opens, closes = cleaned.get("voting_opens_at"), cleaned.get("voting_closes_at")
        if self.has_error("voting_opens_at") or self.has_error("voting_closes_at"):
            return
        if bool(opens) != bool(closes):
            missing = "voting_closes_at" if opens else "voting_opens_at"
            self.add_error(
                missing, _("Give both dates of public voting, or neither for no public vote.")
            )
        elif opens and closes and closes <= opens:
            self.add_error("voting_closes_at", _("Public voting must close after it opens."))

    def _check_ranges(self, cleaned) -> None:
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and low >= high:
            self.add_error("scale_max", _("The highest score must be above the lowest."))
        youngest, oldest = cleaned.get("min_age"), cleaned.get("max_age")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error("max_age", _("The maximum age is below the minimum age."))

    def _keep_existing_entries_valid(self, cleaned) -> None:
        """Refuse what would break entries already made, or reviews already given."""
        challenge = self.instance
        entries = challenge.submissions.all()
        first = entries.order_by("created_at").values_list("created_at", flat=True).first()
        opens = cleaned.get("opens_at")
        if first and opens and opens > first:
            when = formats.date_format(timezone.localtime(first), "DATETIME_FORMAT")
            self.add_error(
                "opens_at",
                _("The first entry was started on %(when)s: submissions cannot open later.")
                % {"when": when},
            )
        limit = cleaned.get("max_entries_per_person")
        if limit and first:
            held = (
                entries.exclude(status=SubmissionStatus.WITHDRAWN)
                .values("entrant")
                .annotate(total=Count("pk"))
                .aggregate(most=Max("total"))["most"]
            )
            if held and limit < held:
                self.add_error(
                    "max_entries_per_person",
                    _("Someone has already made %(count)s entries: the limit cannot be lower.")
                    % {"count": held},
                )
        self._keep_scores_on_scale(cleaned)
        if cleaned.get("blind_review") != challenge.blind_review and (
            challenge.submissions.filter(assignments__isnull=False).exists()
        ):
            self.add_error(
                "blind_review",
                _("Entries are already assigned to jurors: blind review can no longer change."),
            )
        named_teams = entries.exclude(team_name="").exists() if first else False
        if cleaned.get("participation") == Participation.INDIVIDUAL and named_teams:
            self.add_error(
                "participation",
                _("Some entries were made by teams: the challenge cannot become individual only."),
            )

    def _keep_scores_on_scale(self, cleaned) -> None:
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is None or high is None:
            return
        scores = Score.objects.filter(assignment__submission__challenge=self.instance)
        if scores.exclude(value__gte=low, value__lte=high).exists():
            self.add_error(
                "scale_max",
                _("Jurors have already given scores outside this scale: keep %(low)s to %(high)s.")
                % {"low": self.instance.scale_min, "high": self.instance.scale_max},
            )

    def save_goals(self, challenge) -> None:
        challenge.goals.set(self.cleaned_data["goals"])


PHASE_FILTERS = [
    ("open", gettext_lazy("Open for submissions")),
    ("upcoming", gettext_lazy("Opening soon")),
    ("closed", gettext_lazy("Closed")),
]
ANY = [("", gettext_lazy("Any"))]


class ChallengeFilterForm(forms.Form):
    """The filters of /challenges/, kept in the URL. A bad value is ignored, not an error."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=ANY + list(ChallengeKind.choices), required=False
    )
    phase = forms.ChoiceField(
        label=gettext_lazy("Submissions"), choices=ANY + PHASE_FILTERS, required=False
    )

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_challenges(queryset, values: dict, now):
    if kind := values.get("kind"):
        queryset = queryset.filter(kind=kind)
    phase = values.get("phase")
    if phase == "open":
        queryset = queryset.filter(opens_at__lte=now, closes_at__gt=now)
    elif phase == "upcoming":
        queryset = queryset.filter(opens_at__gt=now)
    elif phase == "closed":
        queryset = queryset.filter(closes_at__lte=now)
    return queryset
