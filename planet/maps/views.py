"""/map/ (the world map, with a text list that works without JavaScript) and
/map/geojson (its data)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from planet.maps.collection import feature_collection
from planet.maps.forms import DEFAULT_ZOOM, GeoJSONQueryForm, MapFilterForm
from planet.maps.listing import MapListing
from planet.maps.providers import layers_for, type_choices

ITEMS_PER_PAGE = 25
GEOJSON = "application/geo+json"


@require_GET
def geojson(request: HttpRequest) -> HttpResponse:
    form = GeoJSONQueryForm(request.GET)
    if not form.is_valid():
        field, message = form.first_error()
        return JsonResponse({"error": message, "field": field}, status=400)
    collection = feature_collection(request.user, form.query())
    return JsonResponse(collection, content_type=GEOJSON)


@require_GET
def world_map(request: HttpRequest) -> HttpResponse:
    form = MapFilterForm(request.GET)
    filters = form.filters()
    listing = MapListing(layers_for(filters["type"]), request.user, filters["goal"])
    page = Paginator(listing, ITEMS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "entries": page.object_list, "config": _config()}
    return render(request, "maps/world_map.html", context)


def _config() -> dict:
    """What world-map.js needs, passed with json_script (no inline script)."""
    return {
        "geojson": reverse("maps:geojson"),
        "center": [20, 0],
        "zoom": DEFAULT_ZOOM,
        "types": {code: str(label) for code, label in type_choices()},
        "strings": {
            "heading": _("In view"),
            "inView": _("Places in view: {count}."),
            "clustered": _(
                "Zoom in to list them one by one; until then the list shows every item "
                "that matches the filters."
            ),
            "truncated": _("Only the first {shown} places are listed: zoom in to see the others."),
            "empty": _("Nothing to show in this part of the map. Zoom out or change the filters."),
            "loading": _("Loading places…"),
            "failed": _("The map could not load its places. The list may be out of date."),
            "cluster": _("{count} places: zoom in"),
            "featured": _("Curated"),
            "sdgs": _("SDGs"),
        },
    }
