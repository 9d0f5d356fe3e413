"""The organiser's message to the people registered for an event."""

from django import forms
from django.utils.translation import gettext_lazy as _

from planet.events.models import AttendeeMessage


class AttendeeMessageForm(forms.ModelForm):
    include_waiting = forms.BooleanField(
        label=_("Also send it to the people on the waiting list"), required=False
    )

    class Meta:
        model = AttendeeMessage
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": _(
                "Plain text. Each person receives it separately: nobody sees the others' addresses."
            )
        }

    def clean_subject(self):
        """One line: a subject is an e-mail header."""
        return " ".join(self.cleaned_data["subject"].split())
