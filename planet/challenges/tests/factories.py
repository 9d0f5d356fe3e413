"""Small helpers to make challenges, entries and juries in tests.

Phases are given relative to `now` (the real or the travelled clock) unless set explicitly.
The organiser's zone is Europe/Paris by default, so that tests exercise a non-UTC zone.
"""

from datetime import timedelta

from django.utils import timezone

from planet.challenges.models import (
    Answer,
    Assignment,
    Challenge,
    ChallengeStatus,
    Criterion,
    Juror,
    Question,
    Score,
    Submission,
    SubmissionStatus,
)


def make_challenge(
    organiser=None, *, title="The Little Prince is back", organisation=None, **extra
) -> Challenge:
    now = timezone.now()
    extra.setdefault("kind", "contest")
    extra.setdefault("summary", "Write the Little Prince's return to a planet of today.")
    extra.setdefault("status", ChallengeStatus.PUBLISHED)
    extra.setdefault("timezone", "Europe/Paris")
    extra.setdefault("opens_at", now - timedelta(days=10))
    extra.setdefault("closes_at", now + timedelta(days=10))
    extra.setdefault("review_ends_at", extra["closes_at"] + timedelta(days=20))
    extra.setdefault("results_at", extra["review_ends_at"] + timedelta(days=5))
    return Challenge.objects.create(
        title=title, created_by=organiser, organisation=organisation, **extra
    )


def add_question(challenge, label="Your story", kind="long_text", **extra) -> Question:
    position = challenge.questions.count()
    return Question.objects.create(
        challenge=challenge, label=label, kind=kind, position=position, **extra
    )


def make_entry(challenge, entrant, *, title="A rose on Mars", submitted=True, **extra):
    status = SubmissionStatus.SUBMITTED if submitted else SubmissionStatus.DRAFT
    extra.setdefault("consent_to_publish", True)
    entry = Submission.objects.create(
        challenge=challenge,
        entrant=entrant,
        title=title,
        status=status,
        submitted_at=timezone.now() if submitted else None,
        **extra,
    )
    for question in challenge.questions.filter(kind="long_text"):
        Answer.objects.create(submission=entry, question=question, text=f"Once upon {title}.")
    return entry


def add_criteria(challenge, *weights: int) -> list[Criterion]:
    return [
        Criterion.objects.create(
            challenge=challenge, name=f"Criterion {n + 1}", weight=weight, position=n
        )
        for n, weight in enumerate(weights)
    ]


def seat_juror(challenge, user) -> Juror:
    return Juror.objects.get_or_create(challenge=challenge, user=user)[0]


def review(juror, entry, values: list[int], *, round=1, complete=True, comment="") -> Assignment:
    """An assignment of `entry` to `juror` scored with `values` (one per criterion, in order)."""
    assignment, _created = Assignment.objects.get_or_create(
        submission=entry, juror=juror, round=round
    )
    for criterion, value in zip(entry.challenge.criteria.all(), values, strict=False):
        Score.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"value": value}
        )
    assignment.comment = comment
    assignment.completed_at = timezone.now() if complete else None
    assignment.save()
    return assignment
