import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import client_for, make_image, make_user
from planet.moderation.models import AuditLog
from planet.projects.models import (
    JoinRequest,
    ProjectInvitation,
    ProjectMember,
    Status,
    TeamRole,
)
from planet.projects.team import with_visible_avatars
from planet.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(org_admin, editor):
    """A published project: org_admin owns it, editor edits it."""
    project = make_project(org_admin, title="Rivers as classrooms")
    ProjectMember.objects.create(project=project, user=editor, role=TeamRole.EDITOR)
    return project


def _team(project):
    return dict(project.team.values_list("user__email", "role"))


def _seat(project, user):
    return ProjectMember.objects.get(project=project, user=user)


def _team_post(user, project, capture=None, **data):
    client = client_for(user)
    url = f"/projects/{project.slug}/team/"
    if capture is None:
        return client.post(url, data, follow=True)
    with capture(execute=True):
        return client.post(url, data, follow=True)


# The team page


def test_owner_sees_the_team_with_roles_requests_and_invitations(project, org_admin, outsider):
    JoinRequest.objects.create(project=project, user=outsider, message="I teach biology.")
    ProjectInvitation.issue(project, "friend@example.org", TeamRole.EDITOR, org_admin)
    response = client_for(org_admin).get(f"/projects/{project.slug}/team/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ada Admin" in page and "Eddie Editor" in page
    assert "Olu Outsider" in page and "I teach biology." in page
    assert "friend@example.org" in page


@pytest.mark.parametrize("who", ["outsider", "member", "editor", "curator"])
def test_only_owners_and_site_admins_manage_the_team(project, cast, who):
    client = client_for(cast[who])
    before = _team(project)
    assert client.get(f"/projects/{project.slug}/team/").status_code == 403
    data = {"operation": "invite", "email": "x@example.org", "role": "owner"}
    assert client.post(f"/projects/{project.slug}/team/", data).status_code == 403
    seat = _seat(project, cast["editor"])
    data = {"operation": "role", "member": seat.pk, "role": "owner"}
    assert client.post(f"/projects/{project.slug}/team/", data).status_code == 403
    assert _team(project) == before
    assert not ProjectInvitation.objects.exists()


def test_site_admin_manages_any_team(project, site_admin):
    assert client_for(site_admin).get(f"/projects/{project.slug}/team/").status_code == 200


def test_the_team_of_a_draft_is_hidden_from_outsiders(org_admin, outsider):
    draft = make_project(org_admin, status=Status.DRAFT)
    assert client_for(outsider).get(f"/projects/{draft.slug}/team/").status_code == 404


# Invitations


def test_owner_invites_by_email_and_the_invitee_accepts(
    project, org_admin, outsider, django_capture_on_commit_callbacks
):
    data = {"operation": "invite", "email": "Outsider@Example.org", "role": "editor"}
    response = _team_post(org_admin, project, django_capture_on_commit_callbacks, **data)
    assert "The invitation is sent to outsider@example.org" in response.content.decode()
    invitation = ProjectInvitation.objects.get()
    assert invitation.email == "outsider@example.org" and invitation.role == TeamRole.EDITOR
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    (message,) = mail.outbox
    assert message.to == ["outsider@example.org"]
    assert "Rivers as classrooms" in message.subject
    link = re.search(r"http://\S+/projects/invitations/(\S+)/", message.body)
    token = link.group(1)
    assert token not in invitation.token_hash  # only a hash is stored

    client = client_for(outsider)
    page = client.get(f"/projects/invitations/{token}/")
    assert page.status_code == 200 and "Ada Admin" in page.content.decode()
    response = client.post(f"/projects/invitations/{token}/", {"answer": "accept"})
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert _team(project)[outsider.email] == TeamRole.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == outsider
    # single use
    assert client.get(f"/projects/invitations/{token}/").status_code == 410
    response = client.post(f"/projects/invitations/{token}/", {"answer": "accept"})
    assert response.status_code == 410
    assert ProjectMember.objects.filter(user=outsider).count() == 1


def test_an_invitee_may_decline(project, org_admin, outsider):
    invitation, token = ProjectInvitation.issue(project, outsider.email, "member", org_admin)
    response = client_for(outsider).post(f"/projects/invitations/{token}/", {"answer": "decline"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.declined_at and outsider.email not in _team(project)
    assert client_for(outsider).get(f"/projects/invitations/{token}/").status_code == 410


def test_expired_and_unknown_invitations_change_nothing(project, org_admin, outsider):
    invitation, token = ProjectInvitation.issue(project, outsider.email, "owner", org_admin)
    ProjectInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    client = client_for(outsider)
    response = client.get(f"/projects/invitations/{token}/")
    assert response.status_code == 410 and "no longer valid" in response.content.decode()
    assert client.post(f"/projects/invitations/{token}/", {"answer": "accept"}).status_code == 410
    assert client.get("/projects/invitations/not-a-token/").status_code == 404
    assert (
        client.post("/projects/invitations/not-a-token/", {"answer": "accept"}).status_code == 404
    )
    assert outsider.email not in _team(project)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_page_needs_sign_in(project, org_admin):
    _invitation, token = ProjectInvitation.issue(project, "new@example.org", "member", org_admin)
    response = client_for(None).get(f"/projects/invitations/{token}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_accepting_keeps_the_higher_role(project, org_admin, editor):
    _invitation, token = ProjectInvitation.issue(project, editor.email, "member", org_admin)
    client_for(editor).post(f"/projects/invitations/{token}/", {"answer": "accept"})
    assert _team(project)[editor.email] == TeamRole.EDITOR


@pytest.mark.parametrize(
    "email, message",
    [
        ("editor@school.example.org", "already on the team"),
        ("waiting@example.org", "already waiting"),
        ("not an address", "valid email"),
    ],
)
def test_bad_invitations_are_refused(project, org_admin, email, message):
    ProjectInvitation.issue(project, "waiting@example.org", "member", org_admin)
    data = {"operation": "invite", "email": email, "role": "member"}
    response = client_for(org_admin).post(f"/projects/{project.slug}/team/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ProjectInvitation.objects.count() == 1 and mail.outbox == []


def test_owner_revokes_an_invitation(project, org_admin):
    invitation, token = ProjectInvitation.issue(project, "x@example.org", "member", org_admin)
    _team_post(org_admin, project, operation="revoke", invitation=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.declined_at is not None
    assert client_for(org_admin).get(f"/projects/invitations/{token}/").status_code == 410


# Roles and removals


def test_owner_changes_a_role_and_it_is_audited(project, org_admin, editor):
    seat = _seat(project, editor)
    response = _team_post(org_admin, project, operation="role", member=seat.pk, role="owner")
    assert "Eddie Editor is now owner" in response.content.decode()
    assert _team(project)[editor.email] == TeamRole.OWNER
    entry = AuditLog.objects.get(action="project.team.role_changed")
    assert entry.actor == org_admin and entry.target_id == str(project.pk)
    assert entry.details["old"] == "editor" and entry.details["new"] == "owner"
    assert entry.details["member_id"] == editor.pk


def test_owner_removes_a_member_and_it_is_audited(project, org_admin, editor):
    seat = _seat(project, editor)
    response = _team_post(org_admin, project, operation="remove", member=seat.pk)
    assert "is no longer on the team" in response.content.decode()
    assert editor.email not in _team(project)
    entry = AuditLog.objects.get(action="project.team.removed")
    assert entry.actor == org_admin and entry.details["member_id"] == editor.pk


@pytest.mark.parametrize(
    "data",
    [{"operation": "role", "role": "editor"}, {"operation": "remove"}],
    ids=["demote", "remove"],
)
def test_the_last_owner_can_be_neither_demoted_nor_removed(project, org_admin, site_admin, data):
    before = _team(project)
    seat = _seat(project, org_admin)
    for actor in (org_admin, site_admin):
        response = _team_post(actor, project, member=seat.pk, **data)
        assert "at least one owner" in response.content.decode()
        assert _team(project) == before
    assert not AuditLog.objects.exists()


def test_an_owner_may_step_down_when_another_owner_remains(project, org_admin, editor):
    ProjectMember.objects.filter(project=project, user=editor).update(role=TeamRole.OWNER)
    seat = _seat(project, org_admin)
    _team_post(org_admin, project, operation="role", member=seat.pk, role="member")
    assert _team(project)[org_admin.email] == TeamRole.MEMBER


def test_a_seat_of_another_project_cannot_be_touched(project, org_admin, outsider):
    other = make_project(outsider, title="Another project")
    seat = _seat(other, outsider)
    response = _team_post(org_admin, project, operation="remove", member=seat.pk)
    assert response.status_code == 404
    assert _team(other) == {outsider.email: TeamRole.OWNER}


@pytest.mark.parametrize(
    "data, status",
    [
        ({"operation": "explode"}, 404),
        ({"operation": "remove", "member": "abc"}, 404),
        ({"operation": "role", "member": "1", "role": "king"}, 200),  # message, nothing changed
    ],
)
def test_bad_team_operations_change_nothing(project, org_admin, data, status):
    before = _team(project)
    assert _team_post(org_admin, project, **data).status_code == status
    assert _team(project) == before


# Join requests


def test_a_member_asks_to_join_and_the_owners_are_told(
    project, org_admin, editor, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(outsider).post(
            f"/projects/{project.slug}/team/join/", {"message": "I teach biology."}
        )
    assert response.status_code == 302
    join_request = JoinRequest.objects.get()
    assert join_request.user == outsider and join_request.message == "I teach biology."
    (message,) = mail.outbox  # owners only, not the editor
    assert message.to == [org_admin.email]
    assert "Olu Outsider" in message.subject and "I teach biology." in message.body
    assert f"/projects/{project.slug}/team/" in message.body


def test_one_pending_request_per_person(project, outsider):
    client = client_for(outsider)
    client.post(f"/projects/{project.slug}/team/join/", {"message": "First"})
    response = client.post(
        f"/projects/{project.slug}/team/join/", {"message": "Again"}, follow=True
    )
    assert "already waiting" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_team_members_cannot_ask_to_join(project, editor):
    response = client_for(editor).post(f"/projects/{project.slug}/team/join/", follow=True)
    assert "already on the team" in response.content.decode()
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize(
    "who, status, expected", [(None, Status.PUBLISHED, 302), ("outsider", Status.DRAFT, 404)]
)
def test_join_requests_need_sign_in_and_a_public_project(org_admin, cast, who, status, expected):
    target = make_project(org_admin, status=status)
    user = cast[who] if who else None
    response = client_for(user).post(f"/projects/{target.slug}/team/join/")
    assert response.status_code == expected
    assert not JoinRequest.objects.exists()


def test_join_request_on_a_submitted_project_seen_by_a_curator_is_refused(org_admin, curator):
    target = make_project(org_admin, status=Status.SUBMITTED)
    assert client_for(curator).post(f"/projects/{target.slug}/team/join/").status_code == 403
    assert not JoinRequest.objects.exists()


def test_owner_accepts_a_join_request(
    project, org_admin, outsider, django_capture_on_commit_callbacks
):
    join_request = JoinRequest.objects.create(project=project, user=outsider)
    data = {"operation": "accept", "join_request": join_request.pk}
    response = _team_post(org_admin, project, django_capture_on_commit_callbacks, **data)
    assert "Olu Outsider joined the team" in response.content.decode()
    assert _team(project)[outsider.email] == TeamRole.MEMBER
    join_request.refresh_from_db()
    assert join_request.state == JoinRequest.State.ACCEPTED
    assert [m.to for m in mail.outbox] == [[outsider.email]]
    # answering twice changes nothing
    response = _team_post(org_admin, project, **data)
    assert "already answered" in response.content.decode()


def test_owner_declines_a_join_request(project, org_admin, outsider):
    join_request = JoinRequest.objects.create(project=project, user=outsider)
    _team_post(org_admin, project, operation="decline", join_request=join_request.pk)
    join_request.refresh_from_db()
    assert join_request.state == JoinRequest.State.DECLINED
    assert outsider.email not in _team(project)
    # a new request may follow a declined one
    client_for(outsider).post(f"/projects/{project.slug}/team/join/")
    assert JoinRequest.objects.filter(state="pending").count() == 1


# Leaving


def test_a_member_leaves(project, editor):
    response = client_for(editor).post(f"/projects/{project.slug}/team/leave/")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert editor.email not in _team(project)
    assert AuditLog.objects.get().action == "project.team.left"


def test_leaving_a_draft_goes_back_to_the_list(org_admin, editor):
    draft = make_project(org_admin, status=Status.DRAFT)
    ProjectMember.objects.create(project=draft, user=editor, role=TeamRole.EDITOR)
    response = client_for(editor).post(f"/projects/{draft.slug}/team/leave/")
    assert response.status_code == 302 and response["Location"] == "/projects/"


def test_the_last_owner_cannot_leave(project, org_admin):
    client = client_for(org_admin)
    response = client.post(f"/projects/{project.slug}/team/leave/", follow=True)
    assert "at least one owner" in response.content.decode()
    assert _team(project)[org_admin.email] == TeamRole.OWNER


def test_someone_not_on_the_team_cannot_leave(project, outsider):
    response = client_for(outsider).post(f"/projects/{project.slug}/team/leave/")
    assert response.status_code == 403
    assert client_for(outsider).get(f"/projects/{project.slug}/team/leave/").status_code == 405


# The team on the project page


def test_project_page_lists_the_team_and_offers_to_join(project, outsider):
    page = client_for(outsider).get(project.get_absolute_url()).content.decode()
    assert "Ada Admin" in page and "Eddie Editor" in page
    assert f'href="{project.team.first().user.profile.get_absolute_url()}"' in page
    assert "Ask to join the team" in page and "Leave the team" not in page


def test_project_page_offers_members_to_leave(project, editor):
    page = client_for(editor).get(project.get_absolute_url()).content.decode()
    assert "Leave the team" in page and "Ask to join the team" not in page


def test_anonymous_visitors_are_not_offered_to_join(project):
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Ask to join the team" not in page and "Eddie Editor" in page


def test_avatars_follow_the_profile_visibility(project, editor):
    profile = editor.profile
    profile.avatar.save("a.png", ContentFile(make_image()), save=False)
    profile.about_visibility = "members"
    profile.save()
    seats = project.team.select_related("user__profile")
    anonymous_view = {
        s.user_id: s.visible_avatar for s in with_visible_avatars(seats, AnonymousUser())
    }
    member_view = {
        s.user_id: s.visible_avatar
        for s in with_visible_avatars(seats, make_user("someone@example.org"))
    }
    assert not anonymous_view[editor.pk]
    assert member_view[editor.pk]


@pytest.mark.parametrize("count", [2, 20])
def test_team_page_costs_the_same_queries_for_2_or_20(
    project, org_admin, count, django_assert_num_queries
):
    for number in range(count):
        person = make_user(f"person{number}@example.org")
        ProjectMember.objects.create(project=project, user=person)
        JoinRequest.objects.create(project=project, user=make_user(f"asks{number}@example.org"))
        ProjectInvitation.issue(project, f"guest{number}@example.org", "member", org_admin)
    client = client_for(org_admin)
    client.get(f"/projects/{project.slug}/team/")
    with django_assert_num_queries(TEAM_PAGE_QUERIES):
        response = client.get(f"/projects/{project.slug}/team/")
    assert len(response.context["team"]) == count + 2


TEAM_PAGE_QUERIES = 8  # the same for 2 or 20 rows
