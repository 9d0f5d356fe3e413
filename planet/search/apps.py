from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "planet.search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from planet.search import content_types  # noqa: F401  (registers the types)

        post_migrate.connect(_fill_empty_index, sender=self)


def _fill_empty_index(using="default", **kwargs):
    """A new database has goals and targets (loaded by a data migration, which sends no
    signals) but no index yet: build it once."""
    from planet.search import indexing
    from planet.search.models import SearchDocument

    if using == "default" and not SearchDocument.objects.exists():
        indexing.rebuild()
