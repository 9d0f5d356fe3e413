"""Assigning entries to jurors: evenly, never to the entrant, never after a conflict of interest.

`plan_assignments` is the pure algorithm (plain data in, pairs out) so that its evenness can be
tested on its own; `assign_reviewers` applies it to a challenge's current round and e-mails each
newly assigned juror; `declare_conflict` sets an assignment aside and reassigns its entry.

Every submitted entry of the round (the shortlist in round 2) needs
`challenge.reviews_per_submission` active assignments. Running the assignment again only tops
up what is missing, so it is safe to press the button twice, after a juror joins or leaves, or
after a conflict could not be reassigned.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planet.challenges.models import Assignment, Challenge, Juror, Submission
from planet.moderation.models import AuditLog


class AssignmentError(Exception):
    """An assignment that is refused; the message is for the person who asked."""


@dataclass(frozen=True)
class EntryNeed:
    """What the algorithm needs to know about one entry."""

    entry_id: int
    entrant_id: int
    missing: int  # active reviews still to assign
    excluded_jurors: frozenset[int] = frozenset()  # already assigned (or set aside) on it


def plan_assignments(
    needs: list[EntryNeed], juror_users: dict[int, int], loads: dict[int, int]
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Choose jurors for the missing reviews.

    `juror_users` maps each juror id to their user id, `loads` each juror id to the number of
    active assignments they already have in the round. Each entry, in order, takes the jurors
    with the fewest assignments (ties: the lowest juror id) among those who are not its entrant
    and not already on it. With no exclusions, loads stay within one of each other.

    Returns the (entry id, juror id) pairs to create and, for each entry still short of
    reviewers, how many reviews are missing.
    """
    loads = {juror: loads.get(juror, 0) for juror in juror_users}
    pairs, short = [], {}
    for need in needs:
        eligible = [
            juror
            for juror, user in juror_users.items()
            if user != need.entrant_id and juror not in need.excluded_jurors
        ]
        chosen = sorted(eligible, key=lambda juror: (loads[juror], juror))[: need.missing]
        for juror in chosen:
            loads[juror] += 1
            pairs.append((need.entry_id, juror))
        if len(chosen) < need.missing:
            short[need.entry_id] = need.missing - len(chosen)
    return pairs, short


def entries_in_round(challenge: Challenge):
    """The submitted entries reviewed in the current round: all of them, or the shortlist."""
    entries = challenge.submissions.submitted()
    if challenge.review_round > 1:
        entries = entries.filter(shortlisted=True)
    return entries


def may_assign(challenge: Challenge, now=None) -> bool:
    """Assignment starts once submissions are closed (entries can no longer change or be
    withdrawn) and stops when results are published."""
    now = now or timezone.now()
    return now >= challenge.closes_at and challenge.results_published_at is None


@dataclass
class AssignmentReport:
    created: list[Assignment] = field(default_factory=list)
    short: dict[int, int] = field(default_factory=dict)  # entry id → reviews still missing
    short_entries: list[Submission] = field(default_factory=list)

    @property
    def juror_count(self) -> int:
        return len({assignment.juror_id for assignment in self.created})


def _needs(challenge: Challenge, entries) -> tuple[list[EntryNeed], dict[int, int]]:
    """What each entry still needs in the current round, and each juror's load in it. A juror
    stays excluded from an entry on which they declared a conflict in any round."""
    rows = Assignment.objects.filter(juror__challenge=challenge).filter(
        Q(round=challenge.review_round) | Q(conflict_declared_at__isnull=False)
    )
    on_entry: dict[int, set[int]] = {}
    active: Counter = Counter()
    loads: Counter = Counter()
    for entry_id, juror_id, round, conflict in rows.values_list(
        "submission_id", "juror_id", "round", "conflict_declared_at"
    ):
        on_entry.setdefault(entry_id, set()).add(juror_id)
        if conflict is None and round == challenge.review_round:
            active[entry_id] += 1
            loads[juror_id] += 1
    needs = [
        EntryNeed(
            entry.pk,
            entry.entrant_id,
            challenge.reviews_per_submission - active[entry.pk],
            frozenset(on_entry.get(entry.pk, ())),
        )
        for entry in entries
        if active[entry.pk] < challenge.reviews_per_submission
    ]
    return needs, dict(loads)


