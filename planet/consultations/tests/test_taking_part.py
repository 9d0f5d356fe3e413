"""Taking part: age and country declared once, eligibility, proposals, supports (one per
account, never one's own) and comments, all refused outside the dates by the server's clock.

The consultation opens on 1 March 2026 at 09:00 in Paris (08:00 UTC) and closes on 31 March
2026 at 23:59 in Paris (21:59 UTC, summer time)."""

import datetime

import pytest
import time_machine

from conftest import client_for
from planet.consultations.models import Participant, Proposal, ProposalComment, Support
from planet.consultations.tests.factories import (
    make_consultation,
    make_participant,
    make_proposal,
    messages_of,
    support,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
OPENS = datetime.datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
CLOSES = datetime.datetime(2026, 3, 31, 21, 59, tzinfo=UTC)
DURING = OPENS + datetime.timedelta(days=3)
ONE_SECOND = datetime.timedelta(seconds=1)


@pytest.fixture(autouse=True)
def during():
    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def consultation(curator, organisation):
    return make_consultation(
        curator,
        organisation=organisation,
        opens_at=OPENS,
        closes_at=CLOSES,
        max_age=30,
        countries=["FR", "SN", "BR"],
    )


@pytest.fixture
def proposal(consultation, member):
    return make_proposal(consultation, member, title="Free bikes for pupils")


def propose(user, consultation, **extra):
    data = {"title": "Gardens on roofs", "body": "Every school *grows* food.", **extra}
    return client_for(user).post(f"/consultations/{consultation.slug}/propose/", data)


def url_of(proposal, action=""):
    base = f"/consultations/{proposal.consultation.slug}/proposals/{proposal.pk}/"
    return f"{base}{action}/" if action else base


# Proposals and the declaration --------------------------------------------------------------


def test_a_first_proposal_declares_age_and_country_once(consultation, outsider):
    response = propose(outsider, consultation, age="17", country="SN")
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    participant = Participant.objects.get()
    assert (participant.user, participant.age, participant.country.code) == (outsider, 17, "SN")
    assert proposal.participant == participant and proposal.title == "Gardens on roofs"
    # the second contribution asks nothing more
    assert propose(outsider, consultation, title="Second idea").status_code == 302
    assert Participant.objects.count() == 1 and Proposal.objects.count() == 2


def test_the_page_asks_the_declaration_only_of_newcomers(consultation, outsider):
    client = client_for(outsider)
    assert "declaration_form" in client.get(consultation.get_absolute_url()).context
    make_participant(consultation, outsider)
    assert "declaration_form" not in client.get(consultation.get_absolute_url()).context


def test_a_proposal_without_declaration_is_refused(consultation, outsider):
    response = propose(outsider, consultation)
    assert response.status_code == 400
    assert set(response.context["declaration_form"].errors) == {"age", "country"}
    assert not Proposal.objects.exists() and not Participant.objects.exists()


@pytest.mark.parametrize("age", ["31", "64"])
def test_someone_over_the_maximum_age_is_refused(consultation, outsider, age):
    response = propose(outsider, consultation, age=age, country="FR")
    assert response.status_code == 400
    assert "aged 30 or under" in str(response.context["declaration_form"].errors["age"])
    assert not Proposal.objects.exists() and not Participant.objects.exists()


def test_the_maximum_age_itself_is_admitted(consultation, outsider):
    assert propose(outsider, consultation, age="30", country="FR").status_code == 302


def test_someone_outside_the_countries_is_refused(consultation, outsider):
    response = propose(outsider, consultation, age="16", country="DE")
    assert response.status_code == 400
    error = str(response.context["declaration_form"].errors["country"])
    assert "France" in error and "Senegal" in error and "Brazil" in error
    assert not Proposal.objects.exists() and not Participant.objects.exists()


@pytest.mark.parametrize("age", ["4", "121", "-3", "seventeen", ""])
def test_an_impossible_age_is_refused(consultation, outsider, age):
    response = propose(outsider, consultation, age=age, country="FR")
    assert response.status_code == 400
    assert "age" in response.context["declaration_form"].errors
    assert not Proposal.objects.exists() and not Participant.objects.exists()


def test_a_proposal_needs_a_title_and_a_text(consultation, outsider):
    response = propose(outsider, consultation, title="   ", body="", age="17", country="FR")
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "body"}
    assert not Proposal.objects.exists() and not Participant.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(consultation):
    response = propose(None, consultation, age="17", country="FR")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Proposal.objects.exists()


def test_nobody_takes_part_in_a_draft(curator, outsider):
    drafted = make_consultation(curator, status="draft", opens_at=OPENS, closes_at=CLOSES)
    assert propose(outsider, drafted, age="17", country="FR").status_code == 404
    assert not Proposal.objects.exists()


# Supports -----------------------------------------------------------------------------------


def test_a_participant_supports_a_proposal_once(consultation, proposal, outsider):
    make_participant(consultation, outsider)
    client = client_for(outsider)
    response = client.post(url_of(proposal, "support"), follow=True)
    assert "You support this proposal." in messages_of(response)
    assert Support.objects.filter(proposal=proposal, user=outsider).count() == 1
    response = client.post(url_of(proposal, "support"), follow=True)
    assert "You already support this proposal: one support per person." in messages_of(response)
    assert Support.objects.count() == 1


