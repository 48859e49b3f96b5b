"""The accounts app: people, their profiles and settings."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self):
        from . import login_limits, sessions, signals  # noqa: F401
