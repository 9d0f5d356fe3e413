"""Deleting one's account: the password is asked, personal data goes, shared content stays."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile

from conftest import PASSWORD, client_for, make_image, make_organisation, make_user
from planet.accounts.models import Profile, User
from planet.moderation.models import AuditLog
from planet.orgs.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def test_deletion_requires_login(client):
    response = client.get("/accounts/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/delete/"


@pytest.mark.parametrize("password", ["", "wrong-password", PASSWORD.upper()])
def test_a_wrong_password_is_refused(member, password):
    client = client_for(member)
    assert client.get("/accounts/delete/").status_code == 200
    response = client.post("/accounts/delete/", {"password": password})
    assert response.status_code == 400
    assert User.objects.filter(pk=member.pk).exists()
    assert client.session["_auth_user_id"] == str(member.pk)


def test_the_right_password_deletes_everything_personal(
    member, organisation, django_capture_on_commit_callbacks
):
    created = make_organisation("Rivers Network", kind="network", created_by=member)
    profile = member.profile
    profile.avatar.save("me.webp", ContentFile(make_image("WEBP")), save=True)
    avatar, storage = profile.avatar.name, profile.avatar.storage
    Authenticator.objects.create(user=member, type=Authenticator.Type.TOTP, data={})
    client = client_for(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert "Your account is deleted." in client.get("/").content.decode()
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not EmailAddress.objects.filter(email="member@school.example.org").exists()
    assert not Authenticator.objects.filter(user_id=member.pk).exists()
    assert not Membership.objects.filter(user_id=member.pk).exists()
    assert not storage.exists(avatar)
    # what they shared stays; the organisation they belong to keeps its admin
    created.refresh_from_db()
    assert created.created_by is None
    assert client.get(created.get_absolute_url()).status_code == 200
    assert organisation.memberships.filter(role=Role.ADMIN).count() == 1
    assert client.get(f"/people/{profile.handle}/").status_code == 404
    # the address is free again
    make_user("member@school.example.org")


def test_the_only_admin_of_an_organisation_is_refused(org_admin, organisation):
    other = make_organisation("Écoles du Fleuve", admin=org_admin)
    client = client_for(org_admin)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You are the only admin of" in page
    assert "Lycée Planète" in page and "Écoles du Fleuve" in page
    assert User.objects.filter(pk=org_admin.pk).exists()
    assert Organisation.objects.filter(pk__in=[organisation.pk, other.pk]).count() == 2

    # once another member is admin too, the account can go
    Membership.objects.filter(organisation=organisation).exclude(user=org_admin).delete()
    second = make_user("second@example.org")
    Membership.objects.create(organisation=organisation, user=second, role=Role.ADMIN)
    Membership.objects.create(organisation=other, user=second, role=Role.ADMIN)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=org_admin.pk).exists()
    assert list(organisation.memberships.values_list("user", flat=True)) == [second.pk]


def test_the_audit_log_keeps_what_a_deleted_curator_did(curator, member):
    member.set_curator(True, by=curator, reason="Active reviewer")
    client_for(curator).post("/accounts/delete/", {"password": PASSWORD})
    assert not User.objects.filter(pk=curator.pk).exists()
    entry = AuditLog.objects.get()
    assert entry.actor is None
    assert entry.actor_label == f"Cora Curator (#{curator.pk})"
    assert entry.reason == "Active reviewer"
