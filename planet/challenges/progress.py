"""How far the jury has got: reviews done and assigned per juror and per entry, and each
criterion's mean per entry. One query each, whatever the size of the jury or the number of
entries."""

from django.db.models import Avg, Count, Q

from planet.challenges.assignment import entries_in_round
from planet.challenges.models import Score


def _counts(prefix: str, round: int) -> dict:
    active = Q(**{f"{prefix}round": round, f"{prefix}conflict_declared_at": None})
    return {
        "assigned_count": Count(f"{prefix}pk", filter=active),
        "done_count": Count(
            f"{prefix}pk", filter=active & Q(**{f"{prefix}completed_at__isnull": False})
        ),
        "conflict_count": Count(
            f"{prefix}pk",
            filter=Q(**{f"{prefix}round": round, f"{prefix}conflict_declared_at__isnull": False}),
        ),
    }


def juror_progress(challenge):
    """The jurors with `assigned_count`, `done_count` and `conflict_count` in the current
    round."""
    return (
        challenge.jurors.select_related("user__profile")
        .annotate(**_counts("assignments__", challenge.review_round))
        .order_by("pk")
    )


def entry_progress(challenge):
    """The entries of the current round with the same counts, and `missing_count`: reviews
    not yet assigned."""
    entries = list(
        entries_in_round(challenge)
        .select_related("entrant__profile")
        .annotate(**_counts("assignments__", challenge.review_round))
        .order_by("pk")
    )
    for entry in entries:
        entry.missing_count = max(challenge.reviews_per_submission - entry.assigned_count, 0)
    return entries


def criterion_means(challenge, round: int | None = None) -> dict[tuple[int, int], float]:
    """(entry id, criterion id) → mean score over the completed reviews of the round."""
    round = round or challenge.review_round
    scores = Score.objects.filter(
        assignment__submission__challenge=challenge,
        assignment__round=round,
        assignment__conflict_declared_at=None,
        assignment__completed_at__isnull=False,
    )
    rows = scores.values("assignment__submission_id", "criterion_id").annotate(mean=Avg("value"))
    return {
        (row["assignment__submission_id"], row["criterion_id"]): float(row["mean"]) for row in rows
    }
