from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "planet.moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from planet.moderation.builtin import register_builtin_content

        register_builtin_content()
