"""The journal app: a person's own records of their back spasms."""

from django.apps import AppConfig


class JournalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "journal"

    def ready(self):
        from . import signals  # noqa: F401
