"""Festival pages: /festival/ shows the current or next edition and links past ones; curators
create editions and edit them with the edition's own festival curators."""

import datetime

import pytest
import time_machine

from conftest import client_for, make_user
from planet.events.models import Festival
from planet.events.tests.factories import add_to_festival, make_event, make_festival
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db


def edition_form(**overrides) -> dict:
    data = {
        "name": "Festival of Learning 2028",
        "summary": "Nine days of local events.",
        "description": "## Join us\n\nEverywhere.",
        "starts_on": "2028-01-20",
        "ends_on": "2028-01-28",
        "proposals_open": "on",
        "curator_emails": "",
    }
    return data | overrides


# /festival/ and the edition pages ----------------------------------------------------------


def test_the_festival_home_is_friendly_when_no_edition_exists(db):
    response = client_for(None).get("/festival/")
    assert response.status_code == 200
    assert "No edition of the Festival is announced yet" in response.content.decode()


def test_only_curators_see_the_link_to_create_an_edition(curator, outsider):
    assert "/festival/new/" in client_for(curator).get("/festival/").content.decode()
    assert "/festival/new/" not in client_for(outsider).get("/festival/").content.decode()


@time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC))
def test_the_home_shows_the_next_edition_and_links_past_ones(db):
    past = make_festival("Festival 2026", starts_on=datetime.date(2026, 1, 20),
                         ends_on=datetime.date(2026, 1, 28))  # fmt: skip
    upcoming = make_festival("Festival 2027")
    response = client_for(None).get("/festival/")
    assert response.context["festival"] == upcoming
    page = response.content.decode()
    assert "<h1>Festival 2027</h1>" in page and "Upcoming edition" in page
    assert past.get_absolute_url() in page
    assert upcoming.get_absolute_url() + "propose/" in page
    assert "/events/calendar/festival/festival-2027.ics" in page


@time_machine.travel(datetime.datetime(2027, 1, 22, 12, tzinfo=datetime.UTC))
def test_the_home_shows_the_running_edition(db):
    make_festival("Festival 2027")
    make_festival("Festival 2028", starts_on=datetime.date(2028, 1, 20),
                  ends_on=datetime.date(2028, 1, 28))  # fmt: skip
    response = client_for(None).get("/festival/")
    assert response.context["festival"].name == "Festival 2027"
    assert "Happening now" in response.content.decode()


@time_machine.travel(datetime.datetime(2027, 6, 1, 12, tzinfo=datetime.UTC))
def test_after_the_last_edition_the_home_shows_it_as_past_without_proposals(db):
    make_festival("Festival 2027")
    page = client_for(None).get("/festival/").content.decode()
    assert "Past edition" in page and "The next edition is not announced yet" in page
    assert "Propose a local event" not in page


