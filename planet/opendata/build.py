"""Write the open data as files: into a directory (`manage.py build_opendata --output DIR`)
or into the default storage under `opendata/` (the task), for mirrors and archives. The files
are the ones the /opendata/ views stream, written chunk by chunk."""

import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from planet.opendata.formats import csv_chunks, geojson_chunks, jsonl_chunks
from planet.opendata.located import located_features
from planet.opendata.package import descriptor
from planet.opendata.tables import TABLES

STORAGE_FOLDER = "opendata"
GEOJSON_NAME = "located.geojson"


def files() -> Iterator[tuple[str, Callable[[], Iterator[str]]]]:
    """(file name, maker of its chunks) for every file of the open data."""
    yield "datapackage.json", lambda: iter([json.dumps(descriptor(), indent=2) + "\n"])
    for table in TABLES.values():
        yield f"{table.name}.csv", lambda table=table: csv_chunks(table)
        yield f"{table.name}.jsonl", lambda table=table: jsonl_chunks(table)
    yield GEOJSON_NAME, lambda: geojson_chunks(located_features())


def write_directory(
    directory: Path, report: Callable[[str], None] = lambda name: None
) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, chunks in files():
        path = directory / name
        with path.open("w", encoding="utf-8", newline="") as output:
            for chunk in chunks():
                output.write(chunk)
        report(name)
        written.append(path)
    return written


def publish_to_storage(report: Callable[[str], None] = lambda name: None) -> list[str]:
    """Build in a temporary directory, then replace the files in the default storage."""
    names = []
    with tempfile.TemporaryDirectory() as folder:
        for path in write_directory(Path(folder), report):
            name = f"{STORAGE_FOLDER}/{path.name}"
            default_storage.delete(name)
            with path.open("rb") as content:
                names.append(default_storage.save(name, File(content)))
    return names
