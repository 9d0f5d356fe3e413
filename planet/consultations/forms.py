"""Forms of consultations: the consultation itself (curators), the declaration of age and
country (once per consultation), proposals, comments, answers and the summary.

Dates are typed as wall-clock times in the consultation's own zone and stored in UTC, with the
helpers of the challenges' form (a time the clocks skip or repeat is refused)."""

import zoneinfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from planet.consultations.models import MAX_AGE, MIN_AGE, Consultation
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

DATE_FIELDS = ["opens_at", "closes_at"]
MARKDOWN_HELP = gettext_lazy("Markdown: **bold**, *italic*, [links](https://…), lists.")


def _one_line(value: str) -> str:
    return " ".join(value.split())


class ConsultationForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=gettext_lazy("SDGs"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    content_language = forms.ChoiceField(
        label=gettext_lazy("Language of the question and context"), choices=language_choices
    )
    timezone = forms.ChoiceField(
        label=gettext_lazy("Organiser's time zone"),
        choices=timezone_choices,
        help_text=gettext_lazy("The dates below are read in this zone."),
    )
    opens_at = LocalDateTimeField(label=gettext_lazy("Opens"))
    closes_at = LocalDateTimeField(
        label=gettext_lazy("Closes"),
        help_text=gettext_lazy("Exact to the minute: after it, the consultation is read-only."),
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Countries"),
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=gettext_lazy("Leave empty when people from every country may take part."),
    )

    class Meta:
        model = Consultation
        fields = [
            "title",
            "context",
            "content_language",
            "organisation",
            "timezone",
            *DATE_FIELDS,
            "max_age",
            "countries",
        ]
        widgets = {"context": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "title": gettext_lazy("The question put to participants."),
            "context": MARKDOWN_HELP,
            "max_age": gettext_lazy(
                "For example 30 for a youth consultation; empty when every age may take part."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = _("No organisation")
        self.fields["goals"].label_from_instance = str
        consultation = self.instance
        if consultation.pk:
            zone = consultation.zone
            self.initial.update(
                {name: utc_to_local(getattr(consultation, name), zone) for name in DATE_FIELDS}
            )
            self.initial["goals"] = list(consultation.goals.all())
        else:
            self.initial.setdefault("content_language", interface_language_code())

    def clean_title(self):
        title = _one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the consultation its question."), code="required")
        return title

    def clean_context(self):
        return clean_markdown_source(self.cleaned_data["context"])

    def clean_content_language(self):
        code = self.cleaned_data["content_language"]
        if code not in LANGUAGE_CODES:
            raise forms.ValidationError(_("Unknown language code."))
        return code

    def clean(self):
        cleaned = super().clean()
        zone = zoneinfo.ZoneInfo(cleaned.get("timezone") or "UTC")
        for name in DATE_FIELDS:
            naive = cleaned.get(name)
            if naive is None:
                continue
            try:
                cleaned[name] = local_to_utc(naive, zone)
            except InvalidLocalTime as invalid:
                self.add_error(name, local_time_error(str(invalid), naive, zone.key))
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The consultation must close after it opens."))
        return cleaned

    def save_goals(self, consultation) -> None:
        consultation.goals.set(self.cleaned_data["goals"])


class DeclarationForm(forms.Form):
    """Asked once per consultation, on the first contribution. Profiles hold no age."""

    age = forms.IntegerField(
        label=gettext_lazy("Your age"),
        min_value=MIN_AGE,
        max_value=MAX_AGE,
        help_text=gettext_lazy("Used only for the figures of this consultation, by age band."),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country where you live"), choices=[])

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["country"].choices = [("", "---------"), *countries]

    def clean(self):
        cleaned = super().clean()
        reasons = self.consultation.refusal(cleaned.get("age"), cleaned.get("country") or "")
        for field, message in reasons.items():
            self.add_error(field, message)
        return cleaned


class ProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Your proposal in one line"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Explain it"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )

    def clean_title(self):
        title = _one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give your proposal a title."), code="required")
        return title

    def clean_body(self):
        body = clean_markdown_source(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Explain your proposal."), code="required")
        return body


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )

    def clean_body(self):
        body = clean_markdown_source(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write your comment."), code="required")
        return body


class AnswerForm(forms.Form):
    retained = forms.BooleanField(label=gettext_lazy("Retain this proposal"), required=False)
    answer = forms.CharField(
        label=gettext_lazy("Official answer"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["answer"] = clean_markdown_source(cleaned.get("answer", ""))
        if cleaned.get("retained") and not cleaned["answer"]:
            self.add_error("answer", _("A retained proposal needs an official answer."))
        return cleaned


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary of the consultation"),
        max_length=30000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "Markdown. Published on the consultation's page; empty to withdraw it."
        ),
    )

    def clean_summary(self):
        return clean_markdown_source(self.cleaned_data["summary"])