def test_a_newcomer_declares_before_supporting(consultation, proposal, outsider):
    client = client_for(outsider)
    page = client.get(url_of(proposal, "support"))
    assert page.status_code == 200 and "age" in page.context["form"].fields
    refused = client.post(url_of(proposal, "support"), {"age": "40", "country": "FR"})
    assert refused.status_code == 400
    assert not Support.objects.exists() and not Participant.objects.filter(user=outsider)
    accepted = client.post(url_of(proposal, "support"), {"age": "19", "country": "BR"})
    assert accepted.status_code == 302
    assert Support.objects.get().user == outsider
    assert Participant.objects.get(user=outsider).age == 19


def test_nobody_supports_their_own_proposal(proposal, member):
    response = client_for(member).post(url_of(proposal, "support"), follow=True)
    assert "This is your own proposal: you cannot support it. Nothing was saved." in messages_of(
        response
    )
    assert not Support.objects.exists()


def test_a_support_may_be_withdrawn_while_open(consultation, proposal, outsider):
    make_participant(consultation, outsider)
    support(proposal, outsider)
    response = client_for(outsider).post(url_of(proposal, "unsupport"), follow=True)
    assert "You no longer support this proposal." in messages_of(response)
    assert not Support.objects.exists()


def test_anonymous_visitors_neither_support_nor_withdraw(proposal):
    for action in ("support", "unsupport"):
        response = client_for(None).post(url_of(proposal, action))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Support.objects.exists()


def test_support_counts_show_on_the_page(consultation, proposal, outsider, editor):
    support(proposal, outsider)
    support(proposal, editor)
    response = client_for(None).get(url_of(proposal))
    assert response.context["support_total"] == 2
    assert "2 supports" in response.content.decode()


# Comments -----------------------------------------------------------------------------------


def test_a_participant_comments(consultation, proposal, outsider):
    response = client_for(outsider).post(
        url_of(proposal, "comment"), {"body": "Yes, and helmets.", "age": "15", "country": "FR"}
    )
    comment = ProposalComment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.author, comment.body) == (outsider, "Yes, and helmets.")
    assert "Yes, and helmets." in client_for(None).get(url_of(proposal)).content.decode()


def test_an_empty_comment_is_refused(consultation, proposal, member):
    response = client_for(member).post(url_of(proposal, "comment"), {"body": "  "})
    assert response.status_code == 400
    assert "body" in response.context["comment_form"].errors
    assert not ProposalComment.objects.exists()


def test_anonymous_visitors_do_not_comment(proposal):
    response = client_for(None).post(url_of(proposal, "comment"), {"body": "Hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ProposalComment.objects.exists()


# The server's clock -------------------------------------------------------------------------


def test_the_last_second_is_open_and_the_closing_minute_is_not(
    during, consultation, proposal, outsider
):
    make_participant(consultation, outsider)
    during.move_to(CLOSES - ONE_SECOND)
    assert propose(outsider, consultation, title="Just in time").status_code == 302
    during.move_to(CLOSES)
    response = propose(outsider, consultation, title="Too late")
    assert response.status_code == 302
    assert list(
        Proposal.objects.filter(participant__user=outsider).values_list("title", flat=True)
    ) == ["Just in time"]


def test_after_closing_everything_is_read_only(during, consultation, proposal, outsider, editor):
    make_participant(consultation, outsider)
    support(proposal, editor)
    during.move_to(CLOSES + datetime.timedelta(minutes=1))
    client = client_for(outsider)
    closed = "This consultation closed on"
    response = client.post(
        f"/consultations/{consultation.slug}/propose/",
        {"title": "Late", "body": "Too late"},
        follow=True,
    )
    assert any(closed in message for message in messages_of(response))
    response = client.post(url_of(proposal, "support"), follow=True)
    assert any(closed in message for message in messages_of(response))
    response = client.post(url_of(proposal, "comment"), {"body": "Late"}, follow=True)
    assert any(closed in message for message in messages_of(response))
    response = client_for(editor).post(url_of(proposal, "unsupport"), follow=True)
    assert any(closed in message for message in messages_of(response))
    assert Proposal.objects.count() == 1
    assert list(Support.objects.values_list("user", flat=True)) == [editor.pk]
    assert not ProposalComment.objects.exists()
    page = client.get(consultation.get_absolute_url())
    assert "proposal_form" not in page.context
    assert "The consultation is closed: it is read-only." in page.content.decode()


def test_before_opening_nothing_is_accepted(during, consultation, outsider):
    during.move_to(OPENS - ONE_SECOND)
    response = client_for(outsider).post(
        f"/consultations/{consultation.slug}/propose/",
        {"title": "Early", "body": "Too early", "age": "17", "country": "FR"},
        follow=True,
    )
    assert "This consultation is not open yet. Nothing was saved." in messages_of(response)
    assert not Proposal.objects.exists() and not Participant.objects.exists()