def test_an_edition_page_shows_name_dates_description_and_its_programme(db):
    festival = make_festival(description="## Welcome\n\nCome <script>x</script>.")
    add_to_festival(make_event(title="Repair café"), festival)
    response = client_for(None).get(festival.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Festival of Learning 2027" in page and 'datetime="2027-01-20"' in page
    assert "<h2>Welcome</h2>" in page and "<script>x" not in page
    assert "Repair café" in page
    assert 'data-points="festival-points"' in page and "40.6724" in page  # the map


def test_an_unknown_edition_is_404(db):
    assert client_for(None).get("/festival/no-such-edition/").status_code == 404


def test_the_main_navigation_links_the_festival(db):
    assert 'href="/festival/"' in client_for(None).get("/festival/").content.decode()


# Creating an edition -----------------------------------------------------------------------


def test_a_curator_creates_an_edition_with_its_festival_curators(curator, outsider):
    form_page = client_for(curator).get("/festival/new/")
    assert form_page.status_code == 200 and 'name="curator_emails"' in form_page.content.decode()
    data = edition_form(curator_emails=f"{outsider.email.upper()}, \n curator@example.org")
    response = client_for(curator).post("/festival/new/", data)
    festival = Festival.objects.get()
    assert response.status_code == 302 and response["Location"] == festival.get_absolute_url()
    assert festival.slug == "festival-of-learning-2028" and festival.proposals_open
    assert festival.created_by == curator
    assert set(festival.curators.all()) == {outsider, curator}
    assert festival.is_curated_by(outsider)
    assert AuditLog.objects.filter(action="festival.create", target_id=str(festival.pk)).exists()


@pytest.mark.parametrize("viewer", ["outsider", "member", "org_admin"])
def test_others_may_not_create_an_edition(cast, viewer):
    client = client_for(cast[viewer])
    assert client.get("/festival/new/").status_code == 403
    assert client.post("/festival/new/", edition_form()).status_code == 403
    assert not Festival.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(db):
    response = client_for(None).get("/festival/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": "2028-01-19"}, "ends_on", "The last day cannot come before the first day."),
        ({"curator_emails": "nobody@example.org"}, "curator_emails", "nobody@example.org"),
        ({"curator_emails": "not an address"}, "curator_emails", "is not an e-mail address"),
        ({"name": "   "}, "name", ""),
        ({"starts_on": "2028-02-30"}, "starts_on", ""),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(curator, overrides, field, message):
    response = client_for(curator).post("/festival/new/", edition_form(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not Festival.objects.exists()


def test_a_single_day_edition_is_allowed(curator):
    data = edition_form(starts_on="2028-01-24", ends_on="2028-01-24")
    assert client_for(curator).post("/festival/new/", data).status_code == 302


# Editing an edition ------------------------------------------------------------------------


@pytest.fixture
def edition(outsider):
    festival = make_festival()
    festival.curators.add(outsider)  # a festival curator who is not a site curator
    return festival


@pytest.mark.parametrize("viewer", ["curator", "outsider"])
def test_site_and_festival_curators_edit_an_edition(edition, cast, viewer):
    client = client_for(cast[viewer])
    url = f"/festival/{edition.slug}/edit/"
    form_page = client.get(url)
    assert form_page.status_code == 200 and "outsider@example.org" in form_page.content.decode()
    data = edition_form(name="Festival 2027, renamed", starts_on="2027-01-20",
                        ends_on="2027-01-29", curator_emails="outsider@example.org")  # fmt: skip
    data.pop("proposals_open")
    assert client.post(url, data).status_code == 302
    edition.refresh_from_db()
    assert edition.name == "Festival 2027, renamed" and not edition.proposals_open
    assert edition.slug == "festival-of-learning-2027"  # stable address
    assert edition.ends_on == datetime.date(2027, 1, 29)


@pytest.mark.parametrize("viewer", ["member", "editor", "org_admin"])
def test_others_may_not_edit_an_edition(edition, cast, viewer):
    client = client_for(cast[viewer])
    url = f"/festival/{edition.slug}/edit/"
    assert client.get(url).status_code == 403
    assert client.post(url, edition_form(name="Hijacked")).status_code == 403
    edition.refresh_from_db()
    assert edition.name == "Festival of Learning 2027"


def test_editing_can_remove_festival_curators(edition, curator, outsider):
    data = edition_form(starts_on="2027-01-20", ends_on="2027-01-28", curator_emails="")
    client_for(curator).post(f"/festival/{edition.slug}/edit/", data)
    assert not edition.curators.exists()
    assert client_for(outsider).get(f"/festival/{edition.slug}/edit/").status_code == 403


def test_an_edit_with_bad_dates_changes_nothing(edition, curator, outsider):
    make_user("late@example.org")
    data = edition_form(name="Changed", starts_on="2027-01-28", ends_on="2027-01-20",
                        curator_emails="late@example.org")  # fmt: skip
    response = client_for(curator).post(f"/festival/{edition.slug}/edit/", data)
    assert response.status_code == 400
    edition.refresh_from_db()
    assert edition.name == "Festival of Learning 2027"
    assert list(edition.curators.all()) == [outsider]
