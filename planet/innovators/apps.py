from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovatorsConfig(AppConfig):
    name = "planet.innovators"
    verbose_name = _("Innovators")
