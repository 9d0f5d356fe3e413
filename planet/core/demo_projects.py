"""Demo projects: a deterministic generator and a loader that inserts them in bulk.

The generator always yields the same projects (fixed seed), each with a slug computed in
memory, so the loader can skip those already in the database: loading twice creates nothing
more. The loader uses bulk inserts, through-tables included, so a few hundred projects take
a second or two.
"""

import math
import random
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from slugify import slugify

from planet.core import demo_data
from planet.orgs.models import Organisation
from planet.projects.models import (
    AgeGroup,
    Kind,
    Project,
    ProjectLanguage,
    ProjectLocation,
    ProjectMember,
    Stage,
    Status,
    TeamRole,
)

GENERATED_PROJECTS = 300
SEED = 2027
KIND_WEIGHTS = {
    Kind.PROGRAM: 30,
    Kind.SOCIAL_EXPERIMENT: 18,
    Kind.INITIATIVE: 22,
    Kind.STUDY: 8,
    Kind.TOOL: 12,
    Kind.CAMPAIGN: 10,
}
STATUS_WEIGHTS = {
    Status.PUBLISHED: 82,
    Status.ARCHIVED: 5,
    Status.DRAFT: 7,
    Status.SUBMITTED: 4,
    Status.RETURNED: 2,
}


def slug_for(title: str) -> str:
    return slugify(title, max_length=72, word_boundary=True)


def _title(rng, theme: str, place: str, taken: set[str]) -> str:
    for _attempt in range(8):
        pattern = rng.choice(demo_data.TITLE_PATTERNS)
        title = pattern.format(theme=theme, place=place, prefix=rng.choice(demo_data.PREFIXES))
        if slug_for(title) not in taken:
            return title
    number = 2
    while slug_for(f"{theme} {place} {number}") in taken:
        number += 1
    return f"{theme} {place} {number}"


def _description(rng, learners: str, place: str, activity: str, goal: int) -> str:
    steps = rng.sample(
        [
            "Learners choose the question they want to work on.",
            "Mentors from local organisations join the team once a month.",
            "Each step is documented with photos and short notes.",
            "Families are invited to try the activities at home.",
            "A partner school elsewhere runs the same challenge and compares results.",
            "Learners present their findings to local decision-makers.",
        ],
        3,
    )
    return (
        f"## What learners do\n\n{learners.capitalize()} in {place} {activity}.\n\n"
        f"## How it works\n\n" + "".join(f"- {step}\n" for step in steps) + "\n"
        f"{rng.choice(demo_data.OUTCOMES)} The project contributes to **SDG {goal}**."
    )


def generate_projects(count: int, *, people, organisations, targets, seed: int = SEED):
    """`count` project specs, the same for the same arguments. `targets` maps goal → codes."""
    rng = random.Random(seed)
    countries = sorted(demo_data.PLACES)
    rng.shuffle(countries)
    kinds, kind_weights = zip(*KIND_WEIGHTS.items(), strict=True)
    statuses, status_weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    taken: set[str] = set()
    specs = []
    for number in range(count):
        goal = number % 17 + 1
        goals = {goal} | ({rng.randint(1, 17)} if rng.random() < 0.5 else set())
        if rng.random() < 0.3:
            goals.add(4)
        code = countries[number % len(countries)]
        place, lat, lng, language = demo_data.PLACES[code]
        jitter = (round(rng.uniform(-0.2, 0.2), 4), round(rng.uniform(-0.2, 0.2), 4))
        places = [(place, code, lat + jitter[0], lng + jitter[1])]
        if rng.random() < 0.2:
            other = rng.choice(countries)
            name, lat2, lng2, _language = demo_data.PLACES[other]
            if other != code:
                places.append((name, other, lat2, lng2))
        theme, activity = rng.choice(demo_data.THEMES[goal])
        title = _title(rng, theme, place, taken)
        taken.add(slug_for(title))
        learners = rng.choice(demo_data.LEARNERS)
        team = rng.sample(people, 3)
        status = rng.choices(statuses, status_weights)[0]
        specs.append(
            {
                "title": title,
                "kind": rng.choices(kinds, kind_weights)[0],
                "stage": rng.choice(Stage.values),
                "status": status,
                "featured": status == Status.PUBLISHED and rng.random() < 0.04,
                "days_ago": rng.randint(1, 900),
                "summary": f"{learners.capitalize()} in {place} {activity}.",
                "description": _description(rng, learners, place, activity, goal),
                "goals": sorted(goals),
                "targets": sorted(
                    {rng.choice(targets[g]) for g in goals for _ in range(rng.randint(1, 2))}
                ),
                "places": places,
                "languages": sorted({language} | ({"en"} if rng.random() < 0.5 else set())),
                "age_groups": rng.sample(AgeGroup.values, rng.randint(1, 2)),
                "organisations": rng.sample(organisations, rng.choice([0, 0, 1, 1, 2])),
                "owner": team[0],
                "editors": team[1:2] if rng.random() < 0.4 else [],
                "members": team[2:] if rng.random() < 0.2 else [],
            }
        )
    return specs


