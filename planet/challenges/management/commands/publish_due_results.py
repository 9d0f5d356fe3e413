"""Publish the results whose announcement time has come, and send outcomes still unsent.

The worker (`manage.py db_worker`) does this by itself at the right minute; this sweep is for
deployments that run no worker (from cron, every few minutes) or to catch up by hand.
"""

from django.core.management.base import BaseCommand

from planet.challenges.tasks import publish_due_results


class Command(BaseCommand):
    help = "Publish the challenge results that are due and e-mail the entrants their outcome."

    def handle(self, *args, **options):
        published = publish_due_results()
        self.stdout.write(f"{published} challenge(s) published.")
