from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiKeysConfig(AppConfig):
    name = "planet.apikeys"
    verbose_name = _("API tokens")
    default_auto_field = "django.db.models.BigAutoField"
