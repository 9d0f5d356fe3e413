"""Form fields for where something happens: country (or none, for online) and coordinates
with ranges checked and explained. Each call returns a new field."""

from django import forms
from django.utils.translation import gettext_lazy
from django_countries import countries


def country_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Country"),
        choices=lambda: [("", gettext_lazy("No country (online)"))] + list(countries),
        required=False,
    )


def latitude_field() -> forms.FloatField:
    out_of_range = gettext_lazy("A latitude is between -90 and 90 degrees.")
    return forms.FloatField(
        label=gettext_lazy("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=gettext_lazy("From -90 (south) to 90 (north), e.g. 48.8566."),
        error_messages={"min_value": out_of_range, "max_value": out_of_range},
    )


def longitude_field() -> forms.FloatField:
    out_of_range = gettext_lazy("A longitude is between -180 and 180 degrees.")
    return forms.FloatField(
        label=gettext_lazy("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=gettext_lazy("From -180 (west) to 180 (east), e.g. 2.3522."),
        error_messages={"min_value": out_of_range, "max_value": out_of_range},
    )
