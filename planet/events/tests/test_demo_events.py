"""The demo Festival: a past and an upcoming edition with local events across the world's
time zones, registrations, a waiting list and proposals; loading twice creates nothing more."""

import datetime

import pytest
import time_machine
from django.core import mail

from conftest import client_for, make_organisation, make_user
from planet.core import demo_events
from planet.core.demo_events import EDITION_2026, EDITION_2027, OTHER_EVENTS, load_events
from planet.events.models import (
    Event,
    EventFormat,
    Festival,
    FestivalReview,
    Registration,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)
SPECS = EDITION_2026 + EDITION_2027 + OTHER_EVENTS


def counts() -> dict:
    return {
        "festivals": Festival.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "goals": Event.goals.through.objects.count(),
        "curators": Festival.curators.through.objects.count(),
    }


@pytest.fixture
def demo():
    emails = {demo_events._email(spec.by) for spec in SPECS}
    emails |= {demo_events.CURATOR, demo_events.FESTIVAL_CURATOR}
    emails |= {f"extra{n}@demo.learningplanet.local" for n in range(6)}
    people = {email: make_user(email) for email in sorted(emails)}
    names = {spec.organisation for spec in SPECS if spec.organisation}
    organisations = {name: make_organisation(name) for name in sorted(names)}
    with time_machine.travel(datetime.datetime(2026, 11, 29, 10, tzinfo=datetime.UTC)):
        first = load_events(people, organisations, today=TODAY)
        after_first = counts()
        second = load_events(people, organisations, today=TODAY)
    return {"first": first, "second": second, "after_first": after_first, "people": people}


def test_loading_twice_creates_nothing_more_and_sends_no_mail(demo):
    assert demo["first"] == 2 + len(SPECS) and demo["second"] == 0
    assert counts() == demo["after_first"]
    assert not mail.outbox


def test_a_past_and_an_upcoming_edition(demo):
    past = Festival.objects.get(slug="festival-of-learning-2026")
    upcoming = Festival.objects.get(slug="festival-of-learning-2027")
    assert (past.starts_on, past.ends_on) == (
        datetime.date(2026, 1, 20),
        datetime.date(2026, 1, 28),
    )
    assert upcoming.starts_on == datetime.date(2027, 1, 20) and upcoming.proposals_open
    assert not past.proposals_open
    assert Festival.objects.current_or_next(TODAY) == upcoming
    assert upcoming.is_curated_by(demo["people"][demo_events.FESTIVAL_CURATOR])


@pytest.mark.parametrize("slug", ["festival-of-learning-2026", "festival-of-learning-2027"])
def test_each_edition_has_local_events_across_the_world(demo, slug):
    festival = Festival.objects.get(slug=slug)
    approved = Event.objects.published().in_festival(festival)
    assert approved.count() >= 15
    assert approved.exclude(country="").values("country").distinct().count() >= 12
    zones = set(approved.values_list("timezone", flat=True))
    assert len(zones) >= 12
    assert {"Asia/Tokyo", "Asia/Kolkata", "Africa/Nairobi", "Africa/Dakar", "Europe/Paris",
            "America/Sao_Paulo", "America/Mexico_City", "Pacific/Auckland"} <= zones  # fmt: skip
    assert set(approved.values_list("format", flat=True)) == set(EventFormat.values)
    for event in approved:
        first_day = event.starts_at.astimezone(event.zone).date()
        assert festival.starts_on <= first_day <= festival.ends_on, event.title
        assert event.has_place or event.format == EventFormat.ONLINE
        assert (event.format == EventFormat.IN_PERSON) == (event.online_url == "")
    assert Registration.objects.filter(event__festival=festival, status="confirmed").exists()


def test_the_upcoming_edition_has_a_full_event_proposals_and_a_declined_one(demo):
    upcoming = Festival.objects.get(slug="festival-of-learning-2027")
    full = Event.objects.with_counts().get(title="Repair café for families")
    assert full.confirmed_count == full.capacity and full.waiting_count == 2
    waiting = list(full.registrations.waiting())
    assert waiting[0].queued_at < waiting[1].queued_at
    assert not full.registrations.filter(user=full.created_by).exists()
    reviews = Event.objects.filter(festival=upcoming).values_list("festival_review", flat=True)
    assert list(reviews).count(FestivalReview.PROPOSED) == 2
    declined = Event.objects.get(festival=upcoming, festival_review=FestivalReview.DECLINED)
    assert declined.festival_note and declined.festival_reviewed_by is not None
    for event in Event.objects.filter(festival__isnull=False):
        assert event.capacity is None or event.registrations.confirmed().count() <= event.capacity


def test_ordinary_events_are_coming_soon_outside_any_festival(demo):
    others = Event.objects.filter(title__in=[spec.title for spec in OTHER_EVENTS])
    assert others.count() == len(OTHER_EVENTS)
    assert all(event.festival is None for event in others)
    assert all(event.starts_at.date() > TODAY for event in others)


def test_the_festival_pages_show_the_demo(demo):
    with time_machine.travel(datetime.datetime(2026, 11, 29, 10, tzinfo=datetime.UTC)):
        response = client_for(None).get("/festival/")
    assert response.context["festival"].slug == "festival-of-learning-2027"
    assert response.context["figures"].events >= 15
    assert response.context["figures"].registered > 0
    assert len(response.context["days"]) >= 7
    assert "festival-of-learning-2026" in response.content.decode()
    curator = demo["people"][demo_events.FESTIVAL_CURATOR]  # the edition's own curator
    queue = client_for(curator).get("/festival/festival-of-learning-2027/review/")
    assert len(queue.context["queue"]) == 2
    assert RegistrationStatus.WAITING in set(Registration.objects.values_list("status", flat=True))
