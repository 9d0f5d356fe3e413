"""Events and festivals in the JSON API: public events only, times in UTC and in the event's
zone, places left, and the online link only for organisers and confirmed registrants."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import client_for, make_user
from planet.apikeys.models import PersonalToken
from planet.events.models import EventStatus, FestivalReview, RegistrationStatus
from planet.events.tests.factories import add_to_festival, make_event, make_festival, register

pytestmark = pytest.mark.django_db
URL = "/api/v1/events/"
LINK = "https://meet.example.org/repair"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries)


def hidden(event):
    event.hidden_at = timezone.now()
    event.save()
    return event


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
def test_drafts_and_hidden_events_never_appear(viewer, cast, org_admin):
    make_event(org_admin, title="Repair cafe")
    make_event(org_admin, title="Draft workshop", status=EventStatus.DRAFT)
    hidden(make_event(org_admin, title="Hidden talk"))
    make_event(org_admin, title="Called off", status=EventStatus.CANCELLED)
    client = client_for(cast[viewer])

    assert slugs(client.get(URL)) == ["repair-cafe", "called-off"]
    assert client.get(URL + "called-off").json()["status"] == "cancelled"
    for slug in ("draft-workshop", "hidden-talk"):
        assert client.get(URL + slug).status_code == 404


def test_an_event_has_its_times_in_utc_and_in_its_zone_and_its_places_left(organisation):
    event = make_event(organisation=organisation, capacity=10)
    event.goals.set([4])
    for n in range(3):
        register(event, make_user(f"p{n}@example.org"))
    register(event, make_user("late@example.org"), RegistrationStatus.WAITING)

    data = client_for(None).get(URL + event.slug).json()

    assert data["timezone"] == "America/New_York"
    assert data["starts_at"]["local"].endswith(("-05:00", "-04:00"))
    assert data["starts_at"]["timezone"] == "America/New_York"
    assert data["capacity"] == 10
    assert data["places_left"] == 7
    assert data["place"]["latitude"] == pytest.approx(40.6724)
    assert data["organiser"]["slug"] == organisation.slug
    assert data["goals"][0]["uri"] == "http://metadata.un.org/sdg/4"
    assert data["registration_open"] is True


@pytest.fixture
def online_event(org_admin, organisation):
    return make_event(organisation=organisation, format="online", online_url=LINK)


def link_seen_by(client, event, **headers):
    detail = client.get(URL + event.slug, **headers).json()["online_url"]
    listed = client.get(URL, **headers).json()["results"][0]["online_url"]
    assert detail == listed
    return detail


@pytest.mark.parametrize("viewer", ["anonymous", "outsider", "member"])
def test_the_online_link_is_not_for_everybody(viewer, cast, online_event):
    assert link_seen_by(client_for(cast[viewer]), online_event) is None


@pytest.mark.parametrize("viewer", ["org_admin", "editor", "curator"])
def test_organisers_read_the_online_link(viewer, cast, online_event):
    assert link_seen_by(client_for(cast[viewer]), online_event) == LINK


def test_a_confirmed_registrant_reads_the_link_a_waiting_one_does_not(online_event, outsider):
    waiting = make_user("waiting@example.org")
    register(online_event, outsider)
    register(online_event, waiting, RegistrationStatus.WAITING)

    assert link_seen_by(client_for(outsider), online_event) == LINK
    assert link_seen_by(client_for(waiting), online_event) is None


def test_the_link_follows_the_tokens_owner_not_another_user(online_event, outsider):
    register(online_event, outsider)
    _token, mine = PersonalToken.issue(outsider, name="calendar")
    _token, theirs = PersonalToken.issue(make_user("other@example.org"), name="other")
    client = client_for(None)

    assert link_seen_by(client, online_event, HTTP_AUTHORIZATION=f"Bearer {mine}") == LINK
    assert link_seen_by(client, online_event, HTTP_AUTHORIZATION=f"Bearer {theirs}") is None


def test_filters_mirror_the_list_page():
    make_event(title="Talk in Dakar", kind="talk", country="SN", languages=["fr"])
    make_event(title="Online hackathon", kind="hackathon", format="online", online_url=LINK)
    past = timezone.now() - timedelta(days=30)
    make_event(title="Last year", starts_at=past, ends_at=past + timedelta(hours=2))
    client = client_for(None)

    assert slugs(client.get(URL + "?kind=talk")) == ["talk-in-dakar"]
    assert slugs(client.get(URL + "?format=online")) == ["online-hackathon"]
    assert slugs(client.get(URL + "?country=SN&language=fr")) == ["talk-in-dakar"]
    assert slugs(client.get(URL + "?when=past")) == ["last-year"]


def test_an_unknown_festival_or_kind_is_a_422_naming_the_field():
    client = client_for(None)

    for query, field in (("festival=nope", "festival"), ("kind=party", "kind")):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 422
        assert field in response.json()["error"]["fields"]


def test_an_unknown_slug_is_a_404_in_the_error_shape():
    response = client_for(None).get(URL + "nothing-here")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_festival_lists_its_approved_public_events_only(org_admin):
    festival = make_festival()
    add_to_festival(make_event(org_admin, title="Approved"), festival)
    add_to_festival(make_event(org_admin, title="Proposed"), festival, FestivalReview.PROPOSED)
    add_to_festival(make_event(org_admin, title="Declined"), festival, FestivalReview.DECLINED)
    draft = make_event(org_admin, title="Draft", status=EventStatus.DRAFT)
    add_to_festival(draft, festival)
    add_to_festival(hidden(make_event(org_admin, title="Hidden")), festival)
    client = client_for(org_admin)

    assert client.get(f"/api/v1/festivals/{festival.slug}").json()["name"] == festival.name
    assert slugs(client.get(f"/api/v1/festivals/{festival.slug}/events")) == ["approved"]
    assert slugs(client.get(f"{URL}?festival={festival.slug}")) == ["approved"]
    assert client.get(URL + "approved").json()["festival"] == festival.slug
    assert client.get(URL + "proposed").json()["festival"] is None


def test_an_unknown_festival_is_a_404():
    response = client_for(None).get("/api/v1/festivals/no-such-edition/events")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("viewer", ["anonymous", "outsider"])
def test_lists_cost_the_same_whatever_the_page_size(viewer, cast, organisation):
    festival = make_festival()
    for n in range(30):
        event = make_event(title=f"Event {n}", organisation=organisation, capacity=20)
        event.goals.set([n % 17 + 1])
        add_to_festival(event, festival)
        register(event, make_user(f"r{n}@example.org"))
    client = client_for(cast[viewer])

    for url in (URL, f"/api/v1/festivals/{festival.slug}/events"):
        assert len(client.get(url + "?limit=30").json()["results"]) == 30
        assert queries_for(client, url + "?limit=5") == queries_for(client, url + "?limit=30")
