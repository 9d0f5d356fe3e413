"""Results: the organiser finalises the selection, the scheduled task publishes it at the
announcement time, and the results page and gallery show it to everybody.

Finalising is refused, with a reason, until the review phase has ended and at least one entry
is a winner or selected; it can be undone until the results are published.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from planet.challenges import tasks
from planet.challenges.models import (
    PUBLISHED_OUTCOMES,
    Answer,
    Challenge,
    ChallengeStatus,
    Outcome,
    Submission,
)
from planet.moderation.models import AuditLog

TOP_VOTED = 5

WINNERS_FIRST = Case(
    When(outcome=Outcome.WINNER, then=Value(0)), default=Value(1), output_field=IntegerField()
)


class FinaliseRefused(Exception):
    """Why the results cannot be finalised (or reopened) now; the message is for the page."""


def outcome_counts(challenge) -> dict[str, int]:
    """Submitted entries by outcome, in one query: winner, selected, not_selected, undecided."""
    counts = challenge.submissions.submitted().aggregate(
        winner=Count("pk", filter=Q(outcome=Outcome.WINNER)),
        selected=Count("pk", filter=Q(outcome=Outcome.SELECTED)),
        not_selected=Count("pk", filter=Q(outcome=Outcome.NOT_SELECTED)),
        undecided=Count("pk", filter=Q(outcome=Outcome.PENDING)),
    )
    return counts


def finalise_problems(challenge, counts: dict[str, int], now=None) -> list[str]:
    """What stands in the way of finalising the results; empty when they may be finalised."""
    now = now or timezone.now()
    problems = []
    if challenge.results_published_at:
        return [_("The results are already published.")]
    if challenge.results_finalised_at:
        return [_("The results are already finalised.")]
    if challenge.status != ChallengeStatus.PUBLISHED:
        problems.append(_("Publish the challenge first."))
    if not challenge.review_is_over(now):
        ends = timezone.localtime(challenge.review_ends_at, challenge.zone)
        problems.append(
            _("The review phase ends on %(date)s; the results can be finalised after that.")
            % {"date": date_format(ends, "DATETIME_FORMAT")}
        )
    if not counts["winner"] + counts["selected"]:
        problems.append(_("Choose at least one winner or selected entry first."))
    return problems


def _locked(challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


@transaction.atomic
def finalise_results(challenge, *, by) -> Challenge:
    """Close the selection: undecided entries become not selected, and the results are
    scheduled to publish themselves at `results_at` (at once if it has passed)."""
    locked = _locked(challenge)
    problems = finalise_problems(locked, outcome_counts(locked))
    if problems:
        raise FinaliseRefused(" ".join(problems))
    undecided = locked.submissions.submitted().filter(outcome=Outcome.PENDING)
    marked = undecided.update(outcome=Outcome.NOT_SELECTED)
    locked.results_finalised_at = timezone.now()
    locked.save(update_fields=["results_finalised_at", "updated_at"])
    AuditLog.record(
        by,
        "challenge.results_finalised",
        locked,
        results_at=locked.results_at.isoformat(),
        marked_not_selected=marked,
    )
    tasks.schedule_results(locked)
    return locked


@transaction.atomic
def reopen_results(challenge, *, by) -> Challenge:
    """Undo finalising, until the results are published; the scheduled task then does
    nothing when it runs, and finalising again schedules a new one."""
    locked = _locked(challenge)
    if locked.results_published_at:
        raise FinaliseRefused(_("The results are published; they can no longer be reopened."))
    if not locked.results_finalised_at:
        raise FinaliseRefused(_("The results are not finalised."))
    locked.results_finalised_at = None
    locked.save(update_fields=["results_finalised_at", "updated_at"])
    AuditLog.record(by, "challenge.results_reopened", locked)
    return locked


# What the results page and the gallery show ------------------------------------------------


@dataclass
class Results:
    entries_count: int
    named: list[Submission]  # winners then selected, with their entrants' consent, not hidden
    unnamed_count: int  # winners and selected without consent or hidden: counted, never named
    jurors: list = field(default_factory=list)
    top_voted: list[Submission] = field(default_factory=list)  # each with `vote_count`


def selected_entries(challenge):
    """Winners then selected entries, submitted, whatever the entrant's consent."""
    return (
        challenge.submissions.submitted()
        .filter(outcome__in=PUBLISHED_OUTCOMES)
        .select_related("entrant__profile")
        .order_by(WINNERS_FIRST, "title", "pk")
    )


def top_voted(challenge, now=None) -> list[Submission]:
    """The most voted entries once the vote counts are public (entries offered to the vote:
    submitted, with consent), with `vote_count`."""
    if not challenge.vote_counts_are_public(now):
        return []
    entries = (
        challenge.submissions.votable()
        .annotate(vote_count=Count("votes"))
        .filter(vote_count__gt=0)
        .select_related("entrant__profile")
        .order_by("-vote_count", "pk")
    )
    return list(entries[:TOP_VOTED])


def results_of(challenge) -> Results:
    """Everything the results page shows, in four queries whatever the number of entries."""
    selected = list(selected_entries(challenge))
    # Entries the moderators hid are counted like those without consent, never named.
    named = [entry for entry in selected if entry.consent_to_publish and not entry.is_hidden]
    jurors = list(challenge.jurors.select_related("user__profile").order_by("pk"))
    return Results(
        entries_count=challenge.submissions.submitted().count(),
        named=named,
        unnamed_count=len(selected) - len(named),
        jurors=jurors,
        top_voted=top_voted(challenge),
    )


def gallery_entries(challenge, *, preview: bool):
    """The entries of the gallery with their answers in form order. Once results are
    published it is exactly `in_gallery()`; an organiser's preview shows what it will be."""
    if preview:
        entries = challenge.submissions.submitted().filter(
            outcome__in=PUBLISHED_OUTCOMES, consent_to_publish=True, hidden_at=None
        )
    else:
        entries = challenge.submissions.in_gallery()
    answers = Answer.objects.select_related("question", "project").order_by(
        "question__position", "question__pk"
    )
    return (
        entries.select_related("entrant__profile")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by(WINNERS_FIRST, "title", "pk")
    )
