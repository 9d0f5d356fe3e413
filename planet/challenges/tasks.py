"""Background work of challenges: results publish themselves at the announcement time.

`schedule_results` enqueues `publish_results` to run at `results_at` (or at once when that time
has passed). The task is kept in the database in the same transaction as the change that
scheduled it, so it cannot be lost; it is idempotent and checks the clock and the data again
when it runs, so a task left over from an earlier schedule does nothing.
`manage.py publish_due_results` does the same sweep by hand or from cron.
"""

from django.db import transaction
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
        if challenge is None or not challenge.results_due():
            return False
        challenge.results_published_at = timezone.now()
        challenge.save(update_fields=["results_published_at", "updated_at"])
    from planet.challenges.outcomes import send_outcomes

    send_outcomes(challenge)
    return True


def publish_due_results() -> int:
    published = 0
    due = Challenge.objects.filter(
        results_published_at=None,
        results_finalised_at__isnull=False,
        results_at__lte=timezone.now(),
    )
    for challenge_id in due.values_list("pk", flat=True):
        published += publish_results.call(challenge_id)
    return published
