"""The Django admin of organisations, memberships and invitations."""

import pytest

from conftest import client_for
from planet.moderation.models import AuditLog
from planet.orgs.models import Invitation, Membership, Role

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open_and_never_show_the_token_hash(organisation, org_admin, site_admin):
    invitation, token = Invitation.issue(organisation, "x@example.org", Role.MEMBER, org_admin)
    client = client_for(site_admin)
    seat = Membership.objects.get(user=org_admin)
    for url in (
        "/admin/orgs/organisation/?kind__exact=school&is_partner__exact=0&q=lyc",
        f"/admin/orgs/organisation/{organisation.pk}/change/",
        "/admin/orgs/organisation/add/",
        "/admin/orgs/membership/",
        f"/admin/orgs/membership/{seat.pk}/change/",
        "/admin/orgs/invitation/",
        f"/admin/orgs/invitation/{invitation.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert invitation.token_hash not in page and token not in page
        assert 'name="token_hash"' not in page
    assert "Lycée Planète" in client.get("/admin/orgs/organisation/?q=lyc").content.decode()
    assert client.get("/admin/orgs/invitation/add/").status_code == 403


def test_a_role_change_in_the_admin_is_audited(organisation, member, site_admin):
    seat = Membership.objects.get(user=member)
    response = client_for(site_admin).post(
        f"/admin/orgs/membership/{seat.pk}/change/",
        {"user": member.pk, "organisation": organisation.pk, "role": "editor"},
    )
    assert response.status_code == 302
    entry = AuditLog.objects.get(action="org.member_role_changed")
    assert entry.details["old"] == "member" and entry.details["new"] == "editor"
