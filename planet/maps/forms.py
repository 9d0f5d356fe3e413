"""The query parameters of the map page and of /map/geojson, parsed and validated."""

import math

from django import forms
from django.utils.translation import gettext_lazy as _

from planet.maps.collection import MapQuery
from planet.maps.geo import BBox
from planet.maps.providers import type_choices
from planet.sdgs.models import Goal

MAX_ZOOM = 22
DEFAULT_ZOOM = 2


class MapFilterForm(forms.Form):
    """The filters shared by the page and the data: SDG goal and type of item."""

    goal = forms.ModelChoiceField(
        label=_("SDG"),
        queryset=Goal.objects.for_tiles(),
        required=False,
        empty_label=_("Any"),
        error_messages={"invalid_choice": _("Choose a goal between 1 and 17.")},
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=lambda: [("", _("Any"))] + type_choices(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the types of item on the map.")},
    )

    def filters(self) -> dict:
        """The valid values; on a page a bad value is ignored rather than failing it."""
        self.is_valid()
        return {
            "goal": self.cleaned_data.get("goal"),
            "type": self.cleaned_data.get("type") or "",
        }


class GeoJSONQueryForm(MapFilterForm):
    """`?bbox=W,S,E,N&zoom=Z&goal=G&type=T`; every parameter is optional."""

    bbox = forms.CharField(required=False, max_length=200)
    zoom = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_ZOOM,
        error_messages={
            "invalid": _("The zoom must be a whole number."),
            "min_value": _("The zoom must be between 0 and 22."),
            "max_value": _("The zoom must be between 0 and 22."),
        },
    )

    field_order = ["bbox", "zoom", "goal", "type"]

    def clean_bbox(self) -> BBox:
        raw = self.cleaned_data["bbox"].strip()
        if not raw:
            return BBox.world()
        parts = raw.split(",")
        try:
            numbers = [float(part) for part in parts]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(math.isfinite(number) for number in numbers):
            raise forms.ValidationError(
                _("Give the box as four numbers: west,south,east,north."), code="format"
            )
        west, south, east, north = numbers
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise forms.ValidationError(
                _("Longitudes (west and east) must be between -180 and 180."), code="range"
            )
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise forms.ValidationError(
                _("Latitudes (south and north) must be between -90 and 90."), code="range"
            )
        if south > north:
            raise forms.ValidationError(
                _("The south edge must not be north of the north edge."), code="inverted"
            )
        return BBox(west, south, east, north)

    def first_error(self) -> tuple[str, str]:
        """(field, message) of the first problem, in the order of the parameters."""
        name = next(name for name in self.field_order if name in self.errors)
        return name, str(self.errors[name][0])

    def query(self) -> MapQuery:
        data = self.cleaned_data
        zoom = DEFAULT_ZOOM if data["zoom"] is None else data["zoom"]
        return MapQuery(bbox=data["bbox"], zoom=zoom, goal=data["goal"], type=data["type"])
