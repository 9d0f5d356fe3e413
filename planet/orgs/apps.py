from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "planet.orgs"
    verbose_name = _("Organisations")

    def ready(self):
        from planet.moderation.registry import Flaggable, register
        from planet.orgs.models import Organisation

        register(
            Flaggable(
                model=Organisation,
                label="organisation",
                owner=lambda organisation: organisation.first_admin(),
                title=str,
            )
        )
