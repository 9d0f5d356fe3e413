"""The projects' XSS payloads, typed into every text field a member controls in the Open
Campus (a resource's title, summary and description, a review, a learning opportunity's
texts), render inert on every page that shows them."""

import pytest
from django.urls import reverse

from conftest import client_for
from planet.campus.models import LearningOpportunity, Resource, ResourceReview, Status
from planet.campus.tests.factories import opportunity_data, resource_data
from planet.projects.tests.test_xss import EMBEDDING_TAGS, EVENT_HANDLER, HARMLESS, PAYLOADS, scan

pytestmark = pytest.mark.django_db


def campus_saying(proposer, reviewer, curator, text: str) -> tuple[Resource, LearningOpportunity]:
    """A resource proposed, published by a curator and reviewed, and a learning opportunity,
    every member-typed text being `text`, all saved through the forms."""
    one_line = " ".join(text.split())
    fields = {"title": one_line[:200], "summary": one_line[:240], "description": text}
    assert (
        client_for(proposer).post(reverse("campus:propose"), resource_data(**fields)).status_code
        == 302
    )
    resource = Resource.objects.latest("pk")
    decide = reverse("campus:decide", args=["resource", resource.pk])
    client_for(curator).post(decide, {"decision": "publish"})
    review = client_for(reviewer).post(
        reverse("campus:review_write", args=[resource.slug]), {"rating": "4", "text": text}
    )
    assert review.status_code == 302, review.content.decode()[:2000]
    created = client_for(proposer).post(
        reverse("campus:opportunity_create"),
        opportunity_data(place_name=one_line[:200], **fields),
    )
    assert created.status_code == 302
    opportunity = LearningOpportunity.objects.latest("pk")
    LearningOpportunity.objects.filter(pk=opportunity.pk).update(status=Status.PUBLISHED)
    resource.refresh_from_db()
    return resource, opportunity


def pages_of(resource, opportunity, proposer, curator) -> dict[str, str]:
    pages = {
        "resource (proposer)": client_for(proposer).get(resource.get_absolute_url()),
        "resource (anonymous)": client_for(None).get(resource.get_absolute_url()),
        "catalogue": client_for(None).get("/campus/"),
        "opportunity": client_for(None).get(opportunity.get_absolute_url()),
        "opportunities": client_for(None).get("/campus/opportunities/"),
        "mine": client_for(proposer).get("/campus/mine/"),
    }
    assert all(response.status_code == 200 for response in pages.values())
    return {name: response.content.decode() for name, response in pages.items()}


@pytest.fixture
def people(member, outsider, curator):
    return member, outsider, curator


@pytest.fixture
def baseline(people):
    proposer, reviewer, curator = people
    resource, opportunity = campus_saying(proposer, reviewer, curator, HARMLESS)
    html = pages_of(resource, opportunity, proposer, curator)
    Resource.objects.all().delete()
    LearningOpportunity.objects.all().delete()
    return {name: scan(page) for name, page in html.items()}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_render_inert(people, baseline, payload):
    proposer, reviewer, curator = people
    resource, opportunity = campus_saying(proposer, reviewer, curator, payload)
    for name, html in pages_of(resource, opportunity, proposer, curator).items():
        page, expected = scan(html), baseline[name]
        assert page.problems == [], name
        assert html.lower().count("<script") == len(expected.scripts), name
        assert page.scripts == expected.scripts, name
        assert not EVENT_HANDLER.search(html), name
        for tag in EMBEDDING_TAGS:
            assert page.tags[tag] == expected.tags[tag], f"{name}: <{tag}>"
    # the text is kept for what it is, shown rather than run
    assert ResourceReview.objects.get(resource=resource).text == payload.strip()
    assert resource.description == payload.strip()
