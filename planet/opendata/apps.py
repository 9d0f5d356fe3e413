from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "planet.opendata"
    verbose_name = _("Open data")

    def ready(self):
        checks.register(check_licence, checks.Tags.compatibility)


def check_licence(app_configs=None, **kwargs):
    """Stop the start when OPENDATA_LICENCE names a licence the exports cannot describe."""
    from django.conf import settings

    from planet.opendata.licences import LICENCES

    if settings.OPENDATA_LICENCE in LICENCES:
        return []
    known = ", ".join(LICENCES)
    return [
        checks.Error(
            f"OPENDATA_LICENCE={settings.OPENDATA_LICENCE!r} is not a known licence.",
            hint=f"Use one of {known}.",
            id="opendata.E001",
        )
    ]
