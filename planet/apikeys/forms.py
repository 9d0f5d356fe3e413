from datetime import UTC, datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planet.apikeys.models import PersonalToken, Scope

MAX_ACTIVE_TOKENS = 20


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. 'research notebook'."),
    )
    scope = forms.ChoiceField(label=_("Access"), choices=Scope, initial=Scope.READ)
    expires_on = forms.DateField(
        label=_("Expires on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The token stops working at the end of this day (UTC)."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on and expires_on < timezone.now().date():
            raise forms.ValidationError(_("Choose today or a later day."), code="past")
        return expires_on

    def clean(self):
        if PersonalToken.objects.of(self.user).active().count() >= MAX_ACTIVE_TOKENS:
            raise forms.ValidationError(
                _("You have %(count)s active tokens: revoke one before creating another.")
                % {"count": MAX_ACTIVE_TOKENS},
                code="too_many",
            )
        return super().clean()

    def expires_at(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on is None:
            return None
        return datetime.combine(expires_on + timedelta(days=1), time.min, tzinfo=UTC)

    def save(self):
        """Create the token; returns (token, raw value shown once)."""
        return PersonalToken.issue(
            self.user,
            name=self.cleaned_data["name"],
            scope=self.cleaned_data["scope"],
            expires_at=self.expires_at(),
        )
