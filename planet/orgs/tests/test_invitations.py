"""Invitations: from the admin's form to the e-mail, the link, accepting or declining."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from conftest import client_for, make_user
from planet.moderation.models import AuditLog
from planet.orgs.models import Invitation, Membership, Role
from planet.orgs.tests.helpers import snapshot, token_from_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitee(db):
    return make_user("ines@example.org", "Ines Invitee")


@pytest.fixture
def send_invitation(organisation, org_admin, django_capture_on_commit_callbacks):
    def send(email="ines@example.org", role="editor"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(org_admin).post(
                f"/orgs/{organisation.slug}/members/", {"email": email, "role": role}
            )
        assert response.status_code == 302
        return token_from_outbox(email)

    return send


def test_an_invited_person_accepts_and_joins_with_the_role(
    organisation, org_admin, invitee, send_invitation, settings
):
    token = send_invitation(email="Ines@Example.org", role="editor")
    message = mail.outbox[-1]
    assert message.to == ["ines@example.org"]
    assert f"{settings.SITE_URL}/orgs/invitations/{token}/" in message.body
    assert organisation.name in message.subject and organisation.name in message.body
    assert "Ada Admin" in message.body and "Editor" in message.body
    invitation = Invitation.objects.get()
    assert str(invitation.expires_at.year) in message.body
    assert token not in str(Invitation.objects.values_list()) and invitation.token_hash != token
    assert AuditLog.objects.filter(action="org.invitation_sent").exists()

    client = client_for(invitee)
    page = client.get(f"/orgs/invitations/{token}/")
    assert page.status_code == 200
    assert organisation.name in page.content.decode()
    response = client.post(f"/orgs/invitations/{token}/", {"answer": "accept"})
    assert response.status_code == 302 and response["Location"] == f"/orgs/{organisation.slug}/"
    assert Membership.objects.get(organisation=organisation, user=invitee).role == Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None
    assert AuditLog.objects.filter(action="org.member_joined").exists()


def test_a_used_link_is_refused_and_changes_nothing(
    organisation, invitee, outsider, send_invitation
):
    token = send_invitation()
    client_for(invitee).post(f"/orgs/invitations/{token}/", {"answer": "accept"})
    before = snapshot()
    for client in (client_for(invitee), client_for(outsider)):
        assert client.get(f"/orgs/invitations/{token}/").status_code == 410
        response = client.post(f"/orgs/invitations/{token}/", {"answer": "accept"})
        assert response.status_code == 410
        assert "already accepted" in response.content.decode()
    assert snapshot() == before
    assert not Membership.objects.filter(user=outsider).exists()


def test_an_expired_link_is_refused(organisation, invitee, send_invitation):
    token = send_invitation()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client = client_for(invitee)
    assert client.get(f"/orgs/invitations/{token}/").status_code == 410
    response = client.post(f"/orgs/invitations/{token}/", {"answer": "accept"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_revoked_link_is_refused(organisation, org_admin, invitee, send_invitation):
    token = send_invitation()
    invitation = Invitation.objects.get()
    client_for(org_admin).post(f"/orgs/{organisation.slug}/invitations/{invitation.pk}/revoke/")
    assert AuditLog.objects.filter(action="org.invitation_revoked").exists()
    response = client_for(invitee).post(f"/orgs/invitations/{token}/", {"answer": "accept"})
    assert response.status_code == 410
    assert not Membership.objects.filter(user=invitee).exists()


def test_an_unknown_token_is_404_with_a_message(invitee):
    response = client_for(invitee).get("/orgs/invitations/not-a-real-token/")
    assert response.status_code == 404
    assert "We do not know this invitation" in response.content.decode()
    assert (
        client_for(invitee).post("/orgs/invitations/nope/", {"answer": "accept"}).status_code == 404
    )


def test_anonymous_visitors_are_sent_to_login_first(send_invitation, client):
    token = send_invitation()
    url = f"/orgs/invitations/{token}/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    assert client.post(url, {"answer": "accept"}).status_code == 302
    assert Invitation.objects.get().accepted_at is None


def test_declining_uses_the_invitation_and_adds_no_one(organisation, invitee, send_invitation):
    token = send_invitation()
    client = client_for(invitee)
    response = client.post(f"/orgs/invitations/{token}/", {"answer": "decline"})
    assert response.status_code == 302
    assert not Membership.objects.filter(user=invitee).exists()
    assert Invitation.objects.get().declined_at is not None
    assert client.post(f"/orgs/invitations/{token}/", {"answer": "accept"}).status_code == 410
    assert not Membership.objects.filter(user=invitee).exists()


def test_a_post_without_an_answer_changes_nothing(invitee, send_invitation):
    token = send_invitation()
    response = client_for(invitee).post(f"/orgs/invitations/{token}/", {"answer": "maybe"})
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.declined_at is None


def test_a_member_invited_to_a_higher_role_keeps_the_higher_role(
    organisation, org_admin, member, django_capture_on_commit_callbacks
):
    invitation, token = Invitation.issue(
        organisation, "someone@example.org", Role.EDITOR, org_admin
    )
    client_for(member).post(f"/orgs/invitations/{token}/", {"answer": "accept"})
    assert Membership.objects.get(user=member).role == Role.EDITOR
    assert Membership.objects.filter(user=member).count() == 1


def test_a_member_invited_to_a_lower_role_keeps_theirs(organisation, org_admin, editor):
    invitation, token = Invitation.issue(
        organisation, "someone@example.org", Role.MEMBER, org_admin
    )
    response = client_for(editor).post(
        f"/orgs/invitations/{token}/", {"answer": "accept"}, follow=True
    )
    assert "already a member" in response.content.decode()
    assert Membership.objects.get(user=editor).role == Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


@pytest.mark.parametrize(
    "email, error",
    [
        ("not-an-address", "Enter a valid email address."),
        ("", "This field is required."),
        ("member@school.example.org", "already a member"),
        ("MEMBER@school.example.org", "already a member"),
        ("pending@example.org", "already waiting"),
    ],
)
def test_bad_invitations_get_a_form_error_and_create_nothing(
    organisation, org_admin, member, email, error, django_capture_on_commit_callbacks
):
    Invitation.issue(organisation, "pending@example.org", Role.MEMBER, org_admin)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org_admin).post(
            f"/orgs/{organisation.slug}/members/", {"email": email, "role": "member"}
        )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert snapshot() == before
    assert not mail.outbox


def test_an_unknown_role_is_refused(organisation, org_admin):
    response = client_for(org_admin).post(
        f"/orgs/{organisation.slug}/members/", {"email": "new@example.org", "role": "owner"}
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_an_expired_invitation_does_not_block_a_new_one(organisation, org_admin, send_invitation):
    Invitation.issue(organisation, "ines@example.org", Role.MEMBER, org_admin)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    send_invitation()
    assert Invitation.objects.pending().filter(email="ines@example.org").count() == 1


def test_the_members_page_lists_pending_invitations(organisation, org_admin, send_invitation):
    send_invitation()
    page = client_for(org_admin).get(f"/orgs/{organisation.slug}/members/").content.decode()
    assert "ines@example.org" in page


def test_a_mail_server_failure_leaves_no_invitation(organisation, org_admin, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("planet.orgs.people.send_mail", refuse)
    before = snapshot()
    response = client_for(org_admin).post(
        f"/orgs/{organisation.slug}/members/", {"email": "new@example.org", "role": "member"}
    )
    assert response.status_code == 400
    assert "could not send the e-mail" in response.content.decode()
    assert snapshot() == before
