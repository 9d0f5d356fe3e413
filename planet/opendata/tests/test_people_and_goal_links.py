"""People appear in the open data only with what their owners show to everyone; every type
tagged with SDGs has its goal links, for public items only."""

import pytest
from django.utils import timezone

from conftest import make_user
from planet.accounts.models import Visibility
from planet.events.models import EventStatus
from planet.events.tests.factories import make_event
from planet.opendata.tests.helpers import csv_rows, jsonl_rows
from planet.sdgs.models import Goal
from planet.stories.tests.factories import make_story

pytestmark = pytest.mark.django_db


def _profile(email, *, shows, **fields):
    user = make_user(email, email.split("@")[0].title())
    profile = user.profile
    for group in ("about", "location", "interests"):
        setattr(profile, f"{group}_visibility", shows.get(group, Visibility.PRIVATE))
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


FIELDS = {
    "bio": "Teacher in Dakar",
    "country": "SN",
    "city": "Dakar",
    "languages": ["fr", "wo"],
    "skills": ["robotics"],
}


def test_people_give_only_what_their_owners_show_to_everyone(client):
    _profile(
        "open@example.org",
        shows=dict.fromkeys(("about", "location", "interests"), "public"),
        **FIELDS,
    )
    _profile(
        "members@example.org",
        shows=dict.fromkeys(("about", "location", "interests"), "members"),
        **FIELDS,
    )
    _profile("private@example.org", shows={}, **FIELDS)

    rows = {row["handle"]: row for row in jsonl_rows(client.get("/opendata/people.jsonl"))}

    shown = next(row for row in rows.values() if row["display_name"] == "Open")
    assert (shown["bio"], shown["country"], shown["city"]) == ("Teacher in Dakar", "SN", "Dakar")
    assert (shown["languages"], shown["skills"]) == ("fr,wo", "robotics")
    assert shown["url"].endswith(f"/people/{shown['handle']}/")
    for name in ("Members", "Private"):
        kept_back = next(row for row in rows.values() if row["display_name"] == name)
        assert [kept_back[key] for key in FIELDS] == ["", "", "", "", ""]


def test_hidden_and_inactive_people_are_left_out(client):
    _profile("shown@example.org", shows={})
    _profile("hidden@example.org", shows={}, hidden_at=timezone.now())
    gone = _profile("gone@example.org", shows={})
    gone.user.is_active = False
    gone.user.save()

    names = [row["display_name"] for row in csv_rows(client.get("/opendata/people.csv"))]

    assert names == ["Shown"]


def test_goal_links_of_events_and_stories_cover_public_items_only(client):
    education, climate = Goal.objects.get(number=4), Goal.objects.get(number=13)
    public_event = make_event(title="Public event")
    public_event.goals.set([education, climate])
    make_event(title="Draft event", status=EventStatus.DRAFT).goals.set([education])
    public_story = make_story(title="Public story")
    public_story.goals.set([climate])
    make_story(title="Hidden story", hidden_at=timezone.now()).goals.set([climate])

    event_links = csv_rows(client.get("/opendata/event_goals.csv"))
    story_links = jsonl_rows(client.get("/opendata/story_goals.jsonl"))

    assert sorted((int(r["event_id"]), int(r["goal"])) for r in event_links) == [
        (public_event.pk, 4),
        (public_event.pk, 13),
    ]
    assert [(r["story_id"], r["goal"]) for r in story_links] == [(public_story.pk, 13)]
