from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "planet.challenges"
    verbose_name = _("Challenges and contests")

    def ready(self):
        from planet.challenges.models import Submission
        from planet.moderation.registry import Flaggable, register

        register(
            Flaggable(
                model=Submission,
                label="entry",
                owner=lambda entry: entry.entrant,
                title=lambda entry: f"{entry.challenge.title} · {entry.title}",
            )
        )
