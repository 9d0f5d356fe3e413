"""The submission-form builder: one typed question at a time, validated for its type.

Settings that belong to one type only (a word limit, choices, file types and size) are refused
on the others, with the error on the field concerned. Once entries have been submitted, a
question keeps its type and its existing choices, so that no answer loses its meaning.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planet.challenges.models import FileKind, Question, QuestionKind, SubmissionStatus

MIN_CHOICES, MAX_CHOICES = 2, 30
MAX_CHOICE_LENGTH = 200
DEFAULT_FILE_MB = 10
MAX_QUESTIONS = 50
CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


def has_submitted_entries(challenge) -> bool:
    """Entries were sent (even if withdrawn since): the form's shape is then fixed."""
    return challenge.submissions.exclude(status=SubmissionStatus.DRAFT).exists()


class QuestionForm(forms.ModelForm):
    choices = forms.CharField(
        label=gettext_lazy("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Single or multiple choice only: one choice per line, from 2 to 30."
        ),
    )
    file_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Allowed file types"),
        choices=FileKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("File questions only: at least one. Files are checked by content."),
    )

    class Meta:
        model = Question
        fields = ["kind", "label", "help_text", "required", "word_limit", "max_file_mb"]
        help_texts = {
            "word_limit": gettext_lazy("Long text only. Leave empty for no limit."),
            "max_file_mb": gettext_lazy("File questions only: from 1 to 50 MB; 10 if empty."),
        }

    def __init__(self, *args, challenge, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.locked = locked and self.instance.pk is not None
        if self.instance.pk:
            self.initial["choices"] = "\n".join(self.instance.choices)
            self.initial["file_kinds"] = list(self.instance.file_kinds)
        if self.locked:
            self.fields["kind"].help_text = _(
                "Entries have been submitted: the type of this question can no longer change."
            )
        self.fields["required"].initial = True

    def clean_label(self):
        label = " ".join(self.cleaned_data["label"].split())
        if not label:
            raise forms.ValidationError(_("Write the question."), code="required")
        return label

    def clean_help_text(self):
        return " ".join(self.cleaned_data["help_text"].split())

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.locked and kind != self.instance.kind:
            raise forms.ValidationError(
                _("Entries have been submitted: the type of this question can no longer change."),
                code="locked",
            )
        return kind

    def clean_choices(self) -> list[str]:
        lines = (" ".join(line.split()) for line in self.cleaned_data["choices"].splitlines())
        unique: list[str] = []
        for line in lines:
            if line and line not in unique:
                unique.append(line)
        if too_long := [line for line in unique if len(line) > MAX_CHOICE_LENGTH]:
            raise forms.ValidationError(
                _("A choice may have at most %(max)s characters: “%(choice)s…”.")
                % {"max": MAX_CHOICE_LENGTH, "choice": too_long[0][:40]}
            )
        return unique

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind is None:
            return cleaned
        self._check_word_limit(kind, cleaned)
        self._check_choices(kind, cleaned)
        self._check_file_settings(kind, cleaned)
        return cleaned

    def _check_word_limit(self, kind, cleaned) -> None:
        if cleaned.get("word_limit") is not None and kind != QuestionKind.LONG_TEXT:
            self.add_error("word_limit", _("A word limit applies to long text questions only."))
        elif cleaned.get("word_limit") == 0:
            self.add_error("word_limit", _("A word limit must be at least 1 word."))

    def _check_choices(self, kind, cleaned) -> None:
        choices = cleaned.get("choices")
        if choices is None:
            return
        if kind not in CHOICE_KINDS:
            if choices:
                self.add_error(
                    "choices", _("Choices apply to single or multiple choice questions only.")
                )
            return
        if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
            self.add_error(
                "choices",
                _("Give from %(min)s to %(max)s different choices, one per line (%(count)s now).")
                % {"min": MIN_CHOICES, "max": MAX_CHOICES, "count": len(choices)},
            )
        elif self.locked and (removed := [c for c in self.instance.choices if c not in choices]):
            self.add_error(
                "choices",
                _(
                    "Entries have been submitted: existing choices cannot be removed or renamed "
                    "(%(choices)s). You may add new ones."
                )
                % {"choices": ", ".join(f"“{choice}”" for choice in removed)},
            )

    def _check_file_settings(self, kind, cleaned) -> None:
        kinds, size = cleaned.get("file_kinds") or [], cleaned.get("max_file_mb")
        if kind != QuestionKind.FILE:
            if kinds:
                self.add_error("file_kinds", _("File types apply to file questions only."))
            if size is not None:
                self.add_error("max_file_mb", _("A file size applies to file questions only."))
            return
        if not kinds and not self.has_error("file_kinds"):
            self.add_error("file_kinds", _("Allow at least one type of file."))
        if size is None and not self.has_error("max_file_mb"):
            cleaned["max_file_mb"] = DEFAULT_FILE_MB

    def save(self, commit=True):
        question = super().save(commit=False)
        question.challenge = self.challenge
        kind = self.cleaned_data["kind"]
        question.choices = self.cleaned_data["choices"] if kind in CHOICE_KINDS else []
        question.file_kinds = self.cleaned_data["file_kinds"] if kind == QuestionKind.FILE else []
        if kind != QuestionKind.FILE:
            question.max_file_mb = None
        if question.pk is None:
            last = self.challenge.questions.order_by("-position").first()
            question.position = last.position + 1 if last else 0
        if commit:
            question.save()
        return question
