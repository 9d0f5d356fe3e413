"""The entry form: built from a challenge's typed questions.

Every question field is optional to the form itself so that a draft can be saved half done;
the types and limits (length, word limit, allowed choices, file type and size, the entrant's
own published projects) are always checked. Submitting (`submitting=True`) also requires every
required question, the team name when only teams may enter, and the consent to publication.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from planet.challenges.entries import file_name
from planet.challenges.models import FileKind, Participation, QuestionKind, Submission
from planet.lib.uploads import checked_document
from planet.projects.models import Project

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 200_000
MB = 1024 * 1024
ACCEPT_BY_TYPE = {
    "pdf": "application/pdf,.pdf",
    "jpg": "image/jpeg,.jpg,.jpeg",
    "png": "image/png,.png",
    "webp": "image/webp,.webp",
    "txt": "text/plain,.txt",
    "md": "text/markdown,.md",
}


def count_words(text: str) -> int:
    """Words as the live counter and the server count them: runs of non-blank characters."""
    return len(text.split())


def question_field_name(question) -> str:
    return f"q{question.pk}"


class WordLimitedText(forms.CharField):
    def __init__(self, *, word_limit: int | None, **kwargs):
        self.word_limit = word_limit
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        words = count_words(value or "")
        if self.word_limit and words > self.word_limit:
            raise ValidationError(
                ngettext(
                    "This text has %(words)s words; the limit is %(limit)s word.",
                    "This text has %(words)s words; the limit is %(limit)s words.",
                    self.word_limit,
                )
                % {"words": words, "limit": self.word_limit},
                code="word_limit",
            )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.word_limit:
            attrs["data-word-limit"] = str(self.word_limit)
        return attrs


class EntryFileField(forms.FileField):
    """An upload checked by its content (planet.lib.uploads), then against the types the
    question allows. The cleaned value is a file named after its real type."""

    def __init__(self, *, question, **kwargs):
        self.allowed = question.allowed_file_types()
        self.allowed_labels = [str(FileKind(kind).label) for kind in question.file_kinds]
        self.max_bytes = (question.max_file_mb or 0) * MB or settings.MAX_MATERIAL_UPLOAD_BYTES
        accept = ",".join(ACCEPT_BY_TYPE.get(kind, f".{kind}") for kind in sorted(self.allowed))
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": accept} if accept else {}))
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        checked = checked_document(upload, limit=self.max_bytes)
        if self.allowed and checked.file_type not in self.allowed:
            raise ValidationError(
                _("This file is of a type this question does not accept. Upload one of: %(kinds)s.")
                % {"kinds": ", ".join(self.allowed_labels)},
                code="file_type",
            )
        return checked


def _help_text(question) -> str:
    """The organiser's help text (escaped: Django prints help texts as HTML) and the rules."""
    notes = [escape(question.help_text)] if question.help_text else []
    if question.kind == QuestionKind.LONG_TEXT and question.word_limit:
        notes.append(_("At most %(limit)s words.") % {"limit": question.word_limit})
    if question.kind == QuestionKind.FILE:
        kinds = [str(FileKind(kind).label) for kind in question.file_kinds]
        limit = filesizeformat(
            (question.max_file_mb or 0) * MB or settings.MAX_MATERIAL_UPLOAD_BYTES
        )
        if kinds:
            notes.append(_("Accepted: %(kinds)s.") % {"kinds": ", ".join(kinds)})
        notes.append(_("Largest file: %(limit)s.") % {"limit": limit})
    if question.required:
        notes.append(_("Required to submit."))
    return " ".join(str(note) for note in notes)


def _question_field(question, user) -> forms.Field:
    common = {"label": question.label, "help_text": _help_text(question), "required": False}
    match question.kind:
        case QuestionKind.SHORT_TEXT:
            return forms.CharField(max_length=SHORT_TEXT_MAX, **common)
        case QuestionKind.LONG_TEXT:
            return WordLimitedText(
                word_limit=question.word_limit,
                max_length=LONG_TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 12}),
                **common,
            )
        case QuestionKind.SINGLE_CHOICE:
            choices = [(choice, choice) for choice in question.choices]
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        case QuestionKind.MULTIPLE_CHOICE:
            choices = [(choice, choice) for choice in question.choices]
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        case QuestionKind.FILE:
            return EntryFileField(question=question, **common)
        case QuestionKind.LINK:
            return forms.URLField(max_length=500, assume_scheme="https", **common)
        case QuestionKind.PROJECT:
            projects = Project.objects.of_user(user).public().order_by("title").distinct()
            return forms.ModelChoiceField(
                queryset=projects,
                empty_label=gettext_lazy("(none)"),
                **common,
            )
    raise ValueError(question.kind)


