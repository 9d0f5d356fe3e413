"""The Open Campus in the JSON API: published resources with usage and ratings, current
learning opportunities; never proposals, declined or hidden entries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_organisation, make_user
from planet.apikeys.models import PersonalToken
from planet.campus.models import ResourceReview, ResourceUse, Status
from planet.campus.tests.factories import make_opportunity, make_resource

pytestmark = pytest.mark.django_db
RESOURCES = "/api/v1/resources/"
OPPORTUNITIES = "/api/v1/learning-opportunities/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def hide(item):
    item.hidden_at = timezone.now()
    item.save()
    return item


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "proposer"])
@pytest.mark.parametrize(
    ("url", "make"), [(RESOURCES, make_resource), (OPPORTUNITIES, make_opportunity)]
)
def test_proposals_declined_and_hidden_entries_never_appear(viewer, url, make, cast):
    proposer = make_user("proposer@example.org")
    make(proposer, "Published one")
    make(proposer, "Waiting one", status=Status.PROPOSED)
    make(proposer, "Declined one", status=Status.DECLINED)
    hide(make(proposer, "Hidden one"))
    client = client_for(proposer if viewer == "proposer" else cast[viewer])

    assert slugs(client.get(url)) == ["published-one"]
    assert client.get(url + "published-one").status_code == 200
    for slug in ("waiting-one", "declined-one", "hidden-one"):
        assert client.get(url + slug).status_code == 404


def test_a_token_of_the_proposer_does_not_open_their_proposal():
    proposer = make_user("proposer@example.org")
    make_resource(proposer, "Waiting one", status=Status.PROPOSED)
    _token, raw = PersonalToken.issue(proposer, name="mine")

    response = client_for(None).get(RESOURCES, HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert slugs(response) == []


def test_a_resource_has_its_usage_count_and_mean_rating(organisation, outsider, member):
    resource = make_resource(title="Climate kit", organisation=organisation, audience=["youth"])
    resource.goals.set([13])
    for name in ("One", "Two"):
        ResourceUse.objects.create(resource=resource, organisation=make_organisation(name))
    ResourceReview.objects.create(resource=resource, author=outsider, rating=5, text="Great")
    ResourceReview.objects.create(resource=resource, author=member, rating=4, text="Good")
    troll = make_user("troll@example.org")
    hide(ResourceReview.objects.create(resource=resource, author=troll, rating=1, text="Bad"))

    data = client_for(None).get(RESOURCES + resource.slug).json()

    assert data["use_count"] == 2
    assert data["review_count"] == 2
    assert data["rating_mean"] == pytest.approx(4.5)
    assert data["organisation"]["slug"] == organisation.slug
    assert data["goals"][0]["uri"] == "http://metadata.un.org/sdg/13"
    assert data["licence"] == "cc-by"


def test_resource_filters_and_sorts_mirror_the_catalogue(organisation):
    rated = make_resource(title="Rated", type="course", cost="paid")
    used = make_resource(title="Used", organisation=organisation, languages=["fr"])
    ResourceUse.objects.create(resource=used, organisation=organisation)
    ResourceReview.objects.create(
        resource=rated, author=make_user("r@example.org"), rating=5, text="Yes"
    )
    client = client_for(None)

    assert slugs(client.get(RESOURCES)) == ["used", "rated"]
    assert slugs(client.get(RESOURCES + "?sort=rating")) == ["rated", "used"]
    assert slugs(client.get(RESOURCES + "?type=course&cost=paid")) == ["rated"]
    assert slugs(client.get(RESOURCES + "?language=fr")) == ["used"]
    assert slugs(client.get(f"{RESOURCES}?organisation={organisation.slug}")) == ["used"]


def test_opportunities_are_current_and_filtered_like_the_map_list():
    today = timezone.localdate()
    make_opportunity(title="Online course", online=True)
    make_opportunity(title="In Dakar", country="SN", kind="workshop")
    make_opportunity(
        title="Over", starts_on=today - timedelta(days=20), ends_on=today - timedelta(days=5)
    )
    client = client_for(None)

    assert slugs(client.get(OPPORTUNITIES)) == ["online-course", "in-dakar"]
    assert slugs(client.get(OPPORTUNITIES + "?online=true")) == ["online-course"]
    assert slugs(client.get(OPPORTUNITIES + "?online=false&country=SN")) == ["in-dakar"]
    assert slugs(client.get(OPPORTUNITIES + "?kind=workshop")) == ["in-dakar"]
    assert client.get(OPPORTUNITIES + "over").status_code == 200  # its page stays readable


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        (RESOURCES, "organisation=nobody", "organisation"),
        (RESOURCES, "sort=random", "sort"),
        (OPPORTUNITIES, "kind=party", "kind"),
    ],
)
def test_a_bad_filter_is_a_422_naming_the_field(url, query, field):
    response = client_for(None).get(f"{url}?{query}")

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]


@pytest.mark.parametrize("url", [RESOURCES, OPPORTUNITIES])
def test_an_unknown_slug_is_a_404_in_the_error_shape(url):
    response = client_for(None).get(url + "nothing")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_lists_cost_the_same_whatever_the_page_size(organisation):
    reviewer = make_user("reviewer@example.org")
    for n in range(30):
        resource = make_resource(title=f"Resource {n}", organisation=organisation)
        resource.goals.set([n % 17 + 1])
        ResourceUse.objects.create(resource=resource, organisation=organisation)
        ResourceReview.objects.create(resource=resource, author=reviewer, rating=3, text="Ok")
        opportunity = make_opportunity(title=f"Opportunity {n}", organisation=organisation)
        opportunity.goals.set([n % 17 + 1])
    client = client_for(None)

    for url in (RESOURCES, OPPORTUNITIES):
        assert len(client.get(url + "?limit=30").json()["results"]) == 30
        assert queries_for(client, url + "?limit=5") == queries_for(client, url + "?limit=30")
