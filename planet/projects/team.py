"""The team of a project: roles, invitations, join requests, leaving.

Every change runs in a transaction; changes of role and removals are written to the audit log.
A project always keeps at least one owner: the team's rows are locked while owners are counted.
"""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from planet.moderation.models import AuditLog
from planet.projects.models import (
    JoinRequest,
    ProjectInvitation,
    ProjectMember,
    TeamRole,
)

ROLE_RANK = {TeamRole.MEMBER: 0, TeamRole.EDITOR: 1, TeamRole.OWNER: 2}


class TeamError(Exception):
    """A team change that is refused; the message is for the person who asked."""


class LastOwnerError(TeamError):
    def __init__(self):
        super().__init__(
            _(
                "A project needs at least one owner. Make someone else an owner first; "
                "nothing was changed."
            )
        )


def _locked_seat(member) -> ProjectMember:
    """Lock the whole team (so owners are counted consistently) and return a fresh seat."""
    seats = list(ProjectMember.objects.select_for_update().filter(project_id=member.project_id))
    for seat in seats:
        if seat.pk == member.pk:
            seat.owner_total = sum(1 for s in seats if s.role == TeamRole.OWNER)
            return seat
    raise TeamError(_("This person is no longer on the team."))


def _audit(by, action: str, seat, **details) -> None:
    AuditLog.record(
        by,
        f"project.team.{action}",
        seat.project,
        member_id=seat.user_id,
        member=seat.user.display_name,
        **details,
    )


@transaction.atomic
def change_role(member: ProjectMember, role: str, *, by) -> ProjectMember:
    seat = _locked_seat(member)
    if seat.role == role:
        return seat
    if seat.role == TeamRole.OWNER and seat.owner_total <= 1:
        raise LastOwnerError
    old = seat.role
    seat.role = role
    seat.save(update_fields=["role"])
    _audit(by, "role_changed", seat, old=str(old), new=str(role))
    return seat


@transaction.atomic
def remove_member(member: ProjectMember, *, by) -> None:
    """Remove someone from the team (or let them leave, when `by` is themselves)."""
    seat = _locked_seat(member)
    if seat.role == TeamRole.OWNER and seat.owner_total <= 1:
        raise LastOwnerError
    _audit(by, "left" if by.pk == seat.user_id else "removed", seat, role=str(seat.role))
    seat.delete()


def add_member(project, user, role: str, *, by, how: str) -> ProjectMember:
    """Seat `user` on the team; someone already on it keeps the higher of the two roles."""
    seat, created = ProjectMember.objects.get_or_create(
        project=project, user=user, defaults={"role": role}
    )
    if not created and ROLE_RANK[role] > ROLE_RANK[seat.role]:
        old, seat.role = seat.role, role
        seat.save(update_fields=["role"])
        _audit(by, "role_changed", seat, old=str(old), new=str(role), via=how)
    elif created:
        _audit(by, "added", seat, role=str(role), via=how)
    return seat


# Invitations


@transaction.atomic
def invite(project, email: str, role: str, *, by) -> ProjectInvitation:
    invitation, token = ProjectInvitation.issue(project, email, role, by)
    url = settings.SITE_URL + reverse("projects:invitation", args=[token])
    subject = _("You are invited to join the team of “%(title)s”") % {"title": project.title}
    body = render_to_string(
        "projects/email/invitation.txt",
        {"project": project, "invitation": invitation, "inviter": by, "url": url},
    )
    transaction.on_commit(
        lambda: send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [email])
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: ProjectInvitation, user) -> ProjectMember:
    locked = ProjectInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise TeamError(_("This invitation is no longer valid."))
    seat = add_member(locked.project, user, locked.role, by=user, how="invitation")
    locked.mark_accepted(user)
    return seat


@transaction.atomic
def decline_invitation(invitation: ProjectInvitation) -> None:
    locked = ProjectInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise TeamError(_("This invitation is no longer valid."))
    locked.mark_declined()


# Join requests


def owner_addresses(project) -> list[str]:
    owners = project.team.filter(role=TeamRole.OWNER)
    return list(owners.values_list("user__email", flat=True))


@transaction.atomic
def request_to_join(project, user, message: str) -> JoinRequest:
    if ProjectMember.objects.filter(project=project, user=user).exists():
        raise TeamError(_("You are already on the team."))
    pending = JoinRequest.objects.select_for_update().filter(
        project=project, user=user, state=JoinRequest.State.PENDING
    )
    if pending.exists():
        raise TeamError(_("Your request to join is already waiting for the team's answer."))
    join_request = JoinRequest.objects.create(project=project, user=user, message=message)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _(
        "%(name)s asks to join the team of “%(title)s”"
    ) % {"name": user.display_name, "title": project.title}
    body = render_to_string(
        "projects/email/join_request.txt",
        {
            "project": project,
            "join_request": join_request,
            "requester": user,
            "url": settings.SITE_URL + reverse("projects:team", args=[project.slug]),
        },
    )
    messages = [(subject, body, None, [address]) for address in owner_addresses(project)]
    transaction.on_commit(lambda: send_mass_mail(messages))
    return join_request


@transaction.atomic
def answer_join_request(join_request: JoinRequest, *, accept: bool, by) -> None:
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if locked.state != JoinRequest.State.PENDING:
        raise TeamError(_("This request was already answered."))
    if accept:
        add_member(locked.project, locked.user, TeamRole.MEMBER, by=by, how="join_request")
        locked.state = JoinRequest.State.ACCEPTED
    else:
        locked.state = JoinRequest.State.DECLINED
    locked.save(update_fields=["state"])
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + (
        _("Welcome to the team of “%(title)s”")
        if accept
        else _("About your request to join “%(title)s”")
    ) % {"title": locked.project.title}
    body = render_to_string(
        "projects/email/join_answer.txt",
        {
            "project": locked.project,
            "accepted": accept,
            "url": settings.SITE_URL + locked.project.get_absolute_url(),
        },
    )
    address = locked.user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


def with_visible_avatars(seats, viewer) -> list[ProjectMember]:
    """The team's seats, each with `visible_avatar`: the picture `viewer` may see, or None.

    `seats` should select_related("user__profile"); no query is added.
    """
    seats = list(seats)
    for seat in seats:
        profile = getattr(seat.user, "profile", None)
        seat.visible_avatar = profile.avatar_for(viewer) if profile else None
    return seats
