from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from planet.lib.languages import language_choices
from planet.orgs.models import OrganisationKind
from planet.projects.models import Kind, Stage
from planet.search import registry
from planet.search.text import MAX_QUERY_LENGTH, Query

FACETS = ("type", "goal", "kind", "stage", "country", "language", "organisation_kind")


class SearchForm(forms.Form):
    """The query and the facets, all from the URL. Nothing here ever fails the page: an
    overlong query is cut (and the page says so), unknown facet values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Type"), choices=registry.type_choices, required=False)
    goal = forms.ChoiceField(
        label=_("SDG"), choices=[(str(n), str(n)) for n in range(1, 18)], required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=lambda: list(countries), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=language_choices, required=False)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=OrganisationKind.choices, required=False
    )

    max_query_length = MAX_QUERY_LENGTH

    def query(self) -> Query:
        return Query.parse(self.data.get("q", ""))

    def facet_values(self) -> dict:
        """The valid facet values; a bad value is dropped rather than failing the page."""
        self.is_valid()
        return {name: self.cleaned_data[name] for name in FACETS if self.cleaned_data.get(name)}
