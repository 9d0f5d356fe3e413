"""Write the open data files (the data package with its CSV files, JSON Lines and GeoJSON):
into a directory with --output, else into the default storage under opendata/."""

from pathlib import Path

from django.core.management.base import BaseCommand

from planet.opendata.build import files, publish_to_storage, write_directory


class Command(BaseCommand):
    help = "Write the open data files into a directory or into the default storage."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Directory to write the files into.")

    def handle(self, *args, output=None, **options):
        total = sum(1 for _ in files())
        done = 0

        def report(name: str) -> None:
            nonlocal done
            done += 1
            self.stdout.write(f"[{done}/{total}] {name}")

        if output is not None:
            write_directory(output, report)
            self.stdout.write(self.style.SUCCESS(f"Open data written to {output}."))
        else:
            publish_to_storage(report)
            self.stdout.write(self.style.SUCCESS("Open data written to the storage."))
