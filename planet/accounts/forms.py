import re
import zoneinfo

from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from planet.accounts.models import Profile, User
from planet.lib.images import delete_image, reencode_image
from planet.lib.languages import LANGUAGE_CODES, language_choices
from planet.sdgs.models import Goal

AVATAR_SIDE = 512
MAX_SKILLS = 30
# Latin, Arabic and CJK commas and semicolons all separate skills.
SKILL_SEPARATORS = re.compile(r"[,;\u060c\u061b\uff0c\u3001\uff1b]")


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("How other members see you, e.g. your first name or full name."),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def clean_email(self):
        # Sign-up says plainly that an address is taken (whatever its case); password reset
        # and adding an address keep allauth's protection against probing for addresses.
        email = super().clean_email()
        taken = EmailAddress.objects.filter(email__iexact=email).exists()
        if taken or User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account already uses this e-mail address. Sign in, or reset your password."),
                code="taken",
            )
        return email

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter a display name."))
        return name


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), required=False, choices=language_choices
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, e.g. facilitation, design thinking, climate science."),
    )
    sdgs = forms.ModelMultipleChoiceField(
        label=_("SDGs of interest"),
        required=False,
        queryset=Goal.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_("Dates and times are shown in this zone."),
    )
    remove_avatar = forms.BooleanField(label=_("Remove the current picture"), required=False)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "bio",
            "avatar",
            "about_visibility",
            "country",
            "city",
            "location_visibility",
            "languages",
            "skills",
            "sdgs",
            "interests_visibility",
            "timezone",
        ]
        widgets = {"avatar": forms.FileInput(attrs={"accept": "image/*"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = sorted(zoneinfo.available_timezones())
        self.fields["timezone"].choices = [("", _("UTC (not set)"))] + [(z, z) for z in zones]
        if self.instance.pk:
            self.initial["skills"] = ", ".join(self.instance.skills)
        self.fields["sdgs"].label_from_instance = lambda goal: str(goal)

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter a display name."))
        return name

    def clean_languages(self):
        codes = self.cleaned_data["languages"]
        unknown = [code for code in codes if code not in LANGUAGE_CODES]
        if unknown:
            raise forms.ValidationError(_("Unknown language code."))
        return codes

    def clean_skills(self):
        skills = []
        for raw in SKILL_SEPARATORS.split(self.cleaned_data["skills"]):
            skill = " ".join(raw.split())[:60]
            if skill and skill.casefold() not in {s.casefold() for s in skills}:
                skills.append(skill)
        if len(skills) > MAX_SKILLS:
            raise forms.ValidationError(
                _("List at most %(max)s skills.") % {"max": MAX_SKILLS}, code="too_many"
            )
        return skills

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and avatar is not self.initial.get("avatar") and hasattr(avatar, "size"):
            return reencode_image(avatar, max_side=AVATAR_SIDE)
        return avatar

    def save(self, commit=True):
        previous = self.initial.get("avatar")
        profile = super().save(commit=False)
        if self.cleaned_data.get("remove_avatar") and "avatar" not in self.changed_data:
            profile.avatar = ""
        if commit:
            profile.save()
            self.save_m2m()
            if previous and previous.name != profile.avatar.name:
                # a replaced or removed picture must not stay reachable at its old address
                name, storage = previous.name, previous.storage
                transaction.on_commit(lambda: delete_image(storage, name))
        return profile


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password

    def clean(self):
        blocking = self.user.organisations_blocking_deletion()
        if blocking:
            names = ", ".join(org.name for org in blocking)
            raise forms.ValidationError(
                _(
                    "You are the only admin of %(names)s. Make another member admin first, "
                    "so that the organisation is not left without one."
                )
                % {"names": names},
                code="last_admin",
            )
        projects = self.user.projects_blocking_deletion()
        if projects:
            titles = ", ".join(f"“{project.title}”" for project in projects)
            raise forms.ValidationError(
                _(
                    "You are the only owner of %(titles)s, which has other team members. "
                    "Make one of them an owner first, so that the project is not left "
                    "without one."
                )
                % {"titles": titles},
                code="last_owner",
            )
        return super().clean()
