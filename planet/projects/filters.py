"""The filters of the project list: a GET form whose values live in the URL, and the
function that narrows a queryset with them.

Filters through related rows (locations, languages, organisations, goals) use EXISTS
subqueries rather than joins, so that a project matching twice is still counted once and
pagination stays right without DISTINCT.
"""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from planet.lib.languages import language_choices
from planet.orgs.models import Organisation, OrganisationKind
from planet.projects.models import Kind, Project, ProjectLanguage, ProjectLocation, Stage
from planet.sdgs.models import Goal

ANY = [("", _("Any"))]


def _with_any(choices):
    return lambda: ANY + list(choices() if callable(choices) else choices)


class ProjectFilterForm(forms.Form):
    goal = forms.ModelChoiceField(
        label=_("SDG"), queryset=Goal.objects.for_tiles(), required=False, empty_label=_("Any")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=_with_any(Kind.choices), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=_with_any(Stage.choices), required=False)
    country = forms.ChoiceField(
        label=_("Country"), choices=_with_any(lambda: countries), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=_with_any(language_choices), required=False
    )
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=_with_any(OrganisationKind.choices),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )
    featured = forms.BooleanField(label=_("Curated projects only"), required=False)
    archived = forms.BooleanField(label=_("Include archived projects"), required=False)

    def filters(self) -> dict:
        """The valid values; a field with a bad value is ignored rather than failing the page."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_projects(queryset, values: dict):
    """Narrow `queryset` (already limited to what the viewer may see) by the form's values."""
    queryset = queryset.public() if values.get("archived") else queryset.published()
    if goal := values.get("goal"):
        tagged = Project.goals.through.objects.filter(project=OuterRef("pk"), goal=goal)
        queryset = queryset.filter(Exists(tagged))
    if kind := values.get("kind"):
        queryset = queryset.filter(kind=kind)
    if stage := values.get("stage"):
        queryset = queryset.filter(stage=stage)
    if country := values.get("country"):
        located = ProjectLocation.objects.filter(project=OuterRef("pk"), country=country)
        queryset = queryset.filter(Exists(located))
    if language := values.get("language"):
        spoken = ProjectLanguage.objects.filter(project=OuterRef("pk"), code=language)
        queryset = queryset.filter(Exists(spoken))
    if organisation_kind := values.get("organisation_kind"):
        behind = Project.organisations.through.objects.filter(
            project=OuterRef("pk"), organisation__kind=organisation_kind
        )
        queryset = queryset.filter(Exists(behind))
    if organisation := values.get("organisation"):
        queryset = queryset.filter(
            Exists(
                Project.organisations.through.objects.filter(
                    project=OuterRef("pk"), organisation=organisation
                )
            )
        )
    if values.get("featured"):
        queryset = queryset.exclude(featured_at=None)
    return queryset.order_by("-published_at", "-pk")
