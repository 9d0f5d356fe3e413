"""Learning opportunities: who publishes directly and who proposes, validation, the list, and
their place on the map and in the search (published ones only, never hidden or proposed)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from planet.campus.models import LearningOpportunity, Resource, Status
from planet.campus.tests.factories import make_opportunity, make_resource, opportunity_data
from planet.maps.tests.helpers import geojson_of, titles
from planet.moderation.models import AuditLog
from planet.sdgs.models import Goal
from planet.search.tests.helpers import facet, search
from planet.search.tests.helpers import titles as found_titles

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)):
        yield


# Entering one ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, with_organisation, published",
    [
        ("editor", True, True),
        ("org_admin", True, True),
        ("curator", False, True),
        ("member", True, False),  # a plain member of the organisation proposes
        ("outsider", True, False),
        ("editor", False, False),  # without the organisation, an editor is a member like any
    ],
)
def test_who_publishes_directly_and_who_proposes(
    cast, organisation, who, with_organisation, published, mailoutbox
):
    data = opportunity_data(organisation=str(organisation.pk) if with_organisation else None)
    response = client_for(cast[who]).post(reverse("campus:opportunity_create"), data)
    opportunity = LearningOpportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == opportunity.get_absolute_url()
    assert opportunity.proposed_by == cast[who]
    assert opportunity.status == (Status.PUBLISHED if published else Status.PROPOSED)
    assert (opportunity.published_at is not None) == published
    assert AuditLog.objects.for_target(opportunity).exists() == published
    anonymous = client_for(None).get(opportunity.get_absolute_url())
    assert anonymous.status_code == (200 if published else 404)


def test_signed_out_visitors_cannot_add_one(db):
    response = client_for(None).post(reverse("campus:opportunity_create"), opportunity_data())
    assert response.status_code == 302 and not LearningOpportunity.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ends_on": "2026-06-20", "starts_on": "2026-06-25"}, "ends_on"),
        ({"latitude": None}, "latitude"),
        ({"longitude": None}, "longitude"),
        ({"latitude": "91"}, "latitude"),
        ({"longitude": "-181"}, "longitude"),
        ({"place_name": None}, "place_name"),
        ({"starts_on": None}, "starts_on"),
        ({"kind": "party"}, "kind"),
        ({"application_url": "javascript:alert(1)"}, "application_url"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(member, changes, field):
    response = client_for(member).post(
        reverse("campus:opportunity_create"), opportunity_data(**changes)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not LearningOpportunity.objects.exists()


def test_online_opportunities_need_no_place(member):
    data = opportunity_data(
        place_name=None, latitude=None, longitude=None, country=None, online="on"
    )
    assert client_for(member).post(reverse("campus:opportunity_create"), data).status_code == 302
    assert LearningOpportunity.objects.get().online


def test_a_curator_publishes_a_proposed_opportunity(curator, member, mailoutbox):
    opportunity = make_opportunity(member, status=Status.PROPOSED)
    url = reverse("campus:decide", args=["opportunity", opportunity.pk])
    assert client_for(member).post(url, {"decision": "publish"}).status_code == 403
    client_for(curator).post(url, {"decision": "publish"})
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    assert AuditLog.objects.for_target(opportunity).get().action == (
        "campus.learningopportunity.published"
    )


# The list ----------------------------------------------------------------------------------


@pytest.fixture
def offers(organisation, member):
    water = make_opportunity(
        title="Water school",
        kind="course",
        country="SN",
        starts_on=TODAY + datetime.timedelta(days=3),
        organisation=organisation,
    )
    water.goals.set(Goal.objects.filter(number=6))
    make_opportunity(title="Online mentoring", kind="volunteering", online=True, place_name="")
    make_opportunity(
        title="Finished workshop",
        kind="workshop",
        starts_on=TODAY - datetime.timedelta(days=10),
        ends_on=TODAY - datetime.timedelta(days=9),
    )
    make_opportunity(member, title="Proposed internship", kind="internship", status=Status.PROPOSED)
    hidden = make_opportunity(title="Hidden course", hidden_at=datetime.datetime.now(datetime.UTC))
    return {"water": water, "hidden": hidden}


def listed(user=None, **params):
    response = client_for(user).get("/campus/opportunities/", params)
    assert response.status_code == 200
    return [o.title for o in response.context["page"]]


@pytest.mark.parametrize("who", CAST)
def test_the_list_shows_current_published_opportunities_only(cast, offers, who):
    assert listed(cast[who]) == ["Water school", "Online mentoring"]  # soonest first


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"kind": "course"}, ["Water school"]),
        ({"goal": "6"}, ["Water school"]),
        ({"country": "SN"}, ["Water school"]),
        ({"online": "yes"}, ["Online mentoring"]),
        ({"online": "no"}, ["Water school"]),
        ({"organisation": "lycee-planete"}, ["Water school"]),
        ({"kind": "internship"}, []),
    ],
)
def test_the_list_filters(offers, params, expected):
    assert listed(**params) == expected


def test_the_list_costs_the_same_for_5_and_25_opportunities(organisation):
    goals = list(Goal.objects.filter(number__in=[4, 6]))

    def add(count):
        for i in range(count):
            make_opportunity(title=f"Course {i}", organisation=organisation).goals.set(goals)

    client = client_for(None)
    add(5)
    with CaptureQueriesContext(connection) as five:
        client.get("/campus/opportunities/")
    add(20)
    with CaptureQueriesContext(connection) as twenty_five:
        client.get("/campus/opportunities/")
    assert len(five) == len(twenty_five) <= 10


def test_a_proposed_opportunity_is_seen_by_its_proposer_only(offers, member, outsider):
    proposed = LearningOpportunity.objects.get(title="Proposed internship")
    assert client_for(member).get(proposed.get_absolute_url()).status_code == 200
    assert client_for(outsider).get(proposed.get_absolute_url()).status_code == 404
    hidden = offers["hidden"]
    assert client_for(outsider).get(hidden.get_absolute_url()).status_code == 404


# The map -----------------------------------------------------------------------------------


@pytest.fixture
def located(member):
    place = {"latitude": 13.9, "longitude": -16.6}
    shown = make_opportunity(title="Mangrove week", place_name="Saloum delta", **place)
    shown.goals.set(Goal.objects.filter(number__in=[13, 14]))
    make_opportunity(member, title="Mangrove proposal", status=Status.PROPOSED, **place)
    make_opportunity(
        title="Mangrove hidden", hidden_at=datetime.datetime.now(datetime.UTC), **place
    )
    make_opportunity(title="Mangrove nowhere", online=True)
    return shown


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize("zoom", [0, 10])
def test_the_map_shows_the_published_located_opportunity_only(cast, located, who, zoom):
    params = {"zoom": zoom, "type": "opportunity"}
    data = geojson_of(client_for(cast[who]).get("/map/geojson", params))
    assert data["total"] == 1
    feature = data["features"][0]
    assert feature["properties"]["title"] == "Mangrove week"
    assert feature["properties"]["type"] == "opportunity"
    assert feature["properties"]["url"] == located.get_absolute_url()
    assert feature["properties"]["sdgs"] == [13, 14]
    assert feature["geometry"]["coordinates"] == [-16.6, 13.9]
    assert "proposal" not in str(data) and "hidden" not in str(data)


def test_the_map_filters_by_goal_and_lists_without_javascript(located):
    assert titles(geojson_of(client_for(None).get("/map/geojson", {"zoom": 10, "goal": 14}))) >= {
        "Mangrove week"
    }
    off = geojson_of(
        client_for(None).get("/map/geojson", {"zoom": 10, "goal": 1, "type": "opportunity"})
    )
    assert off["total"] == 0
    page = client_for(None).get("/map/", {"type": "opportunity"}).content.decode()
    assert "Mangrove week" in page and "Saloum delta" in page
    assert "Mangrove proposal" not in page and "Mangrove hidden" not in page


def test_hiding_takes_an_opportunity_off_the_map_and_out_of_the_search(located):
    assert found_titles(search(None, q="Saloum")) == ["Mangrove week"]
    located.hidden_at = datetime.datetime.now(datetime.UTC)
    located.save()
    data = geojson_of(client_for(None).get("/map/geojson", {"zoom": 10, "type": "opportunity"}))
    assert data["total"] == 0
    assert found_titles(search(None, q="Saloum")) == []
    assert listed() == ["Mangrove nowhere"]


# The search --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_search_finds_published_resources_and_opportunities_only(cast, located, member, who):
    make_resource(title="Mangrove atlas", languages=["fr"]).goals.set(
        Goal.objects.filter(number=14)
    )
    make_resource(member, title="Mangrove atlas draft", status=Status.PROPOSED)
    make_resource(title="Mangrove atlas hidden", hidden_at=datetime.datetime.now(datetime.UTC))
    response = search(cast[who], q="mangrove")
    assert sorted(found_titles(response)) == ["Mangrove atlas", "Mangrove nowhere", "Mangrove week"]
    assert facet(response, "type") == {"resource": 1, "opportunity": 2}
    assert found_titles(search(cast[who], q="mangrove", type="resource")) == ["Mangrove atlas"]
    assert found_titles(search(cast[who], q="Saloum", type="opportunity")) == ["Mangrove week"]


def test_the_index_follows_the_curators_decision(curator, member):
    client_for(member).post(
        reverse("campus:propose"),
        {
            "title": "Pollinator counting app",
            "type": "tool",
            "summary": "Count bees with pupils.",
            "link": "https://example.org/bees",
            "licence": "open-source",
            "cost": "free",
        },
    )
    assert found_titles(search(None, q="pollinator")) == []
    resource = Resource.objects.get()
    url = reverse("campus:decide", args=["resource", resource.pk])
    client_for(curator).post(url, {"decision": "publish"})
    assert found_titles(search(None, q="pollinator")) == ["Pollinator counting app"]
