from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class CuratorChangeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the member"))
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Written to the audit log, which curators can read."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member has this e-mail address."), code="unknown")
        self.user = user
        return email

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why, for the audit log."))
        return reason
