"""Print a new VAPID key pair for Web Push, as the settings take it."""

from django.core.management.base import BaseCommand

from accounts.push import new_vapid_keys


class Command(BaseCommand):
    help = "Print a new VAPID key pair for check-in notifications (Web Push)."

    def handle(self, *args, **options):
        public, private = new_vapid_keys()
        self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={public}")
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={private}")
        self.stdout.write(
            "Keep the private key secret. Changing the pair later stops notifications to "
            "every device until each turns them on again."
        )
