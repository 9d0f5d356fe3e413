from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from planet.moderation.models import Reason


class CuratorChangeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the member"))
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Written to the audit log, which curators can read."),
    )

    def __init__(self, *args, grant: bool = True, **kwargs):
        self.grant = grant
        self.user = None
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member has this e-mail address."), code="unknown")
        is_curator = user.site_role == user.SiteRole.CURATOR
        if self.grant and is_curator:
            raise forms.ValidationError(_("This member is already a curator."), code="already")
        if not self.grant and not is_curator:
            raise forms.ValidationError(_("This member is not a curator."), code="not_curator")
        self.user = user
        return email

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why, for the audit log."))
        return reason


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Details for the curators"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text=_("Required when you choose “Other”."),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["note"] = (cleaned.get("note") or "").strip()
        if cleaned.get("reason") == Reason.OTHER and not cleaned["note"]:
            self.add_error("note", _("Say what is wrong when you choose “Other”."))
        return cleaned


class ModerationActionForm(forms.Form):
    """The note every moderation action carries: to the author, or for the audit log."""

    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Sent to the author when you hide or warn; always kept in the audit log."),
        error_messages={"required": _("Write a note: the author and the audit log need it.")},
    )
