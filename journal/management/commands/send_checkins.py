"""Queue the check-ins due now; run every 5 minutes from cron or a systemd timer."""

from django.core.management.base import BaseCommand

from journal.checkins import enqueue_due_checkins


class Command(BaseCommand):
    help = "Queue the check-ins due now (each person at most one a local day)."

    def handle(self, *args, **options):
        queued = enqueue_due_checkins()
        self.stdout.write(f"{len(queued)} check-in{'s' if len(queued) != 1 else ''} queued.")
