import time

from django.core.management.base import BaseCommand

from planet.search import indexing


class Command(BaseCommand):
    help = "Rebuild the search index of every registered content type, with a progress bar."

    def handle(self, *args, **options):
        started = time.monotonic()
        written = indexing.rebuild(progress=self._progress)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt: {written} documents in {elapsed:.1f} s.")
        )

    def _progress(self, type_name: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"  {type_name:<14} [{bar}] {percent:3}% ({done}/{total})")
