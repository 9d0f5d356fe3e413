"""Open Campus content in moderation: the report links, flags only on what one can see, and
hiding through the moderation queue removes a resource from every surface at once."""

import pytest
from django.urls import reverse

from conftest import client_for
from planet.campus.models import ResourceReview, Status
from planet.campus.tests.factories import make_opportunity, make_resource
from planet.moderation import registry
from planet.moderation.models import Flag
from planet.search.tests.helpers import search
from planet.search.tests.helpers import titles as found_titles

pytestmark = pytest.mark.django_db


def test_the_three_models_are_registered_for_moderation():
    labels = {f.label for f in registry.all_flaggable()}
    assert {"resource", "resource_review", "opportunity"} <= labels


def test_report_links_on_resource_review_and_opportunity(member, outsider):
    resource = make_resource(member, title="Open atlas")
    review = ResourceReview.objects.create(resource=resource, author=member, rating=4, text="ok")
    opportunity = make_opportunity(member)
    page = client_for(outsider).get(resource.get_absolute_url()).content.decode()
    assert reverse("moderation:flag", args=["resource", resource.pk]) in page
    assert reverse("moderation:flag", args=["resource_review", review.pk]) in page
    page = client_for(outsider).get(opportunity.get_absolute_url()).content.decode()
    assert reverse("moderation:flag", args=["opportunity", opportunity.pk]) in page
    # no report link on one's own content, nor for signed-out visitors
    own = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert reverse("moderation:flag", args=["resource", resource.pk]) not in own
    assert (
        "moderation/flag" not in client_for(None).get(resource.get_absolute_url()).content.decode()
    )


def test_a_flag_on_a_proposal_one_cannot_see_is_refused(member, outsider):
    proposed = make_resource(member, title="Secret", status=Status.PROPOSED)
    url = reverse("moderation:flag", args=["resource", proposed.pk])
    assert client_for(outsider).post(url, {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_hiding_from_the_queue_removes_the_resource_everywhere(member, outsider, curator):
    resource = make_resource(member, title="Pollinator atlas")
    flag = reverse("moderation:flag", args=["resource", resource.pk])
    assert client_for(outsider).post(flag, {"reason": "spam"}).status_code == 302
    assert found_titles(search(None, q="pollinator")) == ["Pollinator atlas"]
    hide = reverse("moderation:act", args=["resource", resource.pk, "hide"])
    response = client_for(curator).post(hide, {"note": "Advertising only."})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.is_hidden and resource.hidden_note == "Advertising only."
    assert "Pollinator atlas" not in client_for(None).get("/campus/").content.decode()
    assert client_for(outsider).get(resource.get_absolute_url()).status_code == 404
    assert found_titles(search(None, q="pollinator")) == []
    own = client_for(member).get(resource.get_absolute_url()).content.decode()
    assert "Advertising only." in own
