"""After closing, the organiser (curators, admins and editors of the organiser organisation)
retains proposals, answers them and publishes a summary; nobody else may, nor before closing."""

import datetime

import pytest
import time_machine

from conftest import client_for, make_organisation, make_user
from planet.consultations.tests.factories import make_consultation, make_proposal
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
OPENS = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
CLOSES = datetime.datetime(2026, 3, 31, 21, 59, tzinfo=UTC)
AFTER = CLOSES + datetime.timedelta(days=2)
ANSWER = {"retained": "on", "answer": "We will fund **ten** gardens."}


@pytest.fixture(autouse=True)
def after_closing():
    with time_machine.travel(AFTER, tick=False) as traveller:
        yield traveller


@pytest.fixture
def consultation(curator, organisation):
    return make_consultation(curator, organisation=organisation, opens_at=OPENS, closes_at=CLOSES)


@pytest.fixture
def proposal(consultation, outsider):
    return make_proposal(consultation, outsider, title="Gardens on roofs")


def answer_url(proposal):
    return f"/consultations/{proposal.consultation.slug}/proposals/{proposal.pk}/answer/"


def summary_url(consultation):
    return f"/consultations/{consultation.slug}/summary/"


@pytest.mark.parametrize("viewer", ["curator", "org_admin", "editor"])
def test_the_organiser_retains_and_answers_after_closing(cast, proposal, viewer):
    client = client_for(cast[viewer])
    assert client.get(answer_url(proposal)).status_code == 200
    response = client.post(answer_url(proposal), ANSWER)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.retained and proposal.answer == "We will fund **ten** gardens."
    assert proposal.answered_at == AFTER
    entry = AuditLog.objects.for_target(proposal).get()
    assert (entry.action, entry.actor) == ("consultation.answer", cast[viewer])
    page = client_for(None).get(proposal.get_absolute_url()).content.decode()
    assert "We will fund <strong>ten</strong> gardens." in page and "Retained" in page
    listing = client_for(None).get(proposal.consultation.get_absolute_url()).content.decode()
    assert "We will fund <strong>ten</strong> gardens." in listing


@pytest.mark.parametrize("viewer", ["outsider", "member"])
def test_others_may_not_answer(cast, proposal, viewer):
    client = client_for(cast[viewer])
    assert client.get(answer_url(proposal)).status_code == 403
    assert client.post(answer_url(proposal), ANSWER).status_code == 403
    proposal.refresh_from_db()
    assert not proposal.retained and proposal.answer == ""


def test_anonymous_visitors_may_not_answer(proposal):
    response = client_for(None).post(answer_url(proposal), ANSWER)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    proposal.refresh_from_db()
    assert not proposal.retained


def test_nothing_is_answered_before_closing(after_closing, proposal, curator):
    after_closing.move_to(CLOSES - datetime.timedelta(minutes=1))
    response = client_for(curator).post(answer_url(proposal), ANSWER)
    assert response.status_code == 400
    assert "once the consultation has closed" in response.context["error"]
    proposal.refresh_from_db()
    assert not proposal.retained and not AuditLog.objects.exists()


def test_a_retained_proposal_needs_an_answer(proposal, curator):
    response = client_for(curator).post(answer_url(proposal), {"retained": "on", "answer": " "})
    assert response.status_code == 400
    assert "answer" in response.context["form"].errors
    proposal.refresh_from_db()
    assert not proposal.retained


def test_unretaining_removes_the_answer(proposal, curator):
    client = client_for(curator)
    client.post(answer_url(proposal), ANSWER)
    client.post(answer_url(proposal), {"answer": "ignored"})
    proposal.refresh_from_db()
    assert (proposal.retained, proposal.answer, proposal.answered_at) == (False, "", None)


@pytest.mark.parametrize("viewer", ["curator", "org_admin", "editor"])
def test_the_organiser_publishes_a_summary(cast, consultation, viewer):
    response = client_for(cast[viewer]).post(
        summary_url(consultation), {"summary": "Ten gardens, *two* new bike lanes."}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.summary == "Ten gardens, *two* new bike lanes."
    assert consultation.summary_published_at == AFTER
    assert AuditLog.objects.for_target(consultation).get().action == "consultation.summary"
    page = client_for(None).get(consultation.get_absolute_url()).content.decode()
    assert "Ten gardens, <em>two</em> new bike lanes." in page


@pytest.mark.parametrize("viewer", ["outsider", "member"])
def test_others_may_not_publish_a_summary(cast, consultation, viewer):
    response = client_for(cast[viewer]).post(summary_url(consultation), {"summary": "Mine"})
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.summary == ""


def test_anonymous_visitors_may_not_publish_a_summary(consultation):
    response = client_for(None).post(summary_url(consultation), {"summary": "Mine"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.summary == ""


def test_no_summary_before_closing(after_closing, consultation, curator):
    after_closing.move_to(OPENS + datetime.timedelta(days=1))
    response = client_for(curator).post(summary_url(consultation), {"summary": "Too soon"})
    assert response.status_code == 400
    consultation.refresh_from_db()
    assert consultation.summary == "" and not AuditLog.objects.exists()


def test_an_organisation_admin_answers_only_for_their_organisation(proposal):
    other_admin = make_user("other-admin@example.org")
    make_organisation("Another school", admin=other_admin)
    assert client_for(other_admin).post(answer_url(proposal), ANSWER).status_code == 403
    proposal.refresh_from_db()
    assert not proposal.retained
