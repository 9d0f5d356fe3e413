"""Background work of challenges: results publish themselves at the announcement time.

`schedule_results` enqueues `publish_results` to run at `results_at` (or at once when that time
has passed). The task is kept in the database in the same transaction as the change that
scheduled it, so it cannot be lost; it is idempotent and checks the clock and the data again
when it runs, so a task left over from an earlier schedule does nothing.
`manage.py publish_due_results` does the same sweep by hand or from cron.
"""

from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from planet.challenges.models import Challenge


def schedule_results(challenge) -> None:
    run_after = max(challenge.results_at, timezone.now())
    publish_results.using(run_after=run_after).enqueue(challenge.pk)


@task()
def publish_results(challenge_id: int) -> bool:
    """Publish the results of a finalised challenge whose announcement time has come, then
    send each entrant their outcome. Returns whether results were published by this run."""
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().filter(pk=challenge_id).first()
        if challenge is None:
            return False
        published = challenge.results_due()
        if published:
            challenge.results_published_at = timezone.now()
            challenge.save(update_fields=["results_published_at", "updated_at"])
    if challenge.results_published_at and challenge.outcomes_sent_at is None:
        # Also finishes a sending that an earlier run could not complete (mail server down).
        from planet.challenges.outcomes import send_outcomes

        send_outcomes(challenge)
    return published


def publish_due_results() -> int:
    """Publish what is due and finish any unsent outcomes; return how many were published."""
    published = 0
    due = Challenge.objects.filter(
        Q(results_published_at=None, results_finalised_at__isnull=False)
        & Q(results_at__lte=timezone.now())
        | Q(results_published_at__isnull=False, outcomes_sent_at=None)
    )
    for challenge_id in due.values_list("pk", flat=True):
        published += publish_results.call(challenge_id)
    return published
