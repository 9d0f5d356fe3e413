"""What an SDG page shows beyond the goal's own texts: the published projects that serve it,
counted by kind, stage, country and target, placed on a map, the latest and the curated ones.

The hub is a public page and shows the same thing to everyone: it counts published projects
only, never drafts, submissions, returned or archived projects, not even for their team or for
curators (a count that moves when a draft is saved would reveal it). Every figure is one
aggregate query (GROUP BY); Python only reshapes the few aggregated rows, never project rows.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch
from django_countries import countries

from planet.projects.models import Kind, Project, ProjectLocation, Stage
from planet.sdgs.models import Goal, Target

CARD_LIMIT = 6
MAP_POINT_LIMIT = 500  # the places of the most recently published projects


def counted_projects():
    """The projects a hub counts: what the anonymous visitor may see, narrowed to published."""
    return Project.objects.visible_to(AnonymousUser()).published()


def goal_projects(goal: Goal):
    return counted_projects().filter(goals=goal)


def goals_with_counts():
    """The 17 goals for the tiles of /sdg/, each with its `project_count`, in one query."""
    return Goal.objects.for_tiles().with_project_counts(counted_projects())


def goal_with_targets(number: int):
    """The queryset of one goal with its targets, each annotated with its `project_count`."""
    targets = Target.objects.with_project_counts(counted_projects())
    return Goal.objects.filter(number=number).prefetch_related(Prefetch("targets", targets))


def kind_and_stage_counts(goal: Goal) -> dict:
    """Published projects of the goal by kind and by stage, and their total: one query
    grouped by (kind, stage), at most 6 × 3 rows, summed both ways."""
    rows = goal_projects(goal).values("kind", "stage").annotate(n=Count("pk")).order_by()
    by_kind: dict[str, int] = {}
    by_stage: dict[str, int] = {}
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        by_stage[row["stage"]] = by_stage.get(row["stage"], 0) + row["n"]
    return {
        "total": sum(by_kind.values()),
        "kinds": _choice_rows(Kind.choices, by_kind),
        "stages": _choice_rows(Stage.choices, by_stage),
    }


def _choice_rows(choices, counts: dict) -> list[dict]:
    """Rows in the choices' own order, leaving out the values no project has."""
    return [
        {"value": value, "label": label, "count": counts[value]}
        for value, label in choices
        if counts.get(value)
    ]


def country_counts(goal: Goal) -> tuple[list[dict], int]:
    """The countries where the goal's published projects take place, with how many projects
    in each (most first), and the total number of their places."""
    rows = (
        ProjectLocation.objects.filter(project__in=goal_projects(goal))
        .values("country")
        .annotate(projects=Count("project", distinct=True), places=Count("pk"))
        .order_by()
    )
    found = [
        {"code": row["country"], "name": countries.name(row["country"]), **row} for row in rows
    ]
    found.sort(key=lambda row: (-row["projects"], row["name"]))
    return found, sum(row["places"] for row in found)


def map_points(goal: Goal, limit: int) -> list[dict]:
    """The places of the most recently published projects, for static/js/map.js (which
    shows labels as text, never as HTML)."""
    places = (
        ProjectLocation.objects.filter(project__in=goal_projects(goal))
        .order_by("-project__published_at", "-project_id", "pk")
        .values_list("latitude", "longitude", "place_name", "project__title")[:limit]
    )
    return [
        {"lat": lat, "lng": lng, "label": f"{title} ({place})"} for lat, lng, place, title in places
    ]


def latest_projects(goal: Goal, limit: int = CARD_LIMIT):
    return goal_projects(goal).for_cards().order_by("-published_at", "-pk")[:limit]


def featured_projects(goal: Goal, limit: int = CARD_LIMIT):
    return goal_projects(goal).featured().for_cards()[:limit]


def hub_context(goal: Goal) -> dict:
    """Everything the hub shows about `goal`, in a fixed number of queries."""
    counts = kind_and_stage_counts(goal)
    if not counts["total"]:
        return counts
    countries_found, place_total = country_counts(goal)
    points = map_points(goal, MAP_POINT_LIMIT) if place_total else []
    return {
        **counts,
        "countries": countries_found,
        "points": points,
        "place_total": place_total,
        "points_capped": place_total > len(points),
        "latest": latest_projects(goal),
        "featured": featured_projects(goal),
    }
