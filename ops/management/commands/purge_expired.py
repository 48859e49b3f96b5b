"""Delete old login records, expired sessions, share links and backups (ops/retention.py)."""

from django.core.management.base import BaseCommand

from ops.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete login records older than LOGIN_LOG_DAYS, expired sessions, sign-ups never "
        "opened, share links "
        "stopped or expired over SHARE_LINK_GRACE_DAYS ago, and backups older than "
        "BACKUP_KEEP_DAYS. Safe to run again."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        if options["verbosity"] > 0:
            summary = ", ".join(f"{count} {kind}" for kind, count in deleted.items())
            self.stdout.write(f"Deleted {summary}.")
