"""The layers of the world map: one per type of located item, in a small registry.

A layer says which places the viewer may see (published items only, through the model's
`visible_to`), and turns rows into what a marker and the text list need. Projects register
here; events and resources add themselves later with `register(EventLayer())` from their
app's `ready()`.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from planet.campus.models import LearningOpportunity
from planet.events.models import Event
from planet.projects.models import Project, ProjectLocation
from planet.sdgs.models import Goal

SUMMARY_CHARS = 140


@dataclass(frozen=True)
class MapItem:
    """One marker: a place of an item."""

    type: str
    key: int
    latitude: float
    longitude: float
    title: str
    url: str
    summary: str
    goals: list[int]
    featured: bool


@dataclass(frozen=True)
class ListEntry:
    """One line of the text list that stands in for the map."""

    type: str
    type_label: str
    title: str
    url: str
    summary: str
    places: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    featured: bool = False


class MapLayer:
    """What a type of located item provides to the map. Every method costs a fixed number
    of queries whatever the number of rows."""

    type: str
    label: str

    def points(self, user, goal: Goal | None) -> QuerySet:
        """Places the viewer may see, of published items, as rows with latitude/longitude."""
        raise NotImplementedError

    def items(self, points: QuerySet, limit: int) -> list[MapItem]:
        """At most `limit` markers from `points` (a narrowing of `self.points`)."""
        raise NotImplementedError

    def listing(self, user, goal: Goal | None) -> QuerySet:
        """The located, published items the viewer may see, ordered for the text list."""
        raise NotImplementedError

    def entries(self, objects) -> list[ListEntry]:
        raise NotImplementedError


LAYERS: dict[str, MapLayer] = {}


def register(layer: MapLayer) -> MapLayer:
    LAYERS[layer.type] = layer
    return layer


def layers_for(type_code: str = "") -> list[MapLayer]:
    """The layer of one type, or all of them."""
    return [LAYERS[type_code]] if type_code else list(LAYERS.values())


def type_choices() -> list[tuple[str, str]]:
    return [(layer.type, layer.label) for layer in LAYERS.values()]


def _summary(text: str) -> str:
    return Truncator(text).chars(SUMMARY_CHARS)


class ProjectLayer(MapLayer):
    type = "project"
    label = _("Project")

    def located_projects(self, user, goal: Goal | None) -> QuerySet:
        projects = Project.objects.published().visible_to(user)
        if goal is not None:
            tagged = Project.goals.through.objects.filter(project=OuterRef("pk"), goal=goal)
            projects = projects.filter(Exists(tagged))
        return projects

    def points(self, user, goal: Goal | None) -> QuerySet:
        return ProjectLocation.objects.filter(project__in=self.located_projects(user, goal))

    def items(self, points: QuerySet, limit: int) -> list[MapItem]:
        goal_numbers = Prefetch("project__goals", queryset=Goal.objects.only("number"))
        rows = (
            points.select_related("project")
            .only(
                "latitude",
                "longitude",
                "project__title",
                "project__slug",
                "project__summary",
                "project__status",
                "project__featured_at",
            )
            .prefetch_related(goal_numbers)
            .order_by(
                F("project__featured_at").desc(nulls_last=True), "-project__published_at", "pk"
            )[:limit]
        )
        return [
            MapItem(
                type=self.type,
                key=place.pk,
                latitude=place.latitude,
                longitude=place.longitude,
                title=place.project.title,
                url=place.project.get_absolute_url(),
                summary=_summary(place.project.summary),
                goals=[goal.number for goal in place.project.goals.all()],
                featured=place.project.is_featured,
            )
            for place in rows
        ]

    def listing(self, user, goal: Goal | None) -> QuerySet:
        located = ProjectLocation.objects.filter(project=OuterRef("pk"))
        return (
            self.located_projects(user, goal)
            .filter(Exists(located))
            .prefetch_related("locations", Prefetch("goals", queryset=Goal.objects.only("number")))
            .order_by("-published_at", "-pk")
        )

    def entries(self, objects) -> list[ListEntry]:
        return [
            ListEntry(
                type=self.type,
                type_label=str(self.label),
                title=project.title,
                url=project.get_absolute_url(),
                summary=_summary(project.summary),
                places=[place.place_name for place in project.locations.all()],
                goals=[goal.number for goal in project.goals.all()],
                featured=project.is_featured,
            )
            for project in objects
        ]


register(ProjectLayer())


class EventLayer(MapLayer):
    """Published events with a place that are ahead, running, or ended less than
    RECENT ago (cancelled events and drafts are left out)."""

    type = "event"
    label = _("Event")
    RECENT = timedelta(days=30)

    def located_events(self, user, goal: Goal | None) -> QuerySet:
        recent = timezone.now() - self.RECENT
        events = (
            Event.objects.visible_to(user)
            .published()
            .filter(latitude__isnull=False, longitude__isnull=False, ends_at__gte=recent)
        )
        if goal is not None:
            tagged = Event.goals.through.objects.filter(event=OuterRef("pk"), goal=goal)
            events = events.filter(Exists(tagged))
        return events

    def points(self, user, goal: Goal | None) -> QuerySet:
        return self.located_events(user, goal)

    def items(self, points: QuerySet, limit: int) -> list[MapItem]:
        goal_numbers = Prefetch("goals", queryset=Goal.objects.only("number"))
        rows = (
            points.only("latitude", "longitude", "title", "slug", "summary")
            .prefetch_related(goal_numbers)
            .order_by("starts_at", "pk")[:limit]
        )
        return [
            MapItem(
                type=self.type,
                key=event.pk,
                latitude=event.latitude,
                longitude=event.longitude,
                title=event.title,
                url=event.get_absolute_url(),
                summary=_summary(event.summary),
                goals=[goal.number for goal in event.goals.all()],
                featured=False,
            )
            for event in rows
        ]

    def listing(self, user, goal: Goal | None) -> QuerySet:
        goal_numbers = Prefetch("goals", queryset=Goal.objects.only("number"))
        return (
            self.located_events(user, goal)
            .prefetch_related(goal_numbers)
            .order_by("starts_at", "pk")
        )

    def entries(self, objects) -> list[ListEntry]:
        return [
            ListEntry(
                type=self.type,
                type_label=str(self.label),
                title=event.title,
                url=event.get_absolute_url(),
                summary=_summary(event.summary),
                places=[event.place_name] if event.place_name else [],
                goals=[goal.number for goal in event.goals.all()],
            )
            for event in objects
        ]


register(EventLayer())


class OpportunityLayer(MapLayer):
    """Published learning opportunities with a place that are not over (hidden ones and
    proposals are left out)."""

    type = "opportunity"
    label = _("Learning opportunity")

    def located_opportunities(self, user, goal: Goal | None) -> QuerySet:
        opportunities = (
            LearningOpportunity.objects.visible_to(user)
            .listed()
            .located()
            .current(timezone.localdate())
        )
        if goal is not None:
            tagged = LearningOpportunity.goals.through.objects.filter(
                learningopportunity=OuterRef("pk"), goal=goal
            )
            opportunities = opportunities.filter(Exists(tagged))
        return opportunities

    def points(self, user, goal: Goal | None) -> QuerySet:
        return self.located_opportunities(user, goal)

    def items(self, points: QuerySet, limit: int) -> list[MapItem]:
        goal_numbers = Prefetch("goals", queryset=Goal.objects.only("number"))
        rows = (
            points.only("latitude", "longitude", "title", "slug", "summary")
            .prefetch_related(goal_numbers)
            .order_by("starts_on", "pk")[:limit]
        )
        return [
            MapItem(
                type=self.type,
                key=opportunity.pk,
                latitude=opportunity.latitude,
                longitude=opportunity.longitude,
                title=opportunity.title,
                url=opportunity.get_absolute_url(),
                summary=_summary(opportunity.summary),
                goals=[goal.number for goal in opportunity.goals.all()],
                featured=False,
            )
            for opportunity in rows
        ]

    def listing(self, user, goal: Goal | None) -> QuerySet:
        goal_numbers = Prefetch("goals", queryset=Goal.objects.only("number"))
        return (
            self.located_opportunities(user, goal)
            .prefetch_related(goal_numbers)
            .order_by("starts_on", "pk")
        )

    def entries(self, objects) -> list[ListEntry]:
        return [
            ListEntry(
                type=self.type,
                type_label=str(self.label),
                title=opportunity.title,
                url=opportunity.get_absolute_url(),
                summary=_summary(opportunity.summary),
                places=[opportunity.place_name] if opportunity.place_name else [],
                goals=[goal.number for goal in opportunity.goals.all()],
            )
            for opportunity in objects
        ]


register(OpportunityLayer())
