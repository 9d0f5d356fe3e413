"""Roles, removals and leaving: an organisation always keeps an admin; changes are audited."""

import pytest

from conftest import client_for
from planet.moderation.models import AuditLog
from planet.orgs.models import Membership, Organisation, Role
from planet.orgs.tests.helpers import snapshot

pytestmark = pytest.mark.django_db


def _seat(user):
    return Membership.objects.get(user=user)


def test_the_last_admin_cannot_leave(organisation, org_admin, member):
    before = snapshot()
    response = client_for(org_admin).post(f"/orgs/{organisation.slug}/leave/", follow=True)
    assert "at least one admin" in response.content.decode()
    assert snapshot() == before


def test_the_last_admin_cannot_be_demoted(organisation, org_admin, site_admin):
    url = f"/orgs/{organisation.slug}/members/{_seat(org_admin).pk}/role/"
    for actor in (org_admin, site_admin):
        before = snapshot()
        response = client_for(actor).post(url, {"role": "editor"}, follow=True)
        assert "at least one admin" in response.content.decode()
        assert snapshot() == before
    assert _seat(org_admin).role == Role.ADMIN
    assert not AuditLog.objects.filter(action="org.member_role_changed").exists()


def test_the_last_admin_cannot_be_removed(organisation, org_admin, site_admin):
    url = f"/orgs/{organisation.slug}/members/{_seat(org_admin).pk}/remove/"
    for actor in (org_admin, site_admin):
        before = snapshot()
        response = client_for(actor).post(url, follow=True)
        assert "at least one admin" in response.content.decode()
        assert snapshot() == before


def test_with_a_second_admin_the_first_may_step_down(organisation, org_admin, editor):
    client = client_for(org_admin)
    client.post(f"/orgs/{organisation.slug}/members/{_seat(editor).pk}/role/", {"role": "admin"})
    client.post(
        f"/orgs/{organisation.slug}/members/{_seat(org_admin).pk}/role/", {"role": "member"}
    )
    assert _seat(editor).role == Role.ADMIN
    assert _seat(org_admin).role == Role.MEMBER


def test_role_changes_and_removals_are_audited(organisation, org_admin, member, editor):
    client = client_for(org_admin)
    client.post(f"/orgs/{organisation.slug}/members/{_seat(member).pk}/role/", {"role": "editor"})
    client.post(f"/orgs/{organisation.slug}/members/{_seat(editor).pk}/remove/")
    changed = AuditLog.objects.get(action="org.member_role_changed")
    assert changed.actor == org_admin
    assert changed.target_id == str(organisation.pk)
    assert changed.details == {
        "member_id": member.pk,
        "member": "Mia Member",
        "old": "member",
        "new": "editor",
    }
    removed = AuditLog.objects.get(action="org.member_removed")
    assert removed.details["member_id"] == editor.pk and removed.details["role"] == "editor"


def test_leaving_is_audited(organisation, member):
    response = client_for(member).post(f"/orgs/{organisation.slug}/leave/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=member).exists()
    assert AuditLog.objects.get(action="org.member_left").actor == member


def test_a_bad_role_changes_nothing(organisation, org_admin, member):
    url = f"/orgs/{organisation.slug}/members/{_seat(member).pk}/role/"
    response = client_for(org_admin).post(url, {"role": "owner"}, follow=True)
    assert "Pick one of the roles" in response.content.decode()
    assert _seat(member).role == Role.MEMBER


def test_deleting_needs_the_name_and_is_audited(organisation, org_admin):
    client = client_for(org_admin)
    url = f"/orgs/{organisation.slug}/delete/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"confirm_name": "Something else"})
    assert response.status_code == 400
    assert "not the organisation" in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    response = client.post(url, {"confirm_name": "  lycée planète "})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    assert not Membership.objects.exists()
    entry = AuditLog.objects.get(action="org.deleted")
    assert entry.target_label == "Lycée Planète" and entry.actor == org_admin


def test_a_site_admin_manages_people_without_being_a_member(
    organisation, site_admin, member, django_capture_on_commit_callbacks
):
    client = client_for(site_admin)
    assert client.get(f"/orgs/{organisation.slug}/members/").status_code == 200
    client.post(f"/orgs/{organisation.slug}/members/{_seat(member).pk}/role/", {"role": "admin"})
    assert _seat(member).role == Role.ADMIN
    assert not Membership.objects.filter(user=site_admin).exists()


def test_my_organisations_lists_memberships_with_their_role(organisation, editor):
    other = Organisation.objects.create(name="Zebra Youth", kind="youth_movement")
    Membership.objects.create(organisation=other, user=editor, role=Role.ADMIN)
    page = client_for(editor).get("/orgs/mine/").content.decode()
    assert "Lycée Planète" in page and "Zebra Youth" in page
    assert "Editor" in page and "Admin" in page
    assert "/orgs/new/" in page


def test_my_organisations_requires_login(client):
    response = client.get("/orgs/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_outsider_sees_no_organisation_of_others_in_mine(organisation, outsider):
    page = client_for(outsider).get("/orgs/mine/").content.decode()
    assert "Lycée Planète" not in page
