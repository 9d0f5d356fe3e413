"""Site admins grant and remove the curator role; every change is in the audit log."""

import pytest

from conftest import client_for, make_user
from planet.accounts.models import User
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.mark.parametrize("who", CAST)
def test_only_site_admins_reach_the_curators_page(cast, who):
    response = client_for(cast[who]).get("/moderation/curators/")
    expected = {"anonymous": 302, "site_admin": 200}.get(who, 403)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"] == "/accounts/login/?next=/moderation/curators/"


@pytest.mark.parametrize("who", CAST)
def test_only_site_admins_change_roles(cast, outsider, who):
    response = client_for(cast[who]).post(
        "/moderation/curators/",
        {"email": "outsider@example.org", "reason": "Trusted", "change": "grant"},
    )
    outsider.refresh_from_db()
    if who == "site_admin":
        assert response.status_code == 302
        assert outsider.is_curator
    else:
        assert response.status_code in (302, 403)
        assert not outsider.is_curator
        assert not AuditLog.objects.exists()


def test_granting_then_removing_the_role(site_admin, member):
    client = client_for(site_admin)
    response = client.post(
        "/moderation/curators/",
        {
            "email": "MEMBER@school.example.org",
            "reason": "  Runs the 2027 festival  ",
            "change": "grant",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/moderation/curators/"
    member.refresh_from_db()
    assert member.site_role == User.SiteRole.CURATOR
    assert member.is_staff and member.is_curator and not member.is_superuser
    entry = AuditLog.objects.get()
    assert entry.actor == site_admin
    assert entry.actor_label == f"Sam Siteadmin (#{site_admin.pk})"
    assert entry.action == "curator.granted"
    assert (entry.target_type, entry.target_id) == ("accounts.user", str(member.pk))
    assert entry.reason == "Runs the 2027 festival"
    page = client.get("/moderation/curators/").content.decode()
    assert "Mia Member" in page and "is now a curator." in page

    response = client.post(
        "/moderation/curators/",
        {"email": "member@school.example.org", "reason": "Festival over", "change": "remove"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.site_role == User.SiteRole.MEMBER
    assert not member.is_staff and not member.is_curator
    latest = AuditLog.objects.first()
    assert (latest.action, latest.reason, latest.actor) == (
        "curator.removed",
        "Festival over",
        site_admin,
    )
    assert AuditLog.objects.count() == 2
    assert "is no longer a curator." in client.get("/moderation/curators/").content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"email": "nobody@example.org", "reason": "Trusted"},
            "No member has this e-mail address.",
        ),
        ({"email": "member@school.example.org", "reason": ""}, "This field is required."),
        ({"email": "member@school.example.org", "reason": "   "}, "This field is required."),
        ({"email": "not-an-address", "reason": "Trusted"}, "Enter a valid email address."),
        ({"email": "curator@example.org", "reason": "Again"}, "already a curator"),
        (
            {"email": "member@school.example.org", "reason": "Why not", "change": "remove"},
            "This member is not a curator.",
        ),
        ({"email": "gone@example.org", "reason": "Trusted"}, "No member has this e-mail address."),
    ],
)
def test_bad_input_changes_nothing(site_admin, member, curator, data, message):
    make_user("gone@example.org", is_active=False)
    response = client_for(site_admin).post("/moderation/curators/", {"change": "grant"} | data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert set(User.objects.filter(site_role="curator").values_list("email", flat=True)) == {
        "curator@example.org"
    }
    assert not User.objects.filter(is_staff=True, is_superuser=False).exclude(pk=curator.pk)
    assert not AuditLog.objects.exists()
