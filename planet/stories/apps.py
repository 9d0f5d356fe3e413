from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "planet.stories"
    verbose_name = _("Stories and news")

    def ready(self):
        from planet.moderation.registry import Flaggable, register
        from planet.stories.models import Story

        register(
            Flaggable(
                model=Story,
                label="story",
                owner=lambda story: story.first_author,
                title=lambda story: story.title,
            )
        )
