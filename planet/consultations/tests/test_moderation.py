"""Consultations, proposals and their comments are flaggable; hiding one (through the
moderation's own action) removes it in one step from the list, its page, the results, the
counts and the search."""

import pytest

from conftest import client_for
from planet.consultations.models import Consultation, Proposal, ProposalComment
from planet.consultations.tests.factories import (
    make_comment,
    make_consultation,
    make_proposal,
    support,
)
from planet.moderation import actions, registry
from planet.moderation.models import AuditLog, Flag
from planet.search.tests.helpers import search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(curator):
    return make_consultation(curator, title="Should homework disappear?")


@pytest.fixture
def proposal(consultation, member):
    return make_proposal(consultation, member, title="No homework on weekends")


@pytest.fixture
def comment(proposal, outsider):
    return make_comment(proposal, outsider, body="Rude words here")


def test_the_three_kinds_are_registered(consultation, proposal, comment, curator, member):
    assert registry.for_model(Consultation).label == "consultation"
    assert registry.owner_of(consultation) == curator
    assert registry.owner_of(proposal) == member
    assert registry.by_label("proposal-comment").model is ProposalComment
    assert registry.owner_of(comment) == comment.author


def test_report_links_are_on_proposals_and_comments(consultation, proposal, comment, editor):
    html = client_for(editor).get(proposal.get_absolute_url()).content.decode()
    assert f"/moderation/flag/proposal/{proposal.pk}/" in html
    assert f"/moderation/flag/proposal-comment/{comment.pk}/" in html
    listing = client_for(editor).get(consultation.get_absolute_url()).content.decode()
    assert f"/moderation/flag/proposal/{proposal.pk}/" in listing
    assert f"/moderation/flag/consultation/{consultation.pk}/" in listing


def test_a_member_flags_a_proposal(proposal, editor):
    url = f"/moderation/flag/proposal/{proposal.pk}/"
    response = client_for(editor).post(url, {"reason": "spam"})
    assert response.status_code == 302
    assert Flag.objects.get().content_object == proposal


def test_a_proposal_one_cannot_see_cannot_be_flagged(curator, member, editor):
    drafted = make_consultation(curator, status="draft")
    hidden_from_editor = make_proposal(drafted, member)
    url = f"/moderation/flag/proposal/{hidden_from_editor.pk}/"
    assert client_for(editor).post(url, {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_hiding_a_proposal_removes_it_everywhere_at_once(consultation, proposal, curator, outsider):
    support(proposal, outsider)
    actions.hide(proposal, by=curator, note="Off topic")
    assert AuditLog.objects.for_target(proposal).get().action == "moderation.hide"
    client = client_for(outsider)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert list(client.get(consultation.get_absolute_url()).context["page"]) == []
    results = client.get(f"/consultations/{consultation.slug}/results/").context
    assert (results["proposals"], results["support_total"]) == ([], 0)
    [card] = client.get("/consultations/").context["page"]
    assert card.proposal_total == 0
    assert not Proposal.objects.visible_to(outsider).exists()
    actions.restore(proposal, by=curator, note="Fine after all")
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_hiding_a_consultation_removes_it_from_list_page_results_and_search(
    consultation, proposal, curator, outsider
):
    assert titles(search(None, q="homework")) == ["Should homework disappear?"]
    actions.hide(consultation, by=curator, note="Duplicate")
    for user in (None, outsider):
        client = client_for(user)
        assert list(client.get("/consultations/").context["page"]) == []
        assert client.get(consultation.get_absolute_url()).status_code == 404
        assert client.get(f"/consultations/{consultation.slug}/results/").status_code == 404
        assert client.get(proposal.get_absolute_url()).status_code == 404
        assert titles(search(user, q="homework")) == []
    assert client_for(curator).get(consultation.get_absolute_url()).status_code == 200


def test_a_hidden_comment_leaves_the_page_but_its_author_sees_the_note(
    proposal, comment, curator, outsider, editor
):
    actions.hide(comment, by=curator, note="Be kind")
    html = client_for(editor).get(proposal.get_absolute_url()).content.decode()
    assert "Rude words here" not in html
    html = client_for(outsider).get(proposal.get_absolute_url()).content.decode()
    assert "Rude words here" in html and "Be kind" in html
    assert (
        "Rude words here" in client_for(curator).get(proposal.get_absolute_url()).content.decode()
    )
    card = client_for(editor).get(proposal.consultation.get_absolute_url()).context["page"][0]
    assert card.comment_total == 0
