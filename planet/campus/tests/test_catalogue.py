"""The /campus/ catalogue: sorting by usage, rating and date, every filter, and a fixed
number of queries whatever the number of resources."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_organisation, make_user
from planet.campus.models import ResourceReview, ResourceUse, Status
from planet.campus.tests.factories import make_resource
from planet.sdgs.models import Goal

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [resource.title for resource in response.context["page"]]


def catalogue(user=None, **params):
    return listed(client_for(user).get("/campus/", params))


@pytest.fixture
def reviewers(db):
    return [make_user(f"reviewer{i}@example.org") for i in range(4)]


@pytest.fixture
def shelf(reviewers):
    """Atlas: 3 organisations, mean 3. Kit: 1 organisation, mean 5 of 2 reviews.
    Game: 1 organisation, mean 5 of 1 review (and a hidden 1-star). Book: unrated, unused."""
    now = timezone.now()
    orgs = [make_organisation(f"School {i}") for i in range(3)]
    atlas = make_resource(title="Atlas", published_at=now - datetime.timedelta(days=3))
    kit = make_resource(title="Kit", published_at=now - datetime.timedelta(days=2))
    game = make_resource(title="Game", published_at=now - datetime.timedelta(days=1))
    book = make_resource(title="Book", published_at=now - datetime.timedelta(days=4))
    for org in orgs:
        ResourceUse.objects.create(resource=atlas, organisation=org)
    ResourceUse.objects.create(resource=kit, organisation=orgs[0])
    ResourceUse.objects.create(resource=game, organisation=orgs[1])
    for reviewer, rating in zip(reviewers, [2, 4, 3], strict=False):
        ResourceReview.objects.create(resource=atlas, author=reviewer, rating=rating, text="ok")
    for reviewer in reviewers[:2]:
        ResourceReview.objects.create(resource=kit, author=reviewer, rating=5, text="great")
    ResourceReview.objects.create(resource=game, author=reviewers[0], rating=5, text="fun")
    ResourceReview.objects.create(
        resource=game, author=reviewers[1], rating=1, text="spam", hidden_at=now
    )
    return {"atlas": atlas, "kit": kit, "game": game, "book": book}


def test_sorted_by_usage_by_default(shelf):
    assert catalogue() == ["Atlas", "Kit", "Game", "Book"]  # ties: better rated first
    assert catalogue(sort="usage") == ["Atlas", "Kit", "Game", "Book"]


def test_sorted_by_rating_with_more_reviews_first_among_equals_and_unrated_last(shelf):
    assert catalogue(sort="rating") == ["Kit", "Game", "Atlas", "Book"]


def test_sorted_by_newest(shelf):
    assert catalogue(sort="newest") == ["Game", "Kit", "Atlas", "Book"]


def test_the_figures_count_visible_reviews_only(shelf):
    page = client_for(None).get("/campus/", {"sort": "rating"})
    figures = {r.title: (r.use_count, r.review_count, r.rating_mean) for r in page.context["page"]}
    assert figures == {
        "Atlas": (3, 3, 3.0),
        "Kit": (1, 2, 5.0),
        "Game": (1, 1, 5.0),
        "Book": (0, 0, None),
    }
    html = page.content.decode()
    assert "Used by 3 organisations" in html and "Not rated yet" in html
    assert "3.0 out of 5 (3 reviews)" in html


def test_a_bad_sort_or_filter_is_ignored(shelf):
    assert catalogue(sort="alphabet", type="spaceship") == ["Atlas", "Kit", "Game", "Book"]


@pytest.fixture
def varied(organisation):
    make_resource(title="Plain")
    make_resource(
        title="Special",
        type="dataset",
        audience=["cities", "teachers"],
        languages=["fr", "ar"],
        licence="cc0",
        cost="freemium",
        organisation=organisation,
    ).goals.set(Goal.objects.filter(number=13))
    make_resource(title="Proposal", type="dataset", status=Status.PROPOSED)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "dataset"},
        {"audience": "cities"},
        {"language": "ar"},
        {"licence": "cc0"},
        {"cost": "freemium"},
        {"goal": "13"},
        {"organisation": "lycee-planete"},
        {"type": "dataset", "language": "fr", "cost": "freemium", "goal": "13"},
    ],
)
def test_every_filter_narrows_the_catalogue_and_stays_in_the_url(varied, params):
    assert catalogue(**params) == ["Special"]
    page = client_for(None).get("/campus/", {**params, "sort": "rating"}).content.decode()
    for value in params.values():
        assert f'value="{value}" selected' in page


def test_filters_that_match_nothing_say_so(varied):
    response = client_for(None).get("/campus/", {"type": "video"})
    assert listed(response) == []
    assert "No resource matches these filters." in response.content.decode()


def test_htmx_gets_only_the_results(varied):
    response = client_for(None).get("/campus/", {"type": "dataset"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="campus-results"' in html and "<html" not in html and "Special" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "member", "curator"])
def test_the_catalogue_costs_the_same_for_5_and_25_resources(cast, who, organisation, reviewers):
    client = client_for(cast[who])
    goals = list(Goal.objects.filter(number__in=[4, 13]))

    def add(count):
        for i in range(count):
            resource = make_resource(title=f"Resource {i}", organisation=organisation)
            resource.goals.set(goals)
            ResourceUse.objects.create(resource=resource, organisation=organisation)
            ResourceReview.objects.create(
                resource=resource, author=reviewers[i % 4], rating=1 + i % 5, text="ok"
            )

    add(5)
    five = _queries(client, "/campus/?sort=rating")
    add(20)
    twenty_five = _queries(client, "/campus/?sort=rating")
    assert five == twenty_five
    assert twenty_five <= 14
