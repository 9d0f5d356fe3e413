"""/opendata/: the page that describes the open data, and its files, streamed.

Every file holds only what an anonymous visitor may see, whoever asks (a curator downloading
the dump gets no drafts), and is streamed chunk by chunk from the database."""

from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from planet.opendata.formats import csv_chunks, geojson_chunks, jsonl_chunks
from planet.opendata.licences import current_licence
from planet.opendata.located import located_features
from planet.opendata.package import descriptor
from planet.opendata.tables import TABLES, Table

CSV_TYPE = "text/csv; charset=utf-8"
JSONL_TYPE = "application/jsonl; charset=utf-8"
GEOJSON_TYPE = "application/geo+json"


def _open(response: HttpResponse, filename: str) -> HttpResponse:
    """Readable from any site's scripts, and saved under its own name."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _stream(chunks: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    return _open(StreamingHttpResponse(chunks, content_type=content_type), filename)


def _table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise Http404("No such table.") from None


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    tables = [
        {
            "table": table,
            "csv": reverse("opendata:csv", args=[table.name]),
            "jsonl": reverse("opendata:jsonl", args=[table.name]),
        }
        for table in TABLES.values()
    ]
    context = {"licence": current_licence(), "tables": tables}
    return render(request, "opendata/index.html", context)


@require_safe
def datapackage(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(descriptor(), json_dumps_params={"indent": 2, "ensure_ascii": False})
    return _open(response, "datapackage.json")


@require_safe
def table_csv(request: HttpRequest, name: str) -> StreamingHttpResponse:
    return _stream(csv_chunks(_table(name)), CSV_TYPE, f"{name}.csv")


@require_safe
def table_jsonl(request: HttpRequest, name: str) -> StreamingHttpResponse:
    return _stream(jsonl_chunks(_table(name)), JSONL_TYPE, f"{name}.jsonl")


@require_safe
def located_geojson(request: HttpRequest) -> StreamingHttpResponse:
    return _stream(geojson_chunks(located_features()), GEOJSON_TYPE, "located.geojson")
