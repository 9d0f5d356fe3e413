"""Send the reminders of events starting within 24 hours to registrants not reminded yet.

The worker (`manage.py db_worker`) does this by itself at the right time; this sweep is for
deployments that run no worker (from cron, every few minutes) or to catch up by hand.
"""

from django.core.management.base import BaseCommand

from planet.events.reminders import send_due_reminders


class Command(BaseCommand):
    help = "E-mail the day-before reminders of events that are due to the people registered."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
