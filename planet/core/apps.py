from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "planet.core"
    verbose_name = "Site"
