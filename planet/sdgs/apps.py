from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SdgsConfig(AppConfig):
    name = "planet.sdgs"
    verbose_name = _("Sustainable Development Goals")
