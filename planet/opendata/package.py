"""The Frictionless Data Package descriptor (datapackage.json) of the open data: one tabular
resource per table, each with its Table Schema, under the operator's licence."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from planet.opendata.formats import json_value
from planet.opendata.licences import current_licence
from planet.opendata.tables import TABLES, Table

PACKAGE_NAME = "learningplanet"


def resource(table: Table) -> dict:
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table.schema(),
    }


def descriptor() -> dict:
    licence = current_licence()
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": f"{settings.SITE_NAME} open data",
        "description": (
            "Everything public on the platform: projects with their SDG goals, targets, places "
            "and organisations, organisations, events, festival editions, stories, Open Campus "
            "resources and learning opportunities, challenges and consultations."
        ),
        "homepage": settings.SITE_URL + reverse("opendata:index"),
        "created": json_value(timezone.now()),
        "licenses": [{"name": licence.id, "title": licence.title, "path": licence.url}],
        "sources": [{"title": settings.SITE_NAME, "path": settings.SITE_URL}],
        "resources": [resource(table) for table in TABLES.values()],
    }
