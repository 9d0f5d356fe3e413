"""The audit log: readable by curators and site admins, and never changed or removed."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import client_for, make_user
from planet.moderation.models import AuditLog

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "outsider", "member", "editor", "org_admin", "curator", "site_admin"]


@pytest.fixture
def reviewer(db):
    return make_user("reviewer@example.org", "Rui Reviewer")


@pytest.fixture
def entry(site_admin, reviewer):
    reviewer.set_curator(True, by=site_admin, reason="Reviews the festival entries")
    return AuditLog.objects.get()


@pytest.mark.parametrize("who", CAST)
def test_curators_and_site_admins_read_the_audit_log(cast, entry, who):
    response = client_for(cast[who]).get("/moderation/audit/")
    expected = {"anonymous": 302, "curator": 200, "site_admin": 200}.get(who, 403)
    assert response.status_code == expected
    if expected == 200:
        page = response.content.decode()
        assert "curator.granted" in page
        assert "Reviews the festival entries" in page
        assert "Sam Siteadmin" in page
    if who == "anonymous":
        assert response["Location"] == "/accounts/login/?next=/moderation/audit/"


def test_the_audit_log_filters_by_action(curator, entry, reviewer, site_admin):
    reviewer.set_curator(False, by=site_admin, reason="Stepped down")
    client = client_for(curator)
    page = client.get("/moderation/audit/?action=curator.removed").content.decode()
    assert "Stepped down" in page and "Reviews the festival entries" not in page
    page = client.get("/moderation/audit/").content.decode()
    assert "Stepped down" in page and "Reviews the festival entries" in page
    assert client.get("/moderation/audit/?page=999").status_code == 200


def test_the_audit_log_is_append_only(entry):
    entry.reason = "Rewritten history"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditLog.objects.filter(pk=entry.pk).update(reason="Rewritten")
    with pytest.raises(PermissionDenied):
        AuditLog.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AuditLog.objects.bulk_update([entry], ["reason"])
    entry.refresh_from_db()
    assert entry.reason == "Reviews the festival entries"
    assert AuditLog.objects.count() == 1
