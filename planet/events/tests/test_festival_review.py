"""Proposing local events to a Festival edition, and the festival curators' review."""

import datetime

import pytest
import time_machine
from django.core import mail

from conftest import client_for
from planet.events.models import Event, EventStatus, FestivalReview
from planet.events.tests.factories import add_to_festival, make_event, make_festival
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _early_december_2026():
    """Some weeks before the Festival 2027 (20–28 January)."""
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=UTC)):
        yield


def during_festival(**extra):
    extra.setdefault("starts_at", datetime.datetime(2027, 1, 22, 15, tzinfo=UTC))
    return extra


@pytest.fixture
def festival():
    return make_festival()


@pytest.fixture
def own_event(member):
    return make_event(member, **during_festival())


def propose(user, festival, event):
    return client_for(user).post(f"/festival/{festival.slug}/propose/", {"event": event.pk})


# Proposing ---------------------------------------------------------------------------------


def test_a_member_proposes_their_own_event(festival, member, own_event):
    page = client_for(member).get(f"/festival/{festival.slug}/propose/").content.decode()
    assert own_event.title in page and "/events/new/?festival=festival-of-learning-2027" in page
    response = propose(member, festival, own_event)
    assert response.status_code == 302 and response["Location"] == own_event.get_absolute_url()
    own_event.refresh_from_db()
    assert own_event.festival == festival
    assert own_event.festival_review == FestivalReview.PROPOSED
    assert AuditLog.objects.filter(action="festival.propose", target_id=str(own_event.pk)).exists()


def test_an_editor_proposes_an_event_of_their_organisation(festival, organisation, editor):
    event = make_event(None, organisation=organisation, **during_festival())
    assert propose(editor, festival, event).status_code == 302
    event.refresh_from_db()
    assert event.festival_review == FestivalReview.PROPOSED


def test_a_draft_may_be_proposed(festival, member):
    draft = make_event(member, status=EventStatus.DRAFT, **during_festival())
    assert propose(member, festival, draft).status_code == 302


@pytest.mark.parametrize("viewer", ["outsider", "editor", "curator"])
def test_nobody_proposes_someone_elses_event(festival, own_event, cast, viewer):
    response = propose(cast[viewer], festival, own_event)
    assert response.status_code == 400
    assert "Choose one of your events" in " ".join(response.context["form"].errors["event"])
    own_event.refresh_from_db()
    assert own_event.festival is None and own_event.festival_review == ""


def test_anonymous_people_are_sent_to_sign_in(festival, own_event):
    response = propose(None, festival, own_event)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Event.objects.get(pk=own_event.pk).festival is None


def test_proposals_are_refused_when_the_edition_is_closed(festival, member, own_event):
    festival.proposals_open = False
    festival.save()
    page = client_for(member).get(f"/festival/{festival.slug}/propose/").content.decode()
    assert "no longer accepts proposals" in page
    response = propose(member, festival, own_event)
    assert response.status_code == 400
    assert "no longer accepts proposals" in str(response.context["form"].non_field_errors())
    own_event.refresh_from_db()
    assert own_event.festival is None


def test_an_event_outside_the_festival_days_is_refused_and_says_why(festival, member):
    event = make_event(member, starts_at=datetime.datetime(2027, 2, 3, 15, tzinfo=UTC))
    response = propose(member, festival, event)
    assert response.status_code == 400
    error = " ".join(response.context["form"].errors["event"])
    assert "at least one festival day" in error and "Jan. 20, 2027" in error
    event.refresh_from_db()
    assert event.festival is None


def test_the_festival_days_are_read_in_the_events_own_zone(festival, member):
    # 07:00 on 20 January in Auckland is still 19 January in UTC: it is on a festival day.
    auckland = make_event(member, title="Sunrise", timezone="Pacific/Auckland",
                          starts_at=datetime.datetime(2027, 1, 19, 18, tzinfo=UTC))  # fmt: skip
    assert propose(member, festival, auckland).status_code == 302
    # 20:00 on 19 January in Los Angeles is 20 January in UTC: it is the day before.
    eve = make_event(member, title="Eve", timezone="America/Los_Angeles",
                     starts_at=datetime.datetime(2027, 1, 20, 4, tzinfo=UTC),
                     ends_at=datetime.datetime(2027, 1, 20, 7, 30, tzinfo=UTC))  # fmt: skip
    assert propose(member, festival, eve).status_code == 400


@pytest.mark.parametrize("case", ["past", "cancelled", "in another edition"])
def test_events_that_cannot_be_proposed_are_not_offered(festival, member, case):
    if case == "past":
        event = make_event(member, starts_at=datetime.datetime(2026, 11, 1, 10, tzinfo=UTC))
    elif case == "cancelled":
        event = make_event(member, status=EventStatus.CANCELLED, **during_festival())
    else:
        other = make_festival("Another edition")
        event = add_to_festival(make_event(member, **during_festival()), other)
    page = client_for(member).get(f"/festival/{festival.slug}/propose/").content.decode()
    assert event.title not in page
    assert propose(member, festival, event).status_code == 400


# The review queue --------------------------------------------------------------------------


@pytest.fixture
def proposals(festival, member):
    older = add_to_festival(make_event(member, title="Older", **during_festival()), festival,
                            FestivalReview.PROPOSED)  # fmt: skip
    newer = add_to_festival(make_event(member, title="Newer", **during_festival()), festival,
                            FestivalReview.PROPOSED)  # fmt: skip
    add_to_festival(make_event(member, title="Already in", **during_festival()), festival)
    return older, newer


