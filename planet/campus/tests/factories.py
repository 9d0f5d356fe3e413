"""Small helpers for the Open Campus tests."""

import datetime

from django.utils import timezone

from planet.campus.models import LearningOpportunity, Resource, Status


def make_resource(
    proposer=None, title="Climate Fresk toolkit", *, status=Status.PUBLISHED, **extra
):
    extra.setdefault("summary", f"{title}: a resource for learning collectives.")
    extra.setdefault("type", "toolkit")
    extra.setdefault("link", "https://example.org/resource")
    extra.setdefault("licence", "cc-by")
    extra.setdefault("cost", "free")
    if status == Status.PUBLISHED:
        extra.setdefault("published_at", timezone.now())
    return Resource.objects.create(title=title, proposed_by=proposer, status=status, **extra)


def make_opportunity(
    proposer=None, title="Summer school on water", *, status=Status.PUBLISHED, **extra
):
    extra.setdefault("summary", f"{title}: learn by acting.")
    extra.setdefault("kind", "course")
    extra.setdefault("starts_on", timezone.localdate() + datetime.timedelta(days=10))
    extra.setdefault("place_name", "Dakar")
    if status == Status.PUBLISHED:
        extra.setdefault("published_at", timezone.now())
    return LearningOpportunity.objects.create(
        title=title, proposed_by=proposer, status=status, **extra
    )


def resource_data(**changes) -> dict:
    data = {
        "title": "Open data kit for schools",
        "type": "toolkit",
        "summary": "Measure air quality around the school and publish the data.",
        "link": "https://example.org/kit",
        "description": "Step by step, with **sensors** and spreadsheets.",
        "audience": ["teachers", "schools"],
        "languages": ["en", "fr"],
        "licence": "cc-by-sa",
        "cost": "free",
        "goals": ["3", "11"],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def opportunity_data(**changes) -> dict:
    start = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "title": "Mangrove volunteering week",
        "kind": "volunteering",
        "summary": "Replant mangroves with the coastal school.",
        "description": "Boots provided.",
        "starts_on": start.isoformat(),
        "ends_on": (start + datetime.timedelta(days=6)).isoformat(),
        "place_name": "Saloum delta",
        "country": "SN",
        "latitude": "13.9",
        "longitude": "-16.6",
        "application_url": "https://example.org/apply",
        "goals": ["14"],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
