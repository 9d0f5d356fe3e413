"""Registering through the JSON API: the rules, e-mails and waiting list of the event page, for a
caller with a read-write token or a signed-in browser sending its CSRF token."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from conftest import make_user, session_client, token_client
from planet.apikeys.models import Scope
from planet.events.models import EventStatus, Registration, RegistrationStatus
from planet.events.tests.factories import make_event, register
from planet.events.tests.registration_helpers import ics_of, mails_to, status_of

pytestmark = pytest.mark.django_db
LINK = "https://meet.example.org/secret-room"


def url(event) -> str:
    return f"/api/v1/events/{event.slug}/registration"


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mails) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def event(org_admin, organisation):
    return make_event(
        org_admin, organisation=organisation, capacity=2, format="hybrid", online_url=LINK
    )


@pytest.fixture
def full_event(event):
    for n in range(2):
        register(event, make_user(f"early{n}@example.org"))
    return event


# Registering -------------------------------------------------------------------------------


def test_a_token_registers_and_gets_a_place_the_link_and_the_confirmation(
    event, member, committing
):
    with committing():
        response = token_client(member).post(url(event))

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["event"] == event.slug
    assert data["status"] == "confirmed"
    assert data["queue_position"] is None
    assert data["online_url"] == LINK
    assert status_of(event, member) == RegistrationStatus.CONFIRMED
    (message,) = mails_to(member)
    assert event.title in message.subject and LINK in message.body
    assert ics_of(message)


def test_a_signed_in_browser_with_its_csrf_token_registers(event, member):
    response = session_client(member).post(url(event))
    assert response.status_code == 201, response.content
    assert status_of(event, member) == RegistrationStatus.CONFIRMED


def test_a_full_event_puts_the_caller_on_the_waiting_list_without_the_link(
    full_event, member, committing
):
    register(full_event, make_user("waiting@example.org"), RegistrationStatus.WAITING)
    with committing():
        response = token_client(member).post(url(full_event))

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "waiting"
    assert data["queue_position"] == 2
    assert data["online_url"] is None
    (message,) = mails_to(member)
    assert "waiting list" in message.body.lower()
    assert LINK not in message.body


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 401), ("read_only_token", 403), ("session_without_csrf", 403)],
)
def test_who_may_not_register_is_refused_and_nothing_changes(event, member, caller, status):
    client = {
        "anonymous": lambda: Client(),
        "read_only_token": lambda: token_client(member, Scope.READ),
        "session_without_csrf": lambda: session_client(member, csrf=False),
    }[caller]()
    error = error_of(client.post(url(event)), status)
    assert error["message"]
    assert not Registration.objects.exists()


def test_an_unverified_email_is_refused_with_the_reason(event, committing):
    unverified = make_user("new@example.org", verified=False)
    with committing():
        error = error_of(token_client(unverified).post(url(event)), 409)
    assert "Verify your e-mail address" in error["message"]
    assert not Registration.objects.exists()
    assert mails_to(unverified) == []


def test_closed_registration_is_refused_with_the_reason(org_admin, member):
    closed = make_event(org_admin, registration_closes_at=timezone.now() - timedelta(hours=1))
    error = error_of(token_client(member).post(url(closed)), 409)
    assert error["message"] == "Registration for this event is closed."
    assert not Registration.objects.exists()


def test_a_cancelled_event_is_refused_with_the_reason(org_admin, member):
    cancelled = make_event(org_admin, status=EventStatus.CANCELLED)
    error = error_of(token_client(member).post(url(cancelled)), 409)
    assert "cancelled" in error["message"]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("status", [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])
def test_registering_twice_is_a_conflict_that_changes_nothing(event, member, status):
    existing = register(event, member, status)
    error = error_of(token_client(member).post(url(event)), 409)
    assert "already" in error["message"]
    assert Registration.objects.get() == existing
    assert Registration.objects.get().status == status


def test_someone_elses_draft_event_is_a_404(org_admin, member):
    draft = make_event(org_admin, status=EventStatus.DRAFT)
    error_of(token_client(member).post(url(draft)), 404)
    assert not Registration.objects.exists()


# Reading one's registration ----------------------------------------------------------------


def test_i_read_my_own_registration_with_a_read_only_token(full_event, member):
    register(full_event, member, RegistrationStatus.WAITING)
    data = token_client(member, Scope.READ).get(url(full_event)).json()
    assert data["status"] == "waiting" and data["queue_position"] == 1
    assert data["online_url"] is None


def test_without_a_registration_i_get_a_404_and_never_someone_elses(event, member, outsider):
    register(event, outsider)
    error_of(token_client(member).get(url(event)), 404)
    assert token_client(outsider).get(url(event)).json()["online_url"] == LINK


def test_a_cancelled_registration_is_no_registration(event, member):
    register(event, member, RegistrationStatus.CANCELLED)
    error_of(token_client(member).get(url(event)), 404)


def test_reading_a_registration_needs_a_caller(event):
    error_of(Client().get(url(event)), 401)


# Cancelling --------------------------------------------------------------------------------


def test_cancelling_frees_the_place_for_the_next_person_waiting(full_event, committing):
    leaving = Registration.objects.first().user
    next_in_line = make_user("next@example.org")
    register(full_event, next_in_line, RegistrationStatus.WAITING)

    with committing():
        response = token_client(leaving).delete(url(full_event))

    assert response.status_code == 204
    assert status_of(full_event, leaving) == RegistrationStatus.CANCELLED
    assert status_of(full_event, next_in_line) == RegistrationStatus.CONFIRMED
    (message,) = mails_to(next_in_line)
    assert LINK in message.body
    error_of(token_client(leaving).get(url(full_event)), 404)


def test_leaving_the_waiting_list_through_a_browser(full_event, member):
    register(full_event, member, RegistrationStatus.WAITING)
    response = session_client(member).delete(url(full_event))
    assert response.status_code == 204 and response.content == b""
    assert status_of(full_event, member) == RegistrationStatus.CANCELLED


@pytest.mark.parametrize(
    ("caller", "status"),
    [("anonymous", 401), ("read_only_token", 403), ("session_without_csrf", 403)],
)
def test_who_may_not_cancel_is_refused_and_the_place_stays(event, member, caller, status):
    register(event, member)
    client = {
        "anonymous": lambda: Client(),
        "read_only_token": lambda: token_client(member, Scope.READ),
        "session_without_csrf": lambda: session_client(member, csrf=False),
    }[caller]()
    error_of(client.delete(url(event)), status)
    assert status_of(event, member) == RegistrationStatus.CONFIRMED


def test_cancelling_without_a_registration_is_a_404(event, member):
    error_of(token_client(member).delete(url(event)), 404)


def test_cancelling_once_the_event_started_is_refused_with_the_reason(org_admin, member):
    started = make_event(org_admin, starts_at=timezone.now() - timedelta(minutes=5))
    register(started, member)
    error = error_of(token_client(member).delete(url(started)), 409)
    assert "already started" in error["message"]
    assert status_of(started, member) == RegistrationStatus.CONFIRMED


def test_the_openapi_description_documents_the_refusals(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operations = paths["/api/v1/events/{slug}/registration/"]
    assert set(operations) == {"get", "post", "delete"}
    assert {"201", "401", "403", "404", "409"} <= set(operations["post"]["responses"])
    assert {"204", "401", "403", "404", "409"} <= set(operations["delete"]["responses"])
