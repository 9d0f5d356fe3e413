"""The people of an organisation: founding, roles, removals, leaving, invitations, deletion.

Every change runs in a transaction. Role changes, removals, departures, invitations and
deletions are written to the audit log. An organisation always keeps at least one admin: its
memberships are locked while admins are counted, so two admins cannot demote each other at once.
"""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from planet.lib.images import delete_image
from planet.moderation.models import AuditLog
from planet.orgs.models import ROLE_RANK, Invitation, Membership, Organisation, Role

logger = logging.getLogger(__name__)


class MembershipError(Exception):
    """A change that is refused; the message is for the person who asked."""


class LastAdminError(MembershipError):
    def __init__(self):
        super().__init__(
            _(
                "An organisation needs at least one admin. Make someone else an admin first; "
                "nothing was changed."
            )
        )


class InvitationGone(MembershipError):
    """The invitation was used, declined, revoked or has expired since the page was shown."""


def _audit(by, action: str, organisation, membership=None, **details) -> None:
    if membership is not None:
        details |= {"member_id": membership.user_id, "member": str(membership.user.display_name)}
    AuditLog.record(by, f"org.{action}", organisation, **details)


def _locked(membership: Membership) -> Membership:
    """Lock every membership of the organisation; return a fresh copy with `admin_total`."""
    rows = list(
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id)
        .order_by("pk")
    )
    for row in rows:
        if row.pk == membership.pk:
            row.admin_total = sum(1 for r in rows if r.role == Role.ADMIN)
            row.user, row.organisation = membership.user, membership.organisation
            return row
    raise MembershipError(_("This person is no longer a member; nothing was changed."))


@transaction.atomic
def create_organisation(organisation: Organisation, *, by) -> Organisation:
    """Save a new organisation; the person who creates it becomes its admin."""
    organisation.created_by = by
    organisation.save()
    Membership.objects.create(organisation=organisation, user=by, role=Role.ADMIN)
    return organisation


@transaction.atomic
def change_role(membership: Membership, role: str, *, by) -> Membership:
    row = _locked(membership)
    if row.role == role:
        return row
    if row.role == Role.ADMIN and row.admin_total <= 1:
        raise LastAdminError
    old, row.role = row.role, role
    row.save(update_fields=["role"])
    _audit(by, "member_role_changed", row.organisation, row, old=str(old), new=str(role))
    return row


@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    """Remove someone (or let them leave, when `by` is themselves)."""
    row = _locked(membership)
    if row.role == Role.ADMIN and row.admin_total <= 1:
        raise LastAdminError
    action = "member_left" if by.pk == row.user_id else "member_removed"
    _audit(by, action, row.organisation, row, role=str(row.role))
    row.delete()


@transaction.atomic
def delete_organisation(organisation: Organisation, *, by) -> None:
    AuditLog.record(
        by,
        "org.deleted",
        organisation,
        slug=organisation.slug,
        members=organisation.memberships.count(),
    )
    if organisation.logo:
        name, storage = organisation.logo.name, organisation.logo.storage
        transaction.on_commit(lambda: delete_image(storage, name))
    organisation.delete()


# Invitations


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("orgs:invitation", args=[token])


@transaction.atomic
def invite(organisation: Organisation, email: str, role: str, *, by) -> Invitation:
    """Invite `email` with `role` and e-mail them the link."""
    email = email.strip().lower()
    # Lock the organisation's row: two admins inviting the same address at once are serialised.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk))
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise MembershipError(_("This person is already a member of the organisation."))
    if organisation.invitations.pending().filter(email__iexact=email).exists():
        raise MembershipError(
            _("An invitation to this address is already waiting; revoke it to send a new one.")
        )
    invitation, token = Invitation.issue(organisation, email, role, by)
    _audit(by, "invitation_sent", organisation, invitation_id=invitation.pk, role=str(role))
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _(
        "You are invited to join “%(name)s” on LearningPlanet"
    ) % {"name": organisation.name}
    body = render_to_string(
        "orgs/email/invitation.txt",
        {
            "organisation": organisation,
            "invitation": invitation,
            "inviter": by,
            "url": invitation_url(token),
        },
    )
    # Sent before the commit: if the mail server refuses it, no invitation is left behind that
    # would block sending a new one.
    try:
        send_mail(subject, body, None, [email])
    except (SMTPException, OSError) as error:
        logger.warning("Invitation e-mail to organisation %s failed: %s", organisation.pk, error)
        raise MembershipError(
            _("We could not send the e-mail just now; nothing was saved. Try again later.")
        ) from None
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by) -> None:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise InvitationGone(_("This invitation was already answered or has expired."))
    locked.mark_declined()
    _audit(by, "invitation_revoked", invitation.organisation, invitation_id=locked.pk)


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> tuple[Membership, str]:
    """Make `user` a member with the invited role. Someone already a member keeps the higher
    of the two roles. Returns the membership and what happened: joined, promoted or already."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise InvitationGone(_("This invitation is no longer valid."))
    organisation = invitation.organisation
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, defaults={"role": locked.role}
    )
    membership.user = user
    if created:
        outcome = "joined"
        _audit(user, "member_joined", organisation, membership, role=str(locked.role),
               invitation=locked.pk)  # fmt: skip
    elif ROLE_RANK[locked.role] > ROLE_RANK[membership.role]:
        outcome = "promoted"
        old, membership.role = membership.role, locked.role
        membership.save(update_fields=["role"])
        _audit(user, "member_role_changed", organisation, membership, old=str(old),
               new=str(locked.role), invitation=locked.pk)  # fmt: skip
    else:
        outcome = "already"
    locked.mark_accepted(user)
    return membership, outcome


@transaction.atomic
def decline_invitation(invitation: Invitation) -> None:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise InvitationGone(_("This invitation is no longer valid."))
    locked.mark_declined()


def with_visible_avatars(memberships, viewer) -> list[Membership]:
    """Set `visible_avatar` on each membership: the picture `viewer` may see, or None.

    `memberships` should select_related("user__profile"): no query is added.
    """
    memberships = list(memberships)
    for membership in memberships:
        profile = getattr(membership.user, "profile", None)
        membership.visible_avatar = profile.avatar_for(viewer) if profile else None
    return memberships
