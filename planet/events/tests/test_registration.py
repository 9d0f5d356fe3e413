"""Registering for an event: who may, when, what it changes and the confirmation e-mail with the
event attached as an `.ics` (with the online link, since the person now has a place)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from conftest import client_for, make_user
from planet.events.models import EventStatus, Registration, RegistrationStatus
from planet.events.tests.factories import make_event, register
from planet.events.tests.registration_helpers import (
    ics_of,
    mails_to,
    only_vevent,
    post_register,
    post_unregister,
    status_of,
)

pytestmark = pytest.mark.django_db

ONLINE = "https://meet.example.org/secret-room"


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mails) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def event(org_admin, organisation):
    return make_event(
        org_admin, organisation=organisation, capacity=10, format="hybrid", online_url=ONLINE
    )


def flash(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_member_registers_and_gets_a_confirmation_with_the_event_attached(
    event, member, committing
):
    with committing():
        response = post_register(event, member)
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert status_of(event, member) == RegistrationStatus.CONFIRMED
    (message,) = mails_to(member)
    assert event.title in message.subject
    assert ONLINE in message.body
    vevent = only_vevent(ics_of(message))
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert ONLINE in str(vevent["DESCRIPTION"])


def test_the_confirmation_shows_times_in_the_recipients_zone_and_states_the_events(
    org_admin, committing
):
    event = make_event(
        org_admin,
        timezone="America/New_York",
        starts_at=datetime(2031, 1, 24, 15, 0, tzinfo=timezone.UTC),  # 10:00 in New York
    )
    tokyo = make_user("kenji@example.org", "Kenji")
    tokyo.profile.timezone = "Asia/Tokyo"
    tokyo.profile.save()
    with time_machine.travel(datetime(2031, 1, 10, tzinfo=timezone.UTC)), committing():
        post_register(event, tokyo)
    (message,) = mails_to(tokyo)
    assert "Jan. 25, 2031, midnight" in message.body and "Asia/Tokyo" in message.body
    assert "Jan. 24, 2031, 10 a.m." in message.body and "America/New_York" in message.body


def test_anonymous_is_sent_to_sign_in_and_nothing_is_saved(event):
    response = client_for(None).post(f"/events/{event.slug}/register/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_registering_needs_a_post(event, member):
    assert client_for(member).get(f"/events/{event.slug}/register/").status_code == 405
    assert not Registration.objects.exists()


def test_an_unverified_address_is_refused(event, committing):
    unverified = make_user("new@example.org", "Newcomer", verified=False)
    with committing():
        response = post_register(event, unverified)
    assert "Verify your e-mail address" in flash(response)
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_past_events_are_refused(org_admin, member):
    started = make_event(org_admin, starts_at=timezone.now() - timedelta(hours=1))
    response = post_register(started, member)
    assert "already started" in flash(response)
    assert not Registration.objects.exists()


def test_cancelled_events_are_refused(org_admin, member):
    cancelled = make_event(org_admin, status=EventStatus.CANCELLED)
    response = post_register(cancelled, member)
    assert "cancelled" in flash(response)
    assert not Registration.objects.exists()


def test_drafts_are_not_found_by_others_and_refused_to_their_organisers(org_admin, member):
    draft = make_event(org_admin, status=EventStatus.DRAFT)
    assert post_register(draft, member).status_code == 404
    response = post_register(draft, org_admin)
    assert "not published" in flash(response)
    assert not Registration.objects.exists()


def test_registration_window_is_respected(org_admin, member):
    now = timezone.now()
    early = make_event(org_admin, registration_opens_at=now + timedelta(days=1))
    assert "Registration opens on" in flash(post_register(early, member))
    late = make_event(org_admin, title="Closed", registration_closes_at=now - timedelta(hours=1))
    assert "closed" in flash(post_register(late, member))
    assert not Registration.objects.exists()


def test_registering_twice_changes_nothing(event, member, committing):
    with committing():
        post_register(event, member)
    first = Registration.objects.get()
    with committing():
        response = post_register(event, member)
    assert "already registered" in flash(response)
    again = Registration.objects.get()
    assert (again.pk, again.status, again.queued_at) == (first.pk, first.status, first.queued_at)
    assert len(mails_to(member)) == 1


def test_registering_again_after_cancelling_reuses_the_row_at_the_back_of_the_queue(
    org_admin, member, outsider
):
    full = make_event(org_admin, capacity=1)
    post_register(full, member)
    post_unregister(full, member)
    assert status_of(full, member) == RegistrationStatus.CANCELLED
    post_register(full, outsider)  # takes the free place
    post_register(full, member)
    registration = Registration.objects.get(event=full, user=member)
    assert registration.status == RegistrationStatus.WAITING
    assert registration.cancelled_at is None
    assert Registration.objects.filter(event=full).count() == 2


def test_organisers_may_register_too(event, org_admin):
    post_register(event, org_admin)
    assert status_of(event, org_admin) == RegistrationStatus.CONFIRMED


def test_unregistering_cancels(event, member):
    post_register(event, member)
    response = post_unregister(event, member)
    assert "Your registration is cancelled" in flash(response)
    assert status_of(event, member) == RegistrationStatus.CANCELLED


def test_unregistering_without_a_registration_says_so(event, member):
    assert "not registered" in flash(post_unregister(event, member))
    assert not Registration.objects.exists()


def test_unregistering_after_the_start_is_refused(org_admin, member):
    event = make_event(org_admin)
    register(event, member)
    with time_machine.travel(event.starts_at + timedelta(minutes=5)):
        response = post_unregister(event, member)
    assert "already started" in flash(response)
    assert status_of(event, member) == RegistrationStatus.CONFIRMED


# The registration box of the event page ----------------------------------------------------


def box_html(event, user, organiser=False) -> str:
    request = RequestFactory().get(event.get_absolute_url())
    request.user = user
    event.viewer_is_organiser = organiser
    return render_to_string("events/_registration.html", {"event": event}, request=request)


def test_the_box_shows_the_online_link_to_confirmed_registrants_only(event, member, outsider):
    register(event, member)
    assert ONLINE in box_html(event, member)
    assert "You are registered" in box_html(event, member)
    outsider_box = box_html(event, outsider)
    assert ONLINE not in outsider_box
    assert "9 places left" in outsider_box and ">Register<" in outsider_box


def test_the_box_shows_the_place_on_the_waiting_list(org_admin, member, outsider, editor):
    full = make_event(org_admin, capacity=1, online_url=ONLINE, format="online")
    register(full, outsider)
    register(full, editor, RegistrationStatus.WAITING)
    register(full, member, RegistrationStatus.WAITING)
    html = box_html(full, member)
    assert "You are number 2 on the waiting list" in html
    assert ONLINE not in html
    assert "Leave the waiting list" in html
    assert "Full — waiting list" in box_html(full, make_user("x@example.org"))


def test_the_box_for_organisers_links_to_attendees_and_shows_the_link(event, org_admin):
    html = box_html(event, org_admin, organiser=True)
    assert f"/events/{event.slug}/attendees/" in html and ONLINE in html


def test_the_box_for_anonymous_and_closed_events(org_admin):
    from django.contrib.auth.models import AnonymousUser

    event = make_event(org_admin)
    assert "Sign in to register" in box_html(event, AnonymousUser())
    cancelled = make_event(org_admin, title="Off", status=EventStatus.CANCELLED)
    html = box_html(cancelled, AnonymousUser())
    assert "cancelled" in html and "Sign in to register" not in html


def test_the_event_page_shows_the_box_after_registering(event, member, outsider):
    response = client_for(member).post(f"/events/{event.slug}/register/", follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "You are registered." in html and "Cancel my registration" in html
    assert html.count(f'href="{ONLINE}"') == 1
    outsider_html = client_for(outsider).get(event.get_absolute_url()).content.decode()
    assert ONLINE not in outsider_html and ">Register<" in outsider_html
