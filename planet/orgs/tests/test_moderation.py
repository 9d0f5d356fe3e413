"""Organisations can be reported by any signed-in member and hidden by the curators: a hidden
organisation leaves the directory, its page, the search and the home page's partners for
everybody but the curators and its own admins, who see it with the moderators' note."""

import pytest

from conftest import client_for, make_organisation
from planet.moderation import registry
from planet.moderation.models import Flag
from planet.moderation.tests.helpers import act
from planet.orgs.models import Membership, Role

pytestmark = pytest.mark.django_db

NOTE = "Advertises a pyramid scheme."
OTHERS = ["anonymous", "outsider", "member", "editor"]


def flag_url(organisation) -> str:
    return f"/moderation/flag/organisation/{organisation.pk}/"


@pytest.fixture
def hidden(organisation, curator):
    make_organisation("Gardens Network", kind="network")  # stays visible
    assert act(curator, "organisation", organisation.pk, "hide", NOTE).status_code == 302
    organisation.refresh_from_db()
    return organisation


# Reporting -------------------------------------------------------------------------------


def test_a_member_reports_an_organisation(outsider, organisation):
    response = client_for(outsider).post(flag_url(organisation), {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert Flag.objects.get().content_object == organisation


def test_its_admin_cannot_report_it_nor_sees_the_link(org_admin, outsider, organisation):
    response = client_for(org_admin).post(flag_url(organisation), {"reason": "spam"})
    assert response.status_code == 400
    assert not Flag.objects.exists()
    link = f'href="{flag_url(organisation)}"'
    assert link not in client_for(org_admin).get(organisation.get_absolute_url()).content.decode()
    assert link in client_for(outsider).get(organisation.get_absolute_url()).content.decode()
    assert link not in client_for(None).get(organisation.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_asked_to_sign_in(organisation):
    response = client_for(None).post(flag_url(organisation), {"reason": "spam"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Flag.objects.exists()


def test_the_owner_is_the_first_admin_or_nobody(org_admin, outsider, organisation):
    Membership.objects.create(organisation=organisation, user=outsider, role=Role.ADMIN)
    assert registry.owner_of(organisation) == org_admin
    assert registry.owner_of(make_organisation("Nobody's club")) is None


def test_a_hidden_organisation_cannot_be_reported(outsider, hidden):
    response = client_for(outsider).post(flag_url(hidden), {"reason": "spam"})
    assert response.status_code == 404


# Hiding ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", OTHERS)
def test_a_hidden_organisation_leaves_the_directory_and_its_page(cast, hidden, who):
    client = client_for(cast[who])
    page = client.get("/orgs/").content.decode()
    assert "Gardens Network" in page and "Lycée Planète" not in page
    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["org_admin", "curator", "site_admin"])
def test_its_admins_and_the_curators_still_see_it_with_the_note(cast, hidden, who):
    client = client_for(cast[who])
    assert "Lycée Planète" in client.get("/orgs/").content.decode()
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hidden by the moderators." in page and NOTE in page


def test_the_note_is_not_shown_on_a_visible_organisation(org_admin, organisation):
    page = client_for(org_admin).get(organisation.get_absolute_url()).content.decode()
    assert "Hidden by the moderators." not in page


def test_its_editor_may_no_longer_edit_it_but_its_admin_may(editor, org_admin, hidden):
    assert client_for(editor).get(f"/orgs/{hidden.slug}/edit/").status_code == 404
    assert client_for(org_admin).get(f"/orgs/{hidden.slug}/edit/").status_code == 200


def test_a_member_may_still_leave_a_hidden_organisation(member, hidden):
    response = client_for(member).post(f"/orgs/{hidden.slug}/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=member, organisation=hidden).exists()


def test_a_hidden_partner_leaves_the_home_page(organisation, curator):
    organisation.is_partner = True
    organisation.save()
    assert "Lycée Planète" in client_for(None).get("/").content.decode()
    act(curator, "organisation", organisation.pk, "hide", NOTE)
    assert "Lycée Planète" not in client_for(None).get("/").content.decode()


@pytest.mark.parametrize("who", OTHERS + ["org_admin", "curator"])
def test_a_hidden_organisation_leaves_the_search(cast, org_admin, curator, who):
    rivers = make_organisation("Rivers Academy", admin=org_admin)
    make_organisation("Gardens Academy")
    act(curator, "organisation", rivers.pk, "hide", NOTE)
    results = client_for(cast[who]).get("/search/", {"q": "academy"}).content.decode()
    assert "Gardens Academy" in results and "Rivers Academy" not in results


def test_a_restored_organisation_comes_back_everywhere(outsider, curator, hidden):
    act(curator, "organisation", hidden.pk, "restore", "A misunderstanding.")
    client = client_for(outsider)
    assert client.get(hidden.get_absolute_url()).status_code == 200
    assert "Lycée Planète" in client.get("/orgs/").content.decode()
    assert "Lycée Planète" in client.get("/search/", {"q": "lycée"}).content.decode()