@transaction.atomic
def assign_reviewers(challenge: Challenge, entries=None) -> AssignmentReport:
    """Top up the assignments of the current round (of `entries` only, when given) and e-mail
    the jurors who received new entries. The challenge row is locked so that two clicks cannot
    assign the same review twice."""
    Challenge.objects.select_for_update().filter(pk=challenge.pk).first()
    entries = list((entries if entries is not None else entries_in_round(challenge)).order_by("pk"))
    jurors = {juror.pk: juror for juror in challenge.jurors.select_related("user__profile")}
    needs, loads = _needs(challenge, entries)
    pairs, short = plan_assignments(
        needs, {pk: juror.user_id for pk, juror in jurors.items()}, loads
    )
    created = Assignment.objects.bulk_create(
        Assignment(submission_id=entry, juror_id=juror, round=challenge.review_round)
        for entry, juror in pairs
    )
    by_id = {entry.pk: entry for entry in entries}
    for assignment in created:
        assignment.submission = by_id[assignment.submission_id]
        assignment.juror = jurors[assignment.juror_id]
    notify_jurors(challenge, created)
    return AssignmentReport(created, short, [by_id[pk] for pk in short])


def notify_jurors(challenge: Challenge, created: list[Assignment]) -> None:
    """One e-mail per juror who received new entries: how many, and where to review them.
    Entrants' names appear only when the jury may see them (never under blind review)."""
    from planet.challenges.permissions import shows_identity

    by_juror: dict[int, list[Assignment]] = {}
    for assignment in created:
        by_juror.setdefault(assignment.juror_id, []).append(assignment)
    url = settings.SITE_URL + reverse("challenges:reviews", args=[challenge.slug])
    messages = []
    for assignments in by_juror.values():
        juror = assignments[0].juror
        context = {
            "challenge": challenge,
            "juror": juror,
            "assignments": assignments,
            "waiting": Assignment.objects.active()
            .filter(juror=juror, round=challenge.review_round, completed_at=None)
            .count(),
            "show_names": shows_identity(juror.user, challenge),
            "url": url,
        }
        subject = _("Entries to review for “%(title)s”") % {"title": challenge.title}
        body = render_to_string("challenges/email/review_assigned.txt", context)
        messages.append((settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, juror.user.email))
    for subject, body, address in messages:
        transaction.on_commit(lambda s=subject, b=body, a=address: send_mail(s, b, None, [a]))


@transaction.atomic
def declare_conflict(assignment: Assignment, reason: str) -> Assignment | None:
    """Set the assignment aside (its scores are discarded) and give the entry to another
    eligible juror. Returns the new assignment, or None when no juror is free to take it (the
    organiser's jury page then lists the entry as short of reviewers)."""
    locked = (
        Assignment.objects.select_for_update().select_related("submission").get(pk=assignment.pk)
    )
    if locked.conflict_declared_at is not None:
        raise AssignmentError(_("You already declared a conflict of interest on this entry."))
    locked.scores.all().delete()
    locked.conflict_declared_at = timezone.now()
    locked.conflict_reason = reason
    locked.completed_at = None
    locked.comment = ""
    locked.save(
        update_fields=["conflict_declared_at", "conflict_reason", "completed_at", "comment"]
    )
    challenge = locked.submission.challenge
    report = assign_reviewers(
        challenge, Submission.objects.filter(pk=locked.submission_id, challenge=challenge)
    )
    return report.created[0] if report.created else None


def remove_juror(juror: Juror, *, by) -> int:
    """Take a juror off the jury with their reviews still to do. Refused once they have
    completed a review: their scores are part of the ranking, and removing them would change it
    silently. Returns how many assigned entries are left to reassign."""
    with transaction.atomic():
        locked = Juror.objects.select_for_update().filter(pk=juror.pk).first()
        if locked is None:
            raise AssignmentError(_("This person is no longer on the jury."))
        if locked.assignments.done().exists():
            raise AssignmentError(
                _(
                    "%(name)s has already completed reviews, which count in the ranking: they "
                    "stay on the jury. Nothing was changed."
                )
                % {"name": juror.user.display_name}
            )
        pending = locked.assignments.active().count()
        AuditLog.record(
            by, "challenge.jury.removed", juror.challenge, juror=juror.user.display_name
        )
        locked.delete()
    return pending
