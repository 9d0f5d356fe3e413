"""Curators work in the admin with the rights that follow from their role, nothing more."""

import pytest

from conftest import client_for
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(site_admin, outsider):
    outsider.set_curator(True, by=site_admin, reason="Reviews the festival entries")
    return AuditLog.objects.get()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/moderation/auditlog/",
        "/admin/accounts/user/",
        "/admin/accounts/profile/",
    ],
)
def test_curators_view_the_admin(curator, entry, url):
    assert client_for(curator).get(url).status_code == 200


def test_curators_view_the_organisations_in_the_admin(curator, organisation):
    response = client_for(curator).get("/admin/orgs/organisation/")
    assert response.status_code == 200
    assert "Lycée Planète" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/accounts/user/add/", "/admin/moderation/auditlog/add/"])
def test_curators_cannot_add_users_or_audit_entries(curator, url):
    assert client_for(curator).get(url).status_code == 403


def test_nobody_changes_or_deletes_audit_entries_in_the_admin(site_admin, entry):
    client = client_for(site_admin)
    url = f"/admin/moderation/auditlog/{entry.pk}/change/"
    response = client.get(url)
    assert response.status_code == 200  # shown read-only
    assert 'name="_save"' not in response.content.decode()
    client.post(url, {"reason": "Rewritten"})
    assert client.get(f"/admin/moderation/auditlog/{entry.pk}/delete/").status_code == 403
    entry.refresh_from_db()
    assert entry.reason == "Reviews the festival entries"


def test_curators_cannot_change_site_roles_in_the_admin(curator, member):
    client = client_for(curator)
    response = client.post(
        f"/admin/accounts/user/{member.pk}/change/",
        {"email": member.email, "is_active": "on", "site_role": "curator", "is_superuser": "on"},
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.is_curator and not member.is_superuser


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "editor", "org_admin"])
def test_others_are_sent_to_the_admin_login(cast, who):
    response = client_for(cast[who]).get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_a_profile_cannot_be_moved_to_another_person_in_the_admin(curator, member):
    response = client_for(curator).get(f"/admin/accounts/profile/{member.profile.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="display_name"' in page  # curators may correct a profile
    assert 'name="user"' not in page
    assert client_for(curator).get("/admin/accounts/profile/add/").status_code == 403
