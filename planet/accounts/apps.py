from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "planet.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from planet.accounts.models import Profile
        from planet.moderation.registry import Flaggable, register

        register(
            Flaggable(
                model=Profile,
                label="profile",
                owner=lambda profile: profile.user,
                title=lambda profile: profile.display_name,
            )
        )