def test_festival_curators_see_the_queue_oldest_first(festival, proposals, curator, outsider):
    festival.curators.add(outsider)
    for user in (curator, outsider):
        response = client_for(user).get(f"/festival/{festival.slug}/review/")
        assert response.status_code == 200
        assert [event.title for event in response.context["queue"]] == ["Older", "Newer"]
    page = client_for(curator).get(festival.get_absolute_url()).content.decode()
    assert f"/festival/{festival.slug}/review/" in page


@pytest.mark.parametrize("viewer", ["outsider", "member", "org_admin"])
def test_others_may_not_see_the_queue(festival, proposals, cast, viewer):
    assert client_for(cast[viewer]).get(f"/festival/{festival.slug}/review/").status_code == 403


def test_anonymous_people_are_sent_to_sign_in_from_the_queue(festival, proposals):
    response = client_for(None).get(f"/festival/{festival.slug}/review/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Deciding ----------------------------------------------------------------------------------


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    """POST a decision; e-mails go out when its transaction commits."""

    def post(user, festival, event, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(f"/festival/{festival.slug}/review/{event.pk}/", data)

    return post


def programme_titles(festival) -> list[str]:
    response = client_for(None).get(festival.get_absolute_url())
    return [event.title for day in response.context["days"] for event in day.events]


def test_approving_puts_the_event_in_the_programme_and_tells_the_organiser(
    decide, festival, proposals, curator, member
):
    older, _newer = proposals
    response = decide(curator, festival, older, decision="approve", note="Welcome aboard!")
    assert response.status_code == 302
    older.refresh_from_db()
    assert older.festival_review == FestivalReview.APPROVED
    assert older.festival_reviewed_by == curator and older.festival_reviewed_at is not None
    assert programme_titles(festival) == ["Older", "Already in"]  # same start: by id
    log = AuditLog.objects.get(action="festival.approved")
    assert log.target_id == str(older.pk) and log.reason == "Welcome aboard!"
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "is in the programme of Festival of Learning 2027" in message.subject
    assert "Welcome aboard!" in message.body and older.get_absolute_url() in message.body


def test_declining_needs_a_note_and_otherwise_saves_nothing(festival, proposals, curator):
    older, _newer = proposals
    url = f"/festival/{festival.slug}/review/{older.pk}/"
    data = {"decision": "decline", "note": "  "}
    response = client_for(curator).post(url, data, follow=True)
    assert "Tell the organiser why the event is declined." in response.content.decode()
    older.refresh_from_db()
    assert older.festival_review == FestivalReview.PROPOSED
    assert not mail.outbox and not AuditLog.objects.filter(action__startswith="festival.")


def test_a_declined_event_stays_out_of_the_programme_and_the_organiser_hears_why(
    decide, festival, proposals, outsider, member
):
    festival.curators.add(outsider)
    older, _newer = proposals
    note = "It is a sales event; a workshop would be welcome."
    assert decide(outsider, festival, older, decision="decline", note=note).status_code == 302
    older.refresh_from_db()
    assert older.festival_review == FestivalReview.DECLINED and older.festival_note == note
    assert "Older" not in programme_titles(festival)
    (message,) = mail.outbox
    assert message.to == [member.email] and "is not accepted" in message.subject
    assert note in message.body
    assert AuditLog.objects.get(action="festival.declined").reason == note


def test_a_decision_is_taken_once(decide, festival, proposals, curator):
    older, _newer = proposals
    decide(curator, festival, older, decision="approve")
    decide(curator, festival, older, decision="decline", note="Changed my mind")
    older.refresh_from_db()
    assert older.festival_review == FestivalReview.APPROVED
    assert (
        len(mail.outbox) == 1
        and AuditLog.objects.filter(action__startswith="festival.").count() == 1
    )


def test_without_a_creator_the_organisations_admins_hear_of_it(
    decide, festival, curator, organisation, org_admin
):
    event = make_event(None, organisation=organisation, **during_festival())
    add_to_festival(event, festival, FestivalReview.PROPOSED)
    decide(curator, festival, event, decision="approve")
    assert [message.to for message in mail.outbox] == [[org_admin.email]]


@pytest.mark.parametrize("viewer", ["outsider", "member", "editor"])
def test_others_may_not_decide(decide, festival, proposals, cast, viewer):
    older, _newer = proposals
    assert decide(cast[viewer], festival, older, decision="approve").status_code == 403
    older.refresh_from_db()
    assert older.festival_review == FestivalReview.PROPOSED and not mail.outbox


def test_anonymous_people_may_not_decide(decide, festival, proposals):
    older, _newer = proposals
    response = decide(None, festival, older, decision="approve")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    older.refresh_from_db()
    assert older.festival_review == FestivalReview.PROPOSED


def test_an_event_of_another_edition_cannot_be_decided_here(decide, festival, curator, member):
    other = make_festival("Another edition")
    event = add_to_festival(make_event(member, **during_festival()), other, "proposed")
    assert decide(curator, festival, event, decision="approve").status_code == 404
    assert (
        client_for(curator).get(f"/festival/{festival.slug}/review/{event.pk}/").status_code == 405
    )
