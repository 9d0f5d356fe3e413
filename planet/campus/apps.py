from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampusConfig(AppConfig):
    name = "planet.campus"
    verbose_name = _("Open Campus")

    def ready(self):
        from planet.campus.models import LearningOpportunity, Resource, ResourceReview
        from planet.moderation.registry import Flaggable, register

        register(
            Flaggable(model=Resource, label="resource", owner=lambda r: r.proposed_by, title=str)
        )
        register(
            Flaggable(
                model=ResourceReview,
                label="resource_review",
                owner=lambda review: review.author,
                title=lambda review: f"{review.resource.title} · {review.text[:60]}",
            )
        )
        register(
            Flaggable(
                model=LearningOpportunity,
                label="opportunity",
                owner=lambda o: o.proposed_by,
                title=str,
            )
        )
