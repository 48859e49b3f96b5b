"""A person's own settings: their time zone, "About you" answers, consent and their
journal's version."""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone this site knows.")


def new_journal_version() -> str:
    return uuid.uuid4().hex


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text="IANA time zone name; days in the journal are counted in it.",
    )
    risk_factors = models.ManyToManyField(
        "guidance.RiskFactor",
        blank=True,
        related_name="profiles",
        help_text='What the person said yes to on "About you" (optional, private).',
    )
    about_you_answered_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text='When the person answered or skipped "About you"; until then the '
        "journal offers it once.",
    )
    health_data_consent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the person agreed to BackCare storing their health information.",
    )
    health_data_consent_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The privacy notice version they agreed to (accounts/privacy.py).",
    )
    journal_version = models.CharField(
        max_length=32,
        default=new_journal_version,
        editable=False,
        help_text="Replaced whenever this person's episodes change; keys their cached charts.",
    )

    class Meta:
        # Made by the journal app before accounts existed; the table and its rows stay.
        db_table = "journal_profile"

    def __str__(self):
        return f"Profile of {self.user}"

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)
