"""What the public review line says about a staff member beyond their name."""

from django.conf import settings
from django.db import models

from ..content_version import ContentQuerySet


class StaffProfile(models.Model):
    """What the public review line says about a staff member beyond their name."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    credentials = models.CharField(
        max_length=100,
        blank=True,
        help_text="Shown after the full name on articles this person signs off, "
        "e.g. 'GP' or 'MCSP, physiotherapist'.",
    )

    objects = ContentQuerySet.as_manager()

    def __str__(self):
        return f"Staff profile of {self.user}"