class ProjectLoader:
    """Inserts project specs that are not yet in the database, in chunks, with their
    goals, targets, organisations, locations, languages and team."""

    def __init__(self, people: dict, organisations: dict[str, Organisation], target_rows):
        self.people = people
        self.organisations = organisations
        self.targets_by_goal: dict[int, list[str]] = {}
        self.goal_of: dict[str, int] = {}
        for code, goal in target_rows:
            self.targets_by_goal.setdefault(goal, []).append(code)
            self.goal_of[code] = goal
        self.now = timezone.now()

    def load(self, specs, *, featured=False, progress: Callable | None = None) -> int:
        slugs = [spec.get("slug") or slug_for(spec["title"]) for spec in specs]
        existing = set(Project.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        todo = [(slug, spec) for slug, spec in zip(slugs, specs, strict=True)]
        todo = [(slug, spec) for slug, spec in todo if slug not in existing]
        size = max(1, math.ceil(len(todo) / 10))
        for start in range(0, len(todo), size):
            self._insert(todo[start : start + size], featured)
            if progress:
                progress(min(start + size, len(todo)), len(todo))
        return len(todo)

    def _project(self, slug, spec, featured) -> Project:
        status = spec.get("status", Status.PUBLISHED)
        when = self.now - timedelta(days=spec.get("days_ago", 0), hours=len(slug))
        public = status in (Status.PUBLISHED, Status.ARCHIVED)
        return Project(
            slug=slug,
            title=spec["title"],
            kind=spec["kind"],
            stage=spec["stage"],
            status=status,
            summary=spec["summary"],
            description=spec["description"],
            content_language="en",
            age_groups=spec["age_groups"],
            created_by=self.people[spec["owner"]],
            published_at=when if public else None,
            submitted_at=when if status != Status.DRAFT else None,
            featured_at=when if featured or spec.get("featured") else None,
        )

    def _insert(self, chunk, featured) -> None:
        Project.objects.bulk_create(self._project(slug, spec, featured) for slug, spec in chunk)
        ids = dict(
            Project.objects.filter(slug__in=[slug for slug, _ in chunk]).values_list("slug", "pk")
        )
        goals, targets, organisations, locations, languages, team = [], [], [], [], [], []
        for slug, spec in chunk:
            pk = ids[slug]
            goal_numbers = set(spec.get("goals", [])) | {self.goal_of[c] for c in spec["targets"]}
            goals += [Project.goals.through(project_id=pk, goal_id=g) for g in goal_numbers]
            targets += [
                Project.targets.through(project_id=pk, target_id=c) for c in spec["targets"]
            ]
            organisations += [
                Project.organisations.through(project_id=pk, organisation=self.organisations[n])
                for n in spec["organisations"]
            ]
            locations += [
                ProjectLocation(
                    project_id=pk, place_name=name, country=code, latitude=lat, longitude=lng
                )
                for name, code, lat, lng in spec["places"]
            ]
            languages += [ProjectLanguage(project_id=pk, code=code) for code in spec["languages"]]
            roles = [(spec["owner"], TeamRole.OWNER)]
            roles += [(email, TeamRole.EDITOR) for email in spec.get("editors", [])]
            roles += [(email, TeamRole.MEMBER) for email in spec.get("members", [])]
            team += [
                ProjectMember(project_id=pk, user=self.people[email], role=role)
                for email, role in roles
            ]
        Project.goals.through.objects.bulk_create(goals)
        Project.targets.through.objects.bulk_create(targets)
        Project.organisations.through.objects.bulk_create(organisations)
        ProjectLocation.objects.bulk_create(locations)
        ProjectLanguage.objects.bulk_create(languages)
        ProjectMember.objects.bulk_create(team)
