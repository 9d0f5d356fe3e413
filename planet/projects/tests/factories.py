"""Small helpers to make projects in tests."""

from planet.projects.models import Project, ProjectLocation, ProjectMember, Status, TeamRole
from planet.sdgs.models import Goal


def make_project(owner=None, *, title="Rivers as classrooms", status=Status.PUBLISHED, **extra):
    extra.setdefault("kind", "program")
    extra.setdefault("stage", "running")
    extra.setdefault("summary", "Pupils adopt a stretch of river and measure its health.")
    project = Project.objects.create(title=title, status=status, created_by=owner, **extra)
    project.goals.set(Goal.objects.filter(number__in=[4, 6]))
    if owner is not None:
        ProjectMember.objects.create(project=project, user=owner, role=TeamRole.OWNER)
    return project


def add_location(project, place="Belém", country="BR", lat=-1.45, lng=-48.49):
    return ProjectLocation.objects.create(
        project=project, place_name=place, country=country, latitude=lat, longitude=lng
    )


def form_data(**overrides) -> dict:
    """A valid POST for the project form, with one location and one link."""
    data = {
        "kind": "program",
        "title": "Rivers as classrooms",
        "summary": "Pupils adopt a stretch of river and measure its health.",
        "description": "## How it works\n\nEach class adopts **100 metres** of river bank.",
        "content_language": "en",
        "stage": "running",
        "cover_alt": "",
        "goals": ["4", "6"],
        "targets": ["6.3"],
        "languages": ["en", "pt"],
        "age_groups": ["primary"],
        "locations-TOTAL_FORMS": "1",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "20",
        "locations-0-place_name": "Belém",
        "locations-0-country": "BR",
        "locations-0-latitude": "-1.45",
        "locations-0-longitude": "-48.49",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "10",
        "links-0-label": "Website",
        "links-0-url": "https://rivers.example.org",
    }
    data.update(overrides)
    return data
