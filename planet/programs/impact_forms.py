"""Forms of an impact report: the report itself, its measured indicators and its evidence."""

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planet.lib.markdown import clean_markdown_source
from planet.programs.models import (
    LEARNER_BANDS,
    MAX_LEARNERS_PER_BAND,
    MAX_SESSIONS,
    ImpactReport,
    Indicator,
)
from planet.projects.forms import LinkFormSet

MAX_INDICATORS = 10
LEARNER_FIELDS = [field for _band, field in LEARNER_BANDS]
COUNT_FIELDS = [*LEARNER_FIELDS, "sessions_held"]
DATE_INPUT = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
# Sent by every form besides its fields: the CSRF token and the one-time token of a new report.
ALWAYS_KNOWN = {"csrfmiddlewaretoken", "form_token"}


def _figure(number: int) -> str:
    return number_format(number, force_grouping=True)


class ImpactReportForm(forms.ModelForm):
    class Meta:
        model = ImpactReport
        fields = ["period_start", "period_end", *COUNT_FIELDS, "outcomes"]
        widgets = {
            "period_start": forms.DateInput(**DATE_INPUT),
            "period_end": forms.DateInput(**DATE_INPUT),
            "outcomes": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "outcomes": gettext_lazy(
                "What changed for the learners and around them. Markdown: **bold**, *italic*, "
                "[links](https://…), lists."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        learners = {
            "min_value": _("A number of learners cannot be negative."),
            "max_value": _("At most %(max)s learners in one age band: check this figure.")
            % {"max": _figure(MAX_LEARNERS_PER_BAND)},
            "invalid": _("Enter a whole number of learners, like 120."),
        }
        sessions = {
            "min_value": _("A number of sessions cannot be negative."),
            "max_value": _("At most %(max)s sessions in one report: check this figure.")
            % {"max": _figure(MAX_SESSIONS)},
            "invalid": _("Enter a whole number of sessions, like 12."),
        }
        for name in COUNT_FIELDS:
            field = self.fields[name]
            field.required = False  # left empty means none
            field.error_messages.update(sessions if name == "sessions_held" else learners)
        self.fields["period_end"].help_text = _("The period must be over: no later than today.")

    def clean_outcomes(self):
        return clean_markdown_source(self.cleaned_data["outcomes"])

    def clean(self):
        cleaned = super().clean()
        for name in COUNT_FIELDS:
            if name not in self.errors and cleaned.get(name) is None:
                cleaned[name] = 0
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if end and start and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        elif end and end > timezone.localdate():
            self.add_error(
                "period_end",
                _("This date is in the future: report on a period once it is over."),
            )
        return cleaned


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "value", "unit"]
        help_texts = {
            "name": gettext_lazy("What was measured, e.g. “Trees planted”."),
            "unit": gettext_lazy("Optional, e.g. “kg” or “%”."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].error_messages["invalid"] = _("Enter a number, like 12.5.")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_unit(self):
        return " ".join(self.cleaned_data["unit"].split())


IndicatorFormSet = forms.inlineformset_factory(
    ImpactReport,
    Indicator,
    form=IndicatorForm,
    extra=1,
    max_num=MAX_INDICATORS,
    validate_max=True,
    can_delete=True,
)
EvidenceFormSet = LinkFormSet


def report_forms(data=None, report: ImpactReport | None = None):
    """The report form and its two formsets, bound to `data` when it is given."""
    report = report if report is not None else ImpactReport()
    return (
        ImpactReportForm(data, instance=report),
        IndicatorFormSet(data, instance=report, prefix="indicators"),
        EvidenceFormSet(data, initial=report.evidence_links, prefix="evidence"),
    )


def evidence_of(formset) -> list[dict]:
    return [
        {"label": form.cleaned_data["label"], "url": form.cleaned_data["url"]}
        for form in formset
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def unknown_fields(data, form, *formsets) -> list[str]:
    """Names posted that none of the forms has: a tampered or outdated form."""
    known = set(ALWAYS_KNOWN) | {form.add_prefix(name) for name in form.fields}
    for formset in formsets:
        management = formset.management_form
        known.update(management.add_prefix(name) for name in management.fields)
        for each in formset.forms:
            known.update(each.add_prefix(name) for name in each.fields)
    return sorted(set(data) - known)


def all_valid(data, form, indicators, evidence) -> bool:
    """Validate everything (so that every error shows at once); unknown fields are refused."""
    valid = all([form.is_valid(), indicators.is_valid(), evidence.is_valid()])
    unknown = unknown_fields(data, form, indicators, evidence)
    if unknown:
        form.add_error(
            None,
            _("This form does not have these fields: %(names)s. Reload the page and try again.")
            % {"names": ", ".join(unknown[:10])},
        )
    return valid and not unknown
