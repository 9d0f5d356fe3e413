"""A small world of public, draft and hidden content for the open data tests, and readers of
the streamed files."""

import csv
import io
import json

from django.utils import timezone

from conftest import make_organisation
from planet.campus.models import Status as CampusStatus
from planet.campus.tests.factories import make_opportunity, make_resource
from planet.challenges.models import ChallengeStatus
from planet.challenges.tests.factories import make_challenge
from planet.consultations.models import ConsultationStatus
from planet.consultations.tests.factories import make_consultation
from planet.events.models import EventStatus
from planet.events.tests.factories import make_event
from planet.projects.models import Status
from planet.projects.tests.factories import add_location, make_project
from planet.stories.models import StoryStatus
from planet.stories.tests.factories import make_story

PUBLIC = "Public"
DRAFT = "Draft"
HIDDEN = "Hidden"


def make_world() -> dict:
    """Per type, a public item titled "Public <type>", a draft and a hidden one."""
    now = timezone.now()
    org = make_organisation(f"{PUBLIC} organisation")
    hidden_org = make_organisation(f"{HIDDEN} organisation", hidden_at=now)
    project = make_project(title=f"{PUBLIC} project")
    project.organisations.set([org, hidden_org])
    add_location(project)
    add_location(make_project(title=f"{DRAFT} project", status=Status.DRAFT), place="Nowhere")
    add_location(make_project(title=f"{HIDDEN} project", hidden_at=now), place="Secret bay")
    world = {"organisation": org, "hidden_organisation": hidden_org, "project": project}
    world["event"] = make_event(title=f"{PUBLIC} event", organisation=hidden_org)
    make_event(title=f"{DRAFT} event", status=EventStatus.DRAFT)
    make_event(title=f"{HIDDEN} event", hidden_at=now)
    make_story(title=f"{PUBLIC} story")
    make_story(title=f"{DRAFT} story", status=StoryStatus.DRAFT)
    make_story(title=f"{HIDDEN} story", hidden_at=now)
    make_resource(title=f"{PUBLIC} resource", organisation=org)
    make_resource(title=f"{DRAFT} resource", status=CampusStatus.PROPOSED)
    make_resource(title=f"{HIDDEN} resource", hidden_at=now)
    place = {"latitude": 14.69, "longitude": -17.44, "country": "SN"}
    make_opportunity(title=f"{PUBLIC} opportunity", **place)
    make_opportunity(title=f"{DRAFT} opportunity", status=CampusStatus.PROPOSED, **place)
    make_opportunity(title=f"{HIDDEN} opportunity", hidden_at=now, **place)
    make_challenge(title=f"{PUBLIC} challenge", organisation=org)
    make_challenge(title=f"{DRAFT} challenge", status=ChallengeStatus.DRAFT)
    make_consultation(title=f"{PUBLIC} consultation")
    make_consultation(title=f"{DRAFT} consultation", status=ConsultationStatus.DRAFT)
    make_consultation(title=f"{HIDDEN} consultation", hidden_at=now)
    return world


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response))))


def jsonl_rows(response) -> list[dict]:
    return [json.loads(line) for line in body(response).splitlines()]
