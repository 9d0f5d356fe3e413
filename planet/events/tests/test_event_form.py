"""Creating and editing an event: who may, times typed in the event's zone and stored in UTC
(clock changes refused), bad input refused with a message naming the field and nothing
saved, and changes that must respect the people already registered."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import client_for, make_user
from planet.events.models import Event, EventStatus, RegistrationStatus
from planet.events.tests.factories import make_event, register

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
ORGANISERS = ["owner", "org_admin", "editor", "curator", "site_admin"]
NOT_ORGANISERS = ["outsider", "member"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def owner(db):
    return make_user("owner@example.org", "Olga Owner")


@pytest.fixture
def people(cast, owner):
    return {**cast, "owner": owner}


@pytest.fixture
def event(owner, organisation):
    return make_event(
        owner,
        organisation=organisation,
        timezone="Europe/Paris",
        starts_at=datetime.datetime(2026, 7, 1, 16, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2026, 7, 1, 18, 0, tzinfo=UTC),
        place_name="Maison des métallos",
        country="FR",
        latitude=48.8677,
        longitude=2.3770,
        capacity=10,
    )


def form_data(organisation=None, **overrides) -> dict:
    """A valid form: a repair café in Paris, times as typed in Paris."""
    data = {
        "title": "Repair café for the climate",
        "summary": "Bring a broken toaster; leave with a working one.",
        "description": "With **volunteers** from the neighbourhood.",
        "content_language": "fr",
        "kind": "workshop",
        "format": "in_person",
        "organisation": str(organisation.pk) if organisation else "",
        "timezone": "Europe/Paris",
        "starts_at": "2026-07-01T18:00",
        "ends_at": "2026-07-01T20:00",
        "place_name": "Maison des métallos",
        "address": "94 rue Jean-Pierre Timbaud, 75011 Paris",
        "country": "FR",
        "latitude": "48.8677",
        "longitude": "2.3770",
        "online_url": "",
        "goals": ["12", "13"],
        "languages": ["fr", "en"],
        "audience": ["youth", "adults"],
        "capacity": "30",
        "registration_opens_at": "",
        "registration_closes_at": "2026-07-01T12:00",
        "action": "publish",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _post_new(user, **overrides):
    return client_for(user).post(reverse("events:create"), form_data(**overrides))


# Who may create and edit ------------------------------------------------------------------


def test_a_verified_member_publishes_an_event_with_times_in_its_zone(member):
    response = _post_new(member)

    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.status == EventStatus.PUBLISHED and event.created_by == member
    assert event.timezone == "Europe/Paris"
    # 18:00 in Paris in summer is 16:00 UTC.
    assert event.starts_at == datetime.datetime(2026, 7, 1, 16, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2026, 7, 1, 18, 0, tzinfo=UTC)
    assert event.registration_closes_at == datetime.datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert event.registration_opens_at is None
    assert sorted(event.goals.values_list("number", flat=True)) == [12, 13]
    assert event.languages == ["fr", "en"] and event.audience == ["youth", "adults"]
    assert event.capacity == 30 and event.organisation is None


def test_save_as_draft_keeps_the_event_to_its_organisers(member, outsider):
    _post_new(member, action="draft")

    event = Event.objects.get()
    assert event.status == EventStatus.DRAFT
    assert client_for(member).get(event.get_absolute_url()).status_code == 200
    assert client_for(outsider).get(event.get_absolute_url()).status_code == 404
    assert client_for(None).get(event.get_absolute_url()).status_code == 404


def test_an_event_may_be_run_by_an_organisation_its_admin_or_editor_runs(
    org_admin, editor, member, organisation
):
    for user in (org_admin, editor):
        assert _post_new(user, organisation=organisation).status_code == 302
    assert Event.objects.filter(organisation=organisation).count() == 2

    refused = _post_new(member, organisation=organisation)
    assert refused.status_code == 400
    assert "organisation" in refused.context["form"].errors
    assert Event.objects.count() == 2


def test_anonymous_visitors_are_sent_to_sign_in_and_unverified_members_are_refused():
    response = client_for(None).get(reverse("events:create"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    unverified = make_user("new@example.org", verified=False)
    response = client_for(unverified).post(reverse("events:create"), form_data(), follow=True)
    assert "Verify your e-mail address" in response.content.decode()
    assert not Event.objects.exists()


def test_the_form_starts_in_the_members_own_zone(member):
    member.profile.timezone = "Asia/Tokyo"
    member.profile.save()
    response = client_for(member).get(reverse("events:create"))
    assert response.status_code == 200
    assert response.context["form"]["timezone"].value() == "Asia/Tokyo"


@pytest.mark.parametrize("viewer", ORGANISERS)
def test_organisers_edit_the_event(people, event, viewer):
    client = client_for(people[viewer])
    page = client.get(reverse("events:edit", args=[event.slug]))
    assert page.status_code == 200
    assert page.context["form"]["starts_at"].value().hour == 18  # shown in Paris time

    response = client.post(
        reverse("events:edit", args=[event.slug]),
        form_data(event.organisation, title="Repair café, second edition"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Repair café, second edition"
    assert event.created_by == people["owner"]


@pytest.mark.parametrize("viewer", NOT_ORGANISERS)
def test_others_may_not_edit_the_event(people, event, viewer):
    client = client_for(people[viewer])
    assert client.get(reverse("events:edit", args=[event.slug])).status_code == 403
    response = client.post(reverse("events:edit", args=[event.slug]), form_data(title="Hijacked"))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Repair café for climate"


def test_anonymous_visitors_may_not_edit(event):
    response = client_for(None).post(reverse("events:edit", args=[event.slug]), form_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_cannot_be_edited_by_those_who_cannot_see_it(event, outsider):
    Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
    assert client_for(outsider).get(reverse("events:edit", args=[event.slug])).status_code == 404


# Bad input: a clear message on the field, nothing saved ----------------------------------


BAD_INPUT = [
    ({"ends_at": "2026-07-01T17:00", "starts_at": "2026-07-01T18:00"}, "ends_at", "end after"),
    ({"ends_at": "2026-07-01T18:00"}, "ends_at", "end after"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone", "not a time zone we know"),
    ({"capacity": "0"}, "capacity", "at least 1 place"),
    ({"capacity": "-5"}, "capacity", "at least 1 place"),
    ({"latitude": "91"}, "latitude", "between -90 and 90"),
    ({"latitude": "-90.5"}, "latitude", "between -90 and 90"),
    ({"longitude": "181"}, "longitude", "between -180 and 180"),
    ({"latitude": "nan"}, "latitude", "Enter a number"),
    ({"latitude": ""}, "latitude", "both latitude and longitude"),
    ({"longitude": ""}, "longitude", "both latitude and longitude"),
    ({"place_name": ""}, "place_name", "needs the name of its place"),
    ({"format": "hybrid"}, "online_url", "needs its online link"),
    ({"format": "online", "place_name": ""}, "online_url", "needs its online link"),
    ({"online_url": "javascript:alert(1)", "format": "online"}, "online_url", "valid URL"),
    ({"starts_at": "tomorrow evening"}, "starts_at", "valid date"),
    (
        {"registration_opens_at": "2026-06-20T10:00", "registration_closes_at": "2026-06-10T10:00"},
        "registration_closes_at",
        "close after it opens",
    ),
    (
        {"registration_closes_at": "2026-07-01T19:00"},
        "registration_closes_at",
        "when the event starts at the latest",
    ),
    (
        {"registration_opens_at": "2026-07-02T10:00", "registration_closes_at": ""},
        "registration_opens_at",
        "open before the event starts",
    ),
    ({"title": "   "}, "title", "required"),
    ({"kind": "picnic"}, "kind", "valid choice"),
    ({"languages": ["xx"]}, "languages", "valid choice"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
    member, overrides, field, message
):
    response = _post_new(member, **overrides)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field]), errors[field]
    assert "nothing was saved" in response.content.decode()
    assert not Event.objects.exists()


def test_an_online_event_needs_no_place(member):
    response = _post_new(
        member,
        format="online",
        place_name="",
        address="",
        country="",
        latitude="",
        longitude="",
        online_url="https://meet.example.org/repair",
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.online_url == "https://meet.example.org/repair" and not event.has_place


# Clock changes: a time the zone skips or repeats is refused -------------------------------


@pytest.mark.parametrize(
    ("zone", "field", "typed", "word"),
    [
        # Paris: clocks go forward at 02:00 on 28 March 2027, back at 03:00 on 31 October 2027.
        ("Europe/Paris", "starts_at", "2027-03-28T02:30", "does not exist"),
        ("Europe/Paris", "starts_at", "2027-10-31T02:30", "happens twice"),
        # New York: forward at 02:00 on 14 March 2027.
        ("America/New_York", "ends_at", "2027-03-14T02:15", "does not exist"),
    ],
)
def test_times_that_do_not_exist_or_happen_twice_are_refused(member, zone, field, typed, word):
    day = typed[:10]
    times = {"starts_at": f"{day}T01:00", "ends_at": f"{day}T05:00", field: typed}
    response = _post_new(member, timezone=zone, registration_closes_at="", **times)

    assert response.status_code == 400
    assert word in " ".join(response.context["form"].errors[field])
    assert zone in " ".join(response.context["form"].errors[field])
    assert not Event.objects.exists()


def test_the_same_typed_time_is_another_instant_in_another_zone(member):
    _post_new(member, timezone="Asia/Tokyo", registration_closes_at="")
    event = Event.objects.get()
    assert event.starts_at == datetime.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


# Editing with people registered ----------------------------------------------------------


def test_places_cannot_drop_below_the_confirmed_registrations(event, owner):
    for index in range(3):
        register(event, make_user(f"guest{index}@example.org"))
    register(event, make_user("waiting@example.org"), status=RegistrationStatus.WAITING)

    response = client_for(owner).post(
        reverse("events:edit", args=[event.slug]),
        form_data(event.organisation, capacity="2", title="Changed title"),
    )

    assert response.status_code == 400
    message = " ".join(response.context["form"].errors["capacity"])
    assert "3 people already have a confirmed place" in message
    event.refresh_from_db()
    assert event.capacity == 10 and event.title == "Repair café for climate"

    ok = client_for(owner).post(
        reverse("events:edit", args=[event.slug]), form_data(event.organisation, capacity="3")
    )
    assert ok.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 3


def test_more_places_promote_the_waiting_list(event, owner):
    event.capacity = 1
    event.save()
    register(event, make_user("first@example.org"))
    waiting = register(event, make_user("second@example.org"), status=RegistrationStatus.WAITING)

    client_for(owner).post(
        reverse("events:edit", args=[event.slug]), form_data(event.organisation, capacity="2")
    )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.promoted_at is not None


def test_moving_the_start_reschedules_the_reminders(event, owner):
    register(event, make_user("guest@example.org"))
    before = DBTaskResult.objects.count()

    client_for(owner).post(
        reverse("events:edit", args=[event.slug]),
        form_data(event.organisation, starts_at="2026-07-08T18:00", ends_at="2026-07-08T20:00"),
    )

    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2026, 7, 8, 16, 0, tzinfo=UTC)
    scheduled = DBTaskResult.objects.order_by("pk")[before:]
    assert [task.run_after for task in scheduled] == [
        datetime.datetime(2026, 7, 7, 16, 0, tzinfo=UTC)
    ]


def test_an_event_with_registrations_cannot_go_back_to_draft(event, owner):
    register(event, make_user("guest@example.org"))
    response = client_for(owner).post(
        reverse("events:edit", args=[event.slug]), form_data(event.organisation, action="draft")
    )
    assert response.status_code == 400
    assert "cannot go back to draft" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_a_draft_is_published_from_the_form(event, owner):
    Event.objects.filter(pk=event.pk).update(status=EventStatus.DRAFT)
    client_for(owner).post(reverse("events:edit", args=[event.slug]), form_data(event.organisation))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_a_cancelled_event_can_no_longer_be_edited(event, owner):
    Event.objects.filter(pk=event.pk).update(status=EventStatus.CANCELLED)
    response = client_for(owner).post(
        reverse("events:edit", args=[event.slug]), form_data(event.organisation, title="Back")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Repair café for climate"


def test_an_event_created_for_a_festival_goes_on_to_its_proposal_page(member):
    from planet.events.tests.factories import make_festival

    festival = make_festival()
    url = reverse("events:create") + f"?festival={festival.slug}"
    page = client_for(member).get(url).content.decode()
    assert "propose it to Festival of Learning 2027" in page

    response = client_for(member).post(url, form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("festival:propose", args=[festival.slug])
    assert Event.objects.get().festival is None  # proposing stays the festival page's act

    closed = make_festival(name="Closed edition", proposals_open=False)
    response = client_for(member).post(
        reverse("events:create") + f"?festival={closed.slug}", form_data(title="Another")
    )
    assert response["Location"] == Event.objects.get(title="Another").get_absolute_url()
