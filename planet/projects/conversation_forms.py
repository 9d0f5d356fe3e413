"""Forms of a project's conversation: updates, comments, needs and offers of help."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from planet.lib.markdown import clean_markdown_source
from planet.lib.once import OnceField
from planet.projects.models import Comment, HelpOffer, Need, ProjectUpdate

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, [links](https://…), lists.")


def _required_text(value: str, message) -> str:
    value = clean_markdown_source(value)
    if not value:
        raise forms.ValidationError(message, code="required")
    return value


class UpdateForm(forms.ModelForm):
    form_token = OnceField()

    class Meta:
        model = ProjectUpdate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"body": MARKDOWN_HELP}
        error_messages = {
            "title": {"required": _("Give the update a title.")},
            "body": {"required": _("Write the update.")},
        }

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the update a title."), code="required")
        return title

    def clean_body(self):
        return _required_text(self.cleaned_data["body"], _("Write the update."))


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Write something first.")},
    )
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(), required=False, widget=forms.HiddenInput
    )
    form_token = OnceField()

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["parent"].queryset = Comment.objects.live().filter(project=project)
        self.fields["parent"].error_messages["invalid_choice"] = _(
            "The comment you answer was deleted."
        )

    def clean_body(self):
        return _required_text(self.cleaned_data["body"], _("Write something first."))

    def save(self, author) -> Comment:
        return Comment.objects.create(
            project=self.project,
            author=author,
            parent=Comment.thread_root(self.cleaned_data["parent"]),
            body=self.cleaned_data["body"],
        )


class CommentEditForm(forms.Form):
    body = CommentForm.base_fields["body"]

    def clean_body(self):
        return _required_text(self.cleaned_data["body"], _("Write something first."))


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["kind", "description"]
        widgets = {"description": forms.TextInput()}
        help_texts = {"description": _("In a sentence: what would help, and when.")}
        error_messages = {"description": {"required": _("Say what is needed.")}}

    def clean_description(self):
        description = " ".join(self.cleaned_data["description"].split())
        if not description:
            raise forms.ValidationError(_("Say what is needed."), code="required")
        return description


class HelpOfferForm(forms.Form):
    message = forms.CharField(
        label=_("How can you help?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The team receives your message with your name and e-mail address."),
        error_messages={"required": _("Tell the team how you can help.")},
    )

    def __init__(self, *args, need, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.need, self.user = need, user

    def clean_message(self):
        return _required_text(self.cleaned_data["message"], _("Tell the team how you can help."))

    def clean(self):
        cleaned = super().clean()
        if not self.need.is_open:
            raise forms.ValidationError(_("The team no longer needs this; thank you all the same."))
        if self.need.offers.filter(user=self.user).exists():
            raise forms.ValidationError(
                _("You already offered help for this need; the team has your message.")
            )
        return cleaned

    @transaction.atomic
    def save(self) -> HelpOffer | None:
        """The offer, or None when one from this person arrived meanwhile."""
        Need.objects.select_for_update().get(pk=self.need.pk)  # one offer per person
        if self.need.offers.filter(user=self.user).exists():
            return None
        return HelpOffer.objects.create(
            need=self.need, user=self.user, message=self.cleaned_data["message"]
        )
