"""The jury's rules: invitations, when the rubric and a review may change, saving a review,
the shortlist and the outcomes. Views call these; every write runs in a transaction and leaves
the database as it was when refused."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planet.challenges.models import (
    Assignment,
    Challenge,
    Juror,
    JuryInvitation,
    Outcome,
    Score,
)
from planet.moderation.models import AuditLog


class JuryError(Exception):
    """A jury change that is refused; the message is for the person who asked."""


# Invitations


@transaction.atomic
def invite_juror(challenge: Challenge, email: str, *, by) -> JuryInvitation:
    invitation, token = JuryInvitation.create_with_token(
        email=email, invited_by=by, challenge=challenge
    )
    url = settings.SITE_URL + reverse("challenges:jury_accept", args=[token])
    subject = _("You are invited to the jury of “%(title)s”") % {"title": challenge.title}
    body = render_to_string(
        "challenges/email/jury_invitation.txt",
        {"challenge": challenge, "invitation": invitation, "inviter": by, "url": url},
    )
    transaction.on_commit(
        lambda: send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [email])
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: JuryInvitation, user) -> Juror:
    locked = JuryInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise JuryError(_("This invitation is no longer valid."))
    juror, created = Juror.objects.get_or_create(challenge=locked.challenge, user=user)
    locked.mark_accepted(user)
    if created:
        AuditLog.record(user, "challenge.jury.joined", locked.challenge, invitation=locked.pk)
    return juror


@transaction.atomic
def decline_invitation(invitation: JuryInvitation) -> None:
    locked = JuryInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.is_used or locked.is_expired:
        raise JuryError(_("This invitation is no longer valid."))
    locked.mark_declined()


# The rubric


def rubric_is_locked(challenge: Challenge) -> bool:
    """Once a juror has completed a review, changing the rubric would change what their scores
    mean: criteria can no longer be added, edited or deleted."""
    return Assignment.objects.done().filter(submission__challenge=challenge).exists()


def refuse_if_rubric_locked(challenge: Challenge) -> None:
    if rubric_is_locked(challenge):
        raise JuryError(
            _(
                "Jurors have already completed reviews with this rubric: changing it would "
                "change what their scores mean. Nothing was changed."
            )
        )


# Reviews


def review_is_editable(assignment: Assignment, now=None) -> bool:
    """A juror's review can change while it is active, in the challenge's current round,
    until the review phase ends."""
    challenge = assignment.submission.challenge
    return (
        assignment.conflict_declared_at is None
        and assignment.round == challenge.review_round
        and challenge.results_published_at is None
        and not challenge.review_is_over(now)
    )


def review_closed_reason(assignment: Assignment) -> str:
    if assignment.conflict_declared_at is not None:
        return _("You declared a conflict of interest on this entry: it was set aside.")
    if assignment.round != assignment.submission.challenge.review_round:
        return _("This review belongs to an earlier round; it can no longer change.")
    return _("The review phase has ended: reviews can no longer change.")


@transaction.atomic
def save_review(
    assignment: Assignment, scores: dict[int, tuple[int | None, str]], comment: str, *, submit
) -> Assignment:
    """Store the scores (criterion id → (value or None, comment)) and the overall comment.
    `submit` completes the review; a completed review stays completed. The caller has checked
    the scale and, when completing, that every criterion is scored."""
    locked = Assignment.objects.select_for_update().select_related("submission__challenge")
    locked = locked.get(pk=assignment.pk)
    if not review_is_editable(locked):
        raise JuryError(review_closed_reason(locked))
    for criterion_id, (value, criterion_comment) in scores.items():
        if value is None:
            Score.objects.filter(assignment=locked, criterion_id=criterion_id).delete()
            continue
        Score.objects.update_or_create(
            assignment=locked,
            criterion_id=criterion_id,
            defaults={"value": value, "comment": criterion_comment},
        )
    locked.comment = comment
    if submit and locked.completed_at is None:
        locked.completed_at = timezone.now()
    locked.save(update_fields=["comment", "completed_at"])
    return locked


# Shortlist and outcomes


def refuse_if_published(challenge: Challenge) -> None:
    """Outcomes are fixed once the organiser finalises the results (reopen them to change)."""
    if challenge.results_published_at is not None:
        raise JuryError(_("The results are published: outcomes can no longer change."))
    if challenge.results_finalised_at is not None:
        raise JuryError(
            _("The results are finalised: reopen them before changing outcomes or the shortlist.")
        )


@transaction.atomic
def set_shortlist(challenge: Challenge, entry_ids: set[int], *, by, start_round_two: bool) -> int:
    """Mark the chosen submitted entries as shortlisted (and the others not). Starting round
    two fixes the shortlist: from then on, assignment and ranking work on it alone."""
    locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
    refuse_if_published(locked)
    if locked.review_round > 1:
        raise JuryError(_("The second round has started: the shortlist can no longer change."))
    entries = locked.submissions.submitted()
    chosen = entries.filter(pk__in=entry_ids)
    count = chosen.update(shortlisted=True)
    entries.exclude(pk__in=entry_ids).update(shortlisted=False)
    if start_round_two:
        if not count:
            raise JuryError(_("Shortlist at least one entry before starting a second round."))
        locked.review_round = 2
        locked.save(update_fields=["review_round", "updated_at"])
        challenge.review_round = 2
    AuditLog.record(
        by,
        "challenge.round_two_started" if start_round_two else "challenge.shortlist_changed",
        locked,
        shortlisted=sorted(chosen.values_list("pk", flat=True)),
    )
    return count


@transaction.atomic
def set_outcome(entry, outcome: str, *, by) -> None:
    challenge = Challenge.objects.select_for_update().get(pk=entry.challenge_id)
    refuse_if_published(challenge)
    old = entry.outcome
    entry.outcome = outcome
    entry.save(update_fields=["outcome", "updated_at"])
    AuditLog.record(
        by,
        "challenge.outcome_set",
        challenge,
        entry=entry.pk,
        old=str(Outcome(old).label),
        new=str(Outcome(outcome).label),
    )
