"""The XSS payloads of the projects, typed into a proposal (title and text) and a comment
through the forms, render inert on the consultation page, the proposal page and the results,
read by the author and by an anonymous visitor (same scanner as planet/projects)."""

import pytest

from conftest import client_for
from planet.consultations.models import Proposal, ProposalComment
from planet.consultations.tests.factories import make_consultation
from planet.projects.tests.test_xss import EMBEDDING_TAGS, EVENT_HANDLER, HARMLESS, PAYLOADS, scan

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(curator):
    return make_consultation(curator)


def proposal_saying(consultation, author, text: str) -> Proposal:
    client = client_for(author)
    data = {"title": text[:200], "body": text, "age": "16", "country": "FR"}
    response = client.post(f"/consultations/{consultation.slug}/propose/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.latest("pk")
    url = f"/consultations/{consultation.slug}/proposals/{proposal.pk}/comment/"
    assert client.post(url, {"body": text}).status_code == 302
    return proposal


def pages_of(consultation, proposal, author) -> dict[str, str]:
    results = f"/consultations/{consultation.slug}/results/"
    pages = {
        "list as author": client_for(author).get(consultation.get_absolute_url()),
        "list as anonymous": client_for(None).get(consultation.get_absolute_url()),
        "proposal as author": client_for(author).get(proposal.get_absolute_url()),
        "proposal as anonymous": client_for(None).get(proposal.get_absolute_url()),
        "results": client_for(None).get(results),
    }
    assert all(response.status_code == 200 for response in pages.values())
    return {name: response.content.decode() for name, response in pages.items()}


@pytest.fixture
def baseline(curator, member):
    consultation = make_consultation(curator, title="Baseline")
    proposal = proposal_saying(consultation, member, HARMLESS)
    return {name: scan(html) for name, html in pages_of(consultation, proposal, member).items()}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_proposals_and_comments_render_inert(consultation, member, baseline, payload):
    proposal = proposal_saying(consultation, member, payload)
    for name, html in pages_of(consultation, proposal, member).items():
        page, expected = scan(html), baseline[name]
        assert page.problems == [], name
        assert html.lower().count("<script") == len(expected.scripts), name
        assert page.scripts == expected.scripts, name
        assert not EVENT_HANDLER.search(html), name
        for tag in EMBEDDING_TAGS:
            assert page.tags[tag] == expected.tags[tag], f"{name}: <{tag}>"
    # the text is kept for what it is, shown rather than run
    assert ProposalComment.objects.get(proposal=proposal).body == payload.strip()
    assert Proposal.objects.get(pk=proposal.pk).body == payload.strip()
