from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LINKED_DATA_BASE = "http://metadata.un.org/sdg/"


def _in_language(texts: dict, language: str | None = None) -> str:
    """Pick the text in the interface language, falling back to English."""
    language = (language or get_language() or "en").lower()
    if language.startswith("zh"):
        language = "zh-hans"
    return texts.get(language) or texts.get(language.split("-")[0]) or texts.get("en", "")


class GoalQuerySet(models.QuerySet):
    def for_tiles(self):
        return self.order_by("number")

    def with_project_counts(self, projects):
        """Annotate `project_count`: how many of `projects` (a Project queryset, already
        narrowed to what may be counted) serve each goal. One query, grouped by goal."""
        return self.annotate(
            project_count=models.Count("projects", filter=models.Q(projects__in=projects))
        )


class TargetQuerySet(models.QuerySet):
    def with_project_counts(self, projects):
        """Annotate `project_count`: how many of `projects` address each target.

        GROUP BY queries ignore Meta.ordering, hence the explicit order."""
        return self.annotate(
            project_count=models.Count("projects", filter=models.Q(projects__in=projects))
        ).order_by("goal", "position")


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals, with its texts in the six UN languages."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    colour = models.CharField(max_length=7)
    short_names = models.JSONField(default=dict)  # {"en": "Quality education", "fr": ...}
    titles = models.JSONField(default=dict)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return f"{self.number}. {self.short_name}"

    @property
    def code(self) -> str:
        return str(self.number)

    @property
    def short_name(self) -> str:
        return _in_language(self.short_names)

    @property
    def title(self) -> str:
        return _in_language(self.titles)

    @property
    def uri(self) -> str:
        return f"{LINKED_DATA_BASE}{self.number}"

    def get_absolute_url(self):
        return reverse("sdgs:detail", args=[self.number])


class Target(models.Model):
    """A target of a goal, such as "4.7" or "17.a"."""

    code = models.CharField(max_length=8, primary_key=True)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField()  # numbered targets first, then lettered
    titles = models.JSONField(default=dict)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "position"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return f"{self.code} {self.title[:80]}"

    @property
    def title(self) -> str:
        return _in_language(self.titles)

    @property
    def uri(self) -> str:
        return f"{LINKED_DATA_BASE}{self.code}"

    def get_absolute_url(self):
        return reverse("sdgs:detail", args=[self.goal_id]) + f"#target-{self.code}"
