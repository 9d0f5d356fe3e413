from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from planet.lib.images import ImageUploadField, delete_image
from planet.lib.markdown import clean_markdown_source
from planet.orgs.models import Organisation, OrganisationKind, Role

LOGO_SIDE = 400


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://www.example.org"),
    )
    logo = ImageUploadField(
        label=_("Logo"),
        max_side=LOGO_SIDE,
        help_text=_("A JPEG, PNG, GIF or WebP picture; we store it at most 400 pixels wide."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "website", "description", "logo"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, [links](https://…), lists."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_logo = self.instance.logo.name if self.instance.logo else ""
        if not self.previous_logo:
            del self.fields["remove_logo"]
        self.fields["name"].widget.attrs["autocomplete"] = "organization"

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the organisation a name."), code="required")
        return name

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])

    def save(self, commit=True):
        """Save (inside the caller's transaction); a replaced or removed logo file is deleted
        once the change is committed."""
        organisation = super().save(commit=False)
        upload = self.cleaned_data.get("logo")
        if upload and upload.name != self.previous_logo:
            organisation.logo = upload
        elif self.cleaned_data.get("remove_logo"):
            organisation.logo = ""
        else:
            organisation.logo = self.previous_logo
        if commit:
            organisation.save()
        if self.previous_logo and organisation.logo.name != self.previous_logo:
            name, storage = self.previous_logo, organisation.logo.storage
            transaction.on_commit(lambda: delete_image(storage, name))
        return organisation


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False, widget=forms.SearchInput)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any"))] + OrganisationKind.choices, required=False
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", _("Any"))] + list(countries), required=False
    )

    def filters(self) -> dict:
        """The valid values; a field with a bad value is ignored rather than failing the page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_organisations(queryset, values: dict):
    if kind := values.get("kind"):
        queryset = queryset.filter(kind=kind)
    if country := values.get("country"):
        queryset = queryset.filter(country=country)
    if q := values.get("q"):
        queryset = queryset.filter(name__icontains=q.strip())
    return queryset


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class DeleteOrganisationForm(forms.Form):
    confirm_name = forms.CharField(
        label=_("Type the organisation's name to confirm"), max_length=200
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_confirm_name(self):
        typed = " ".join(self.cleaned_data["confirm_name"].split())
        if typed.casefold() != self.organisation.name.casefold():
            raise forms.ValidationError(
                _("This is not the organisation's name; nothing was deleted.")
            )
        return typed
