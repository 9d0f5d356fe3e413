"""Forms of the jury: invitations, the rubric, a juror's review, conflicts and outcomes."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planet.challenges.models import Criterion, Outcome


class InviteJurorForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the juror"), max_length=254)

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if self.challenge.jurors.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already on the jury."))
        if self.challenge.jury_invitations.pending().filter(email=email).exists():
            raise forms.ValidationError(
                _("An invitation to this address is already waiting for an answer.")
            )
        return email


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight"]
        help_texts = {
            "weight": gettext_lazy(
                "From 1 to 100. A criterion of weight 3 counts three times as much as one of "
                "weight 1 in an entry's weighted mean."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].error_messages.update(
            {
                "min_value": _("The weight is a whole number from 1 to 100."),
                "max_value": _("The weight is a whole number from 1 to 100."),
                "invalid": _("The weight is a whole number from 1 to 100."),
            }
        )
        self.fields["weight"].widget.attrs.update({"min": 1, "max": 100})


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why you cannot review this entry impartially"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Seen by the organisers only. For example: “I teach the author.”"),
    )


class ReviewForm(forms.Form):
    """One score and one comment per criterion of the rubric, and a comment for the entrant.

    Scores are checked against the challenge's scale, with errors naming the criterion.
    Saving a draft accepts missing scores; submitting (`require_all`) does not."""

    comment = forms.CharField(
        label=gettext_lazy("Comment for the entrant"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "The organisers may send it to the entrant with their outcome, without your name."
        ),
    )

    def __init__(self, *args, criteria, challenge, require_all=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.challenge = challenge
        self.require_all = require_all
        scale = {"min": challenge.scale_min, "max": challenge.scale_max}
        for criterion in self.criteria:
            self.fields[self.score_name(criterion)] = forms.IntegerField(
                label=_("Score for “%(name)s”") % {"name": criterion.name},
                required=False,
                widget=forms.NumberInput(attrs=scale),
                error_messages={"invalid": self._out_of_scale(criterion)},
            )
            self.fields[self.comment_name(criterion)] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                max_length=3000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def score_name(criterion) -> str:
        return f"score_{criterion.pk}"

    @staticmethod
    def comment_name(criterion) -> str:
        return f"comment_{criterion.pk}"

    def _out_of_scale(self, criterion) -> str:
        return _("“%(name)s”: the score must be a whole number from %(min)s to %(max)s.") % {
            "name": criterion.name,
            "min": self.challenge.scale_min,
            "max": self.challenge.scale_max,
        }

    def clean(self):
        cleaned = super().clean()
        if self.require_all and not self.criteria:
            raise forms.ValidationError(
                _("The organisers have not defined the rubric yet: the review cannot be submitted.")
            )
        for criterion in self.criteria:
            name = self.score_name(criterion)
            if name in self.errors:
                continue
            value = cleaned.get(name)
            if value is None and self.require_all:
                self.add_error(
                    name,
                    _("“%(name)s”: give a score to submit the review.") % {"name": criterion.name},
                )
            elif value is not None and not (
                self.challenge.scale_min <= value <= self.challenge.scale_max
            ):
                self.add_error(name, self._out_of_scale(criterion))
        return cleaned

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [
            (criterion, self[self.score_name(criterion)], self[self.comment_name(criterion)])
            for criterion in self.criteria
        ]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[self.score_name(criterion)],
                self.cleaned_data[self.comment_name(criterion)],
            )
            for criterion in self.criteria
        }


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Outcome"), choices=Outcome, required=False)