def initial_value(answer):
    if answer is None:
        return None
    match answer.question.kind:
        case QuestionKind.SINGLE_CHOICE:
            return answer.choices[0] if answer.choices else None
        case QuestionKind.MULTIPLE_CHOICE:
            return answer.choices
        case QuestionKind.LINK:
            return answer.url
        case QuestionKind.PROJECT:
            return answer.project_id
        case QuestionKind.FILE:
            return None
    return answer.text


class EntryForm(forms.ModelForm):
    """The entry's own fields, then one field per question, in the organiser's order."""

    class Meta:
        model = Submission
        fields = ["title", "team_name", "consent_to_publish"]

    def __init__(self, *args, entry, questions, answers, submitting=False, **kwargs):
        super().__init__(*args, instance=entry, **kwargs)
        self.submitting = submitting
        self.questions = list(questions)
        self.answers = answers  # {question_id: Answer}
        challenge = entry.challenge
        if challenge.participation == Participation.INDIVIDUAL:
            del self.fields["team_name"]
        else:
            self.fields["team_name"].help_text = (
                _("Required: only teams may enter.")
                if challenge.participation == Participation.TEAM
                else _("Leave empty if you enter on your own.")
            )
        self.fields["consent_to_publish"].help_text = _("Required to submit.")
        if challenge.has_eligibility_rules():
            self.fields["eligible"] = forms.BooleanField(
                label=_("I confirm that I (and every member of my team) meet the rules: %(rules)s.")
                % {"rules": challenge.eligibility_text()},
                help_text=_("Required to submit."),
                required=False,
                initial=entry.status != "draft",
            )
        for question in self.questions:
            name = question_field_name(question)
            self.fields[name] = _question_field(question, entry.entrant)
            self.fields[name].question = question
            self.initial.setdefault(name, initial_value(answers.get(question.pk)))

    def question_rows(self) -> list[dict]:
        """Each question's bound field, with the file already uploaded for it, if any."""
        rows = []
        for question in self.questions:
            existing = self.existing_file(question) if question.kind == QuestionKind.FILE else None
            rows.append(
                {
                    "field": self[question_field_name(question)],
                    "question": question,
                    "existing_file": existing,
                    "file_name": file_name(existing) if existing else "",
                }
            )
        return rows

    def existing_file(self, question):
        answer = self.answers.get(question.pk)
        return answer if answer is not None and answer.file else None

    def _is_empty(self, question, value) -> bool:
        if question.kind == QuestionKind.FILE:
            return value is None and self.existing_file(question) is None
        return value in (None, "", [])

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            return cleaned
        missing = _("Answer this question to submit your entry.")
        for question in self.questions:
            name = question_field_name(question)
            blank = self._is_empty(question, cleaned.get(name))
            if question.required and name not in self.errors and blank:
                self.add_error(name, missing)
        if (
            self.instance.challenge.participation == Participation.TEAM
            and not cleaned.get("team_name", "").strip()
        ):
            self.add_error("team_name", _("Only teams may enter: give your team's name."))
        challenge = self.instance.challenge
        if "eligible" in self.fields and not cleaned.get("eligible"):
            self.add_error(
                "eligible", _("To submit, confirm that you meet the rules of this challenge.")
            )
        country = getattr(getattr(self.instance.entrant, "profile", None), "country", "")
        if not challenge.admits_country(str(country or "")):
            self.add_error(
                None,
                _(
                    "Your profile says you live in %(country)s; this challenge is open to "
                    "entrants living in: %(countries)s."
                )
                % {"country": country.name, "countries": challenge.country_names()},
            )
        if not cleaned.get("consent_to_publish"):
            self.add_error(
                "consent_to_publish",
                _("To submit, agree that your entry may be published if it is selected."),
            )
        return cleaned

    def answer_values(self) -> dict:
        """{question: cleaned value} for every question (None or "" when left empty)."""
        return {
            question: self.cleaned_data.get(question_field_name(question))
            for question in self.questions
        }
