"""Site-wide operations (backup, restore): management commands, no models."""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
