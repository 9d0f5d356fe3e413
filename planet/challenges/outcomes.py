"""Each entrant learns their outcome by e-mail once the results are published.

Sending is idempotent: an entry is marked sent in the same transaction as its e-mail leaves,
so a second run (or a run after a failure half-way) sends only what is missing. The e-mail is
written in the entrant's language when their profile names one of the interface languages.
When the organiser allows it, it carries the jurors' comments, never their names or scores.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from planet.challenges.models import Assignment, Challenge, Outcome, Score, Submission


@dataclass
class Review:
    """What an entrant may read of one review: the general comment and the criteria's."""

    comment: str
    criteria: list[tuple[str, str]] = field(default_factory=list)  # (criterion, comment)


def interface_language_of(user) -> str:
    """The first of the person's languages that the interface speaks, else the default."""
    available = {code.split("-")[0]: code for code, _name in settings.LANGUAGES}
    profile = getattr(user, "profile", None)
    for code in getattr(profile, "languages", None) or []:
        if code in available:
            return available[code]
    return settings.LANGUAGE_CODE


def reviews_for_entrant(entry: Submission) -> list[Review]:
    """The comments of the completed reviews that count (a conflict set aside does not).
    `entry.shared_reviews` must be prefetched (see `_pending_entries`)."""
    reviews = []
    for assignment in entry.shared_reviews:
        criteria = [
            (score.criterion.name, score.comment)
            for score in assignment.scores.all()
            if score.comment
        ]
        if assignment.comment or criteria:
            reviews.append(Review(assignment.comment, criteria))
    return reviews


def _pending_entries(challenge):
    entries = challenge.submissions.submitted().filter(outcome_sent_at=None)
    entries = entries.select_related("entrant__profile").order_by("pk")
    if challenge.share_comments:
        scores = Score.objects.select_related("criterion").order_by(
            "criterion__position", "criterion__pk"
        )
        reviews = (
            Assignment.objects.done()
            .order_by("round", "pk")
            .prefetch_related(Prefetch("scores", queryset=scores))
        )
        entries = entries.prefetch_related(
            Prefetch("assignments", queryset=reviews, to_attr="shared_reviews")
        )
    return entries


def _message(challenge, entry: Submission) -> tuple[str, str]:
    context = {
        "challenge": challenge,
        "entry": entry,
        "entrant": entry.entrant,
        "outcome": entry.outcome or Outcome.NOT_SELECTED,
        "in_gallery": entry.outcome in (Outcome.WINNER, Outcome.SELECTED)
        and entry.consent_to_publish
        and not entry.is_hidden,
        "reviews": reviews_for_entrant(entry) if challenge.share_comments else [],
        "results_url": settings.SITE_URL + reverse("challenges:results", args=[challenge.slug]),
        "gallery_url": settings.SITE_URL + reverse("challenges:gallery", args=[challenge.slug]),
    }
    with translation.override(interface_language_of(entry.entrant)):
        subject = render_to_string("challenges/email/outcome_subject.txt", context)
        body = render_to_string("challenges/email/outcome.txt", context)
    subject = " ".join(subject.split())
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body


def send_outcomes(challenge) -> int:
    """E-mail every entrant of a submitted entry their outcome, once; return how many were
    sent by this run."""
    sent = 0
    for entry in _pending_entries(challenge):
        with transaction.atomic():
            claimed = Submission.objects.filter(pk=entry.pk, outcome_sent_at=None).update(
                outcome_sent_at=timezone.now()
            )
            if not claimed:
                continue  # another run sent it meanwhile
            subject, body = _message(challenge, entry)
            send_mail(subject, body, None, [entry.entrant.email])
        sent += 1
    Challenge.objects.filter(pk=challenge.pk, outcomes_sent_at=None).update(
        outcomes_sent_at=timezone.now()
    )
    return sent
