"""Make the thumbnails of images stored before thumbnails existed (or all, with --all)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from planet.lib.images import ThumbnailedImageField, thumbnail_name


class Command(BaseCommand):
    help = "Write the missing thumbnail of every stored cover, logo and avatar, with progress."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="remake existing thumbnails too")

    def handle(self, *args, **options):
        written = 0
        for model, field in self._image_fields():
            rows = model._default_manager.exclude(**{field.name: ""}).order_by("pk")
            total = rows.count()
            label = f"{model._meta.label}.{field.name}"
            for done, row in enumerate(rows.iterator(chunk_size=200), start=1):
                image = getattr(row, field.name)
                if options["all"] or not image.storage.exists(thumbnail_name(image.name)):
                    try:
                        image.write_thumbnail()
                        written += 1
                    except (OSError, ValueError) as error:  # a missing or unreadable file
                        self.stderr.write(f"  {label} #{row.pk} {image.name}: {error}")
                if done % 50 == 0 or done == total:
                    self._progress(label, done, total)
        self.stdout.write(self.style.SUCCESS(f"{written} thumbnails written."))

    @staticmethod
    def _image_fields():
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, ThumbnailedImageField) and field.thumbnail:
                    yield model, field

    def _progress(self, label: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"  {label:<24} [{bar}] {100 * done // total:3}% ({done}/{total})")
