"""The guidance app: reviewed content, and the content version every write replaces."""

from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "guidance"

    def ready(self):
        from . import signals

        signals.connect(self)
