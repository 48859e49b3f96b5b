"""The numbers the journal's assessment applies, edited by staff."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ..content_version import ContentQuerySet

# Each number's allowed range, enforced twice: by the form's validators and by the
# database's check constraint (named here).
RANGES = {
    "see_doctor_after_days": (1, 90, "thresholds_see_doctor_days_range"),
    "symptom_free_gap_days": (1, 30, "thresholds_gap_days_range"),
    "recurrence_bouts": (2, 20, "thresholds_recurrence_bouts_range"),
    "recurrence_window_days": (1, 365, "thresholds_recurrence_window_range"),
    "severe_pain_level": (1, 10, "thresholds_severe_pain_range"),
    "severe_pain_days": (1, 30, "thresholds_severe_pain_days_range"),
    "not_improving_after_days": (1, 60, "thresholds_not_improving_days_range"),
}

# The thresholds staff edit, in the order the admin lists them.
THRESHOLD_FIELDS = list(RANGES)


def _within(field):
    low, high, _ = RANGES[field]
    return [MinValueValidator(low), MaxValueValidator(high)]


class CareThresholds(models.Model):
    """The numbers the journal's assessment applies. There is exactly one row."""

    # Each help text says where the number comes from: a clinical guideline, or a rule of
    # thumb of BackCare's own (the README lists them the same way).
    see_doctor_after_days = models.PositiveSmallIntegerField(
        default=14,
        validators=_within("see_doctor_after_days"),
        help_text="A bout lasting longer than this many days means 'see a doctor'. "
        "BackCare's own rule of thumb: earlier than the NHS advice to see a GP when back "
        "pain has not improved after a few weeks of self-care.",
    )
    symptom_free_gap_days = models.PositiveSmallIntegerField(
        default=3,
        validators=_within("symptom_free_gap_days"),
        help_text="An episode starting at most this many days after the last one joins its "
        "bout. BackCare's own rule of thumb for counting one run of spasms as one bout.",
    )
    recurrence_bouts = models.PositiveSmallIntegerField(
        default=3,
        validators=_within("recurrence_bouts"),
        help_text="This many bouts within the recurrence window means 'see a doctor' "
        "(spasms that keep coming back despite self-care). BackCare's own rule of thumb.",
    )
    recurrence_window_days = models.PositiveSmallIntegerField(
        default=90,
        validators=_within("recurrence_window_days"),
        help_text="The window for counting recurring bouts. BackCare's own rule of thumb.",
    )
    severe_pain_level = models.PositiveSmallIntegerField(
        default=8,
        validators=_within("severe_pain_level"),
        help_text="Pain at or above this level on the 0-10 scale counts as severe. "
        "BackCare's own rule of thumb (the top of the numeric rating scale).",
    )
    severe_pain_days = models.PositiveSmallIntegerField(
        default=2,
        validators=_within("severe_pain_days"),
        help_text="Severe pain lasting longer than this many days means 'see a doctor'; "
        "an ordinary spasm can be severe for its first hours. BackCare's own rule of thumb, "
        "following the NHS advice to get help when pain is severe or getting worse.",
    )
    not_improving_after_days = models.PositiveSmallIntegerField(
        default=7,
        validators=_within("not_improving_after_days"),
        help_text="Pain no lower than at the start after this many days of self-care means "
        "'see a doctor'. BackCare's own rule of thumb, following the NHS advice to see a GP "
        "when back pain is not improving with self-care.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = "care thresholds"
        verbose_name_plural = "care thresholds"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
            )
            for field, (low, high, name) in RANGES.items()
        ]

    def __str__(self):
        return "Care thresholds"

    def save(self, *args, **kwargs):
        self.pk = 1  # one row only
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The row in force; defaults if staff have not created it yet."""
        thresholds = cls.objects.filter(pk=1).first()
        return thresholds or cls(pk=1)
