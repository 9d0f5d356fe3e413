"""The files of the open data as streams of text chunks: CSV and JSON Lines of a table, and
the GeoJSON of located items. Each generator holds one chunk at a time, so a response or a
file written from it costs the same memory whatever the size of the data."""

import csv
import datetime
import json
from collections.abc import Iterable, Iterator
from itertools import batched

from planet.opendata.tables import Table

LINES_PER_CHUNK = 500


def cell_text(value, kind: str) -> str:
    """A value as Table Schema reads it in CSV: empty for null, true/false, ISO 8601 times."""
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    return json_value(value) if kind in ("date", "datetime") else str(value)


def json_value(value):
    """Dates as ISO 8601, times in UTC ending in Z; everything else as it is."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Echo:
    """A file for csv.writer that hands back each line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def _chunked(lines: Iterable[str]) -> Iterator[str]:
    for chunk in batched(lines, LINES_PER_CHUNK):
        yield "".join(chunk)


def csv_chunks(table: Table) -> Iterator[str]:
    writer = csv.writer(_Echo())
    types = [column.type for column in table.columns]

    def lines():
        yield writer.writerow([column.name for column in table.columns])
        for row in table.rows():
            values = row.values()
            yield writer.writerow(
                [cell_text(v, kind) for v, kind in zip(values, types, strict=True)]
            )

    return _chunked(lines())


def jsonl_chunks(table: Table) -> Iterator[str]:
    def lines():
        for row in table.rows():
            record = {name: json_value(value) for name, value in row.items()}
            yield json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"

    return _chunked(lines())


def geojson_chunks(features: Iterable[dict]) -> Iterator[str]:
    """A FeatureCollection (RFC 7946: no "crs" member, positions in [longitude, latitude])."""

    def parts():
        yield '{"type":"FeatureCollection","features":[\n'
        for index, feature in enumerate(features):
            separator = ",\n" if index else ""
            yield separator + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        yield "\n]}\n"

    return _chunked(parts())
