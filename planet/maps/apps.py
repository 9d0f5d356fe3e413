from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "planet.maps"
    verbose_name = _("World map")

    def ready(self):
        from planet.maps import providers  # noqa: F401  (registers the built-in layers)
