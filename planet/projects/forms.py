from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from planet.lib.images import ImageUploadField, delete_image
from planet.lib.languages import LANGUAGE_CODES, interface_language_code, language_choices
from planet.lib.markdown import clean_markdown_source
from planet.lib.once import OnceField
from planet.orgs.models import Organisation
from planet.projects.models import AgeGroup, Project, ProjectLocation, ProjectMember, TeamRole
from planet.sdgs.models import Goal, Target

COVER_SIDE = 1600
MAX_LOCATIONS = 20
MAX_LINKS = 10


def target_choices():
    targets = Target.objects.select_related("goal").order_by("goal", "position")
    groups: dict[str, list] = {}
    for target in targets:
        groups.setdefault(str(target.goal), []).append(
            (target.code, f"{target.code} {target.title[:90]}")
        )
    return list(groups.items())


class ProjectForm(forms.ModelForm):
    goals = forms.ModelMultipleChoiceField(
        label=_("SDGs"),
        queryset=Goal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pick the goals; choosing a target below adds its goal for you."),
    )
    targets = forms.MultipleChoiceField(
        label=_("Specific SDG targets"),
        required=False,
        choices=target_choices,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    content_language = forms.ChoiceField(
        label=_("Language of the title and description"), choices=language_choices
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the project works in"),
        required=False,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups of the learners"),
        required=False,
        choices=AgeGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations behind it"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisations you are a member of."),
    )
    cover = ImageUploadField(label=_("Cover image"), max_side=COVER_SIDE)
    remove_cover = forms.BooleanField(label=_("Remove the current cover image"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    form_token = OnceField()

    class Meta:
        model = Project
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "content_language",
            "cover",
            "cover_alt",
            "stage",
            "starts_on",
            "ends_on",
            "age_groups",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 12}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, [links](https://…), lists, headings."),
            "cover_alt": _("What the picture shows, for people who cannot see it."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self._original_cover = self.instance.cover.name if self.instance.cover else ""
        mine = Organisation.objects.of_user(user)
        if self.instance.pk:
            linked = self.instance.organisations.all()
            mine = Organisation.objects.filter(pk__in=mine) | Organisation.objects.filter(
                pk__in=linked
            )
            self.initial.update(
                goals=list(self.instance.goals.all()),
                targets=list(self.instance.targets.values_list("code", flat=True)),
                languages=list(self.instance.languages.values_list("code", flat=True)),
                organisations=list(linked),
                version=self.instance.version,
            )
        self.fields["organisations"].queryset = mine.distinct().order_by("name")
        self.fields["goals"].label_from_instance = lambda goal: str(goal)
        self.fields["title"].widget.attrs["autocomplete"] = "off"
        if not self.instance.pk:
            self.fields["content_language"].initial = interface_language_code()

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the project a title."), code="required")
        return title

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        adapted = self.instance.pk and self.instance.kind == "program"
        if adapted and kind != "program" and self.instance.replications.exists():
            raise forms.ValidationError(
                _("Other projects were adapted from this program: it stays a program."),
                code="has_replications",
            )
        return kind

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def clean_description(self):
        return clean_markdown_source(self.cleaned_data["description"])

    def clean_targets(self):
        codes = self.cleaned_data["targets"]
        found = list(Target.objects.filter(code__in=codes))
        if len(found) != len(set(codes)):
            unknown = sorted(set(codes) - {t.code for t in found})
            raise forms.ValidationError(
                _("Unknown SDG target: %(codes)s.") % {"codes": ", ".join(unknown)},
                code="unknown_target",
            )
        return found

    def clean_languages(self):
        codes = self.cleaned_data["languages"]
        if any(code not in LANGUAGE_CODES for code in codes):
            raise forms.ValidationError(_("Unknown language code."))
        return codes

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("goals") and not cleaned.get("targets"):
            self.add_error("goals", _("Pick at least one SDG goal or target."))
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date comes before the start date."))
        return cleaned

    def save(self, commit=True):
        project = super().save(commit=False)
        old_name, storage = self._original_cover, project.cover.storage
        if self.cleaned_data.get("cover"):
            project.cover = self.cleaned_data["cover"]
        elif self.cleaned_data.get("remove_cover"):
            project.cover = ""
        if old_name and project.cover.name != old_name:
            transaction.on_commit(lambda: delete_image(storage, old_name))
        return project

    def save_relations(self, project) -> None:
        project.set_goals_and_targets(self.cleaned_data["goals"], self.cleaned_data["targets"])
        project.organisations.set(self.cleaned_data["organisations"])
        codes = self.cleaned_data["languages"]
        project.languages.exclude(code__in=codes).delete()
        existing = set(project.languages.values_list("code", flat=True))
        project.languages.bulk_create(
            project.languages.model(project=project, code=code)
            for code in codes
            if code not in existing
        )


class LocationForm(forms.Form):
    place_name = forms.CharField(label=_("Place"), max_length=200)
    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", _("Choose a country"))] + list(countries)
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("From -90 (south) to 90 (north)."),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("From -180 (west) to 180 (east)."),
    )


class LinkForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100)
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")


LocationFormSet = forms.formset_factory(
    LocationForm, extra=1, max_num=MAX_LOCATIONS, validate_max=True, can_delete=True
)
LinkFormSet = forms.formset_factory(
    LinkForm, extra=1, max_num=MAX_LINKS, validate_max=True, can_delete=True
)


class EditConflict(Exception):
    """Someone else saved the project after the form was filled in: nothing was saved."""

    def __init__(self, current_version: int):
        self.current_version = current_version
        super().__init__(f"The project is at version {current_version}.")


def create_project(form, locations, links, *, owner) -> Project:
    """Save a new project from a valid ProjectForm and its location and link formsets: a
    draft (only its team sees it) that `owner` owns. Used by the create page and the API."""
    with transaction.atomic():
        project = form.save(commit=False)
        project.created_by = owner
        project.save()
        form.save_relations(project)
        save_locations_and_links(project, locations, links)
        ProjectMember.objects.create(project=project, user=owner, role=TeamRole.OWNER)
    return project


def update_project(project, form, locations, links, *, check_version=True) -> Project:
    """Save a valid ProjectForm (bound to `project`) and its formsets over the project: the
    address follows a new title and the version goes up. With `check_version`, raise
    EditConflict, saving nothing, when the form's `version` is not the stored one."""
    with transaction.atomic():
        current = Project.objects.select_for_update().get(pk=project.pk)
        if check_version and form.cleaned_data.get("version") != current.version:
            raise EditConflict(current.version)
        edited = form.save(commit=False)
        edited.title = current.title
        edited.slug = current.slug
        edited.rename(form.cleaned_data["title"])
        edited.version = current.version + 1
        edited.save()
        form.save_relations(edited)
        save_locations_and_links(edited, locations, links)
    return edited


def save_locations_and_links(project, location_formset, link_formset) -> None:
    """Replace the project's locations and links with the rows of the valid formsets (empty
    extra rows and rows marked for deletion left out)."""
    kept = [
        f.cleaned_data
        for f in location_formset
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    project.locations.all().delete()
    ProjectLocation.objects.bulk_create(
        ProjectLocation(project=project, **{k: v for k, v in row.items() if k != "DELETE"})
        for row in kept
    )
    project.links = [
        {"label": f.cleaned_data["label"], "url": f.cleaned_data["url"]}
        for f in link_formset
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    project.save(update_fields=["links"])


class TransitionForm(forms.Form):
    """The note that goes with a move in the life of a project (written feedback is required
    to return a project to its team)."""

    note = forms.CharField(
        label=_("Note to the team"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action == "return":
            self.fields["note"].required = True
            self.fields["note"].label = _("Feedback for the team")
            self.fields["note"].error_messages["required"] = _(
                "Write your feedback: the team needs to know what to change."
            )


class DeleteProjectForm(forms.Form):
    confirm_title = forms.CharField(label=_("Type the project's title to confirm"), max_length=200)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_confirm_title(self):
        if self.cleaned_data["confirm_title"].strip() != self.project.title:
            raise forms.ValidationError(_("This is not the project's title."))
        return self.cleaned_data["confirm_title"]
