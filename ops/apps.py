from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Site-wide operations (backup, restore): management commands, no models."""

    name = "ops"
