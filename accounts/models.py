"""A person's own settings: their time zone, "About you" answers, consent, check-ins,
their journal's version, and the devices that may show check-in notifications."""

import datetime
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
    checkins_on = models.BooleanField(
        default=False,
        help_text="Whether the person asked for check-ins during a bout (off until they do).",
    )
    checkin_time = models.TimeField(
        default=datetime.time(19, 0),
        help_text="Local time of day (in their time zone) from which the day's check-in goes.",
    )
    checkin_by_email = models.BooleanField(
        default=True, help_text="Send check-ins by email (when check-ins are on)."
    )
    checkin_by_push = models.BooleanField(
        default=False,
        help_text="Send check-ins as notifications to the devices that allowed them.",
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


class PushSubscription(models.Model):
    """A browser that agreed to show this person's check-in notifications (Web Push)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # The push service's address for this browser; a browser has one whoever is logged in.
    endpoint = models.URLField(max_length=2000, unique=True)
    p256dh = models.CharField(max_length=200, help_text="The browser's public key (base64url).")
    auth = models.CharField(max_length=100, help_text="The browser's auth secret (base64url).")
    label = models.CharField(max_length=100, blank=True, help_text="The person's name for it.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.label or f"Device added {self.created_at:%Y-%m-%d}"

    def as_subscription_info(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
