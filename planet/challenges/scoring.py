"""The jury's ranking: each review's weighted mean over the rubric, each entry's mean over its
completed reviews, the spread between jurors, and ties.

Exact fractions are used throughout so that equal scores compare equal (ties are flagged, not
hidden by rounding); they are shown rounded to two decimals.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Prefetch

from planet.challenges.models import Assignment, Score, Submission


def review_score(scores, weights: dict[int, int]) -> Fraction | None:
    """Weighted mean of one juror's scores: Σ weight × score / Σ weight over the criteria of
    the rubric. None unless every criterion is scored."""
    by_criterion = {score.criterion_id: score.value for score in scores}
    if not weights or set(weights) - set(by_criterion):
        return None
    total = sum(weights[c] * by_criterion[c] for c in weights)
    return Fraction(total, sum(weights.values()))


@dataclass
class RankedEntry:
    submission: Submission
    review_scores: list[Fraction] = field(default_factory=list)
    expected_reviews: int = 0
    rank: int | None = None
    tied: bool = False

    @property
    def mean(self) -> Fraction | None:
        if not self.review_scores:
            return None
        return Fraction(sum(self.review_scores), len(self.review_scores))

    @property
    def spread(self) -> Fraction | None:
        """Highest minus lowest review score: how far the jurors disagree."""
        if len(self.review_scores) < 2:
            return None
        return max(self.review_scores) - min(self.review_scores)

    @property
    def reviews_done(self) -> int:
        return len(self.review_scores)

    @property
    def missing_reviews(self) -> int:
        return max(self.expected_reviews - self.reviews_done, 0)


def ranking(challenge, round: int | None = None) -> list[RankedEntry]:
    """Submitted entries of `challenge` (only the shortlist in round 2), best first, with
    standard competition ranks (1, 2, 2, 4); unscored entries come last, unranked. Costs four
    queries whatever the number of entries."""
    round = round or challenge.review_round
    weights = {c.pk: c.weight for c in challenge.criteria.all()}
    reviews = (
        Assignment.objects.done()
        .filter(round=round)
        .prefetch_related(
            Prefetch(
                "scores", queryset=Score.objects.only("assignment_id", "criterion_id", "value")
            )
        )
    )
    entries = challenge.submissions.submitted().select_related("entrant__profile")
    if round > 1:
        entries = entries.filter(shortlisted=True)
    entries = entries.prefetch_related(Prefetch("assignments", queryset=reviews, to_attr="done"))
    ranked = []
    for entry in entries:
        scores = [review_score(a.scores.all(), weights) for a in entry.done]
        ranked.append(
            RankedEntry(
                entry,
                [s for s in scores if s is not None],
                expected_reviews=challenge.reviews_per_submission,
            )
        )
    scored = sorted(
        (r for r in ranked if r.mean is not None), key=lambda r: (-r.mean, r.submission.pk)
    )
    for position, entry in enumerate(scored):
        previous = scored[position - 1] if position else None
        if previous is not None and previous.mean == entry.mean:
            entry.rank, entry.tied, previous.tied = previous.rank, True, True
        else:
            entry.rank = position + 1
    return scored + [r for r in ranked if r.mean is None]


def as_decimal_text(value: Fraction | None) -> str:
    return "" if value is None else f"{float(value):.2f}"
