"""The numbers the journal's assessment applies, edited by staff."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ..content_version import ContentQuerySet


def _days(maximum):
    return [MinValueValidator(1), MaxValueValidator(maximum)]


class CareThresholds(models.Model):
    """The numbers the journal's assessment applies. There is exactly one row."""

    # Each help text says where the number comes from: a clinical guideline, or a rule of
    # thumb of BackCare's own (the README lists them the same way).
    see_doctor_after_days = models.PositiveSmallIntegerField(
        default=14,
        validators=_days(90),
        help_text="A bout lasting longer than this many days means 'see a doctor'. "
        "BackCare's own rule of thumb: earlier than the NHS advice to see a GP when back "
        "pain has not improved after a few weeks of self-care.",
    )
    symptom_free_gap_days = models.PositiveSmallIntegerField(
        default=3,
        validators=_days(30),
        help_text="An episode starting at most this many days after the last one joins its "
        "bout. BackCare's own rule of thumb for counting one run of spasms as one bout.",
    )
    recurrence_bouts = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="This many bouts within the recurrence window means 'see a doctor' "
        "(spasms that keep coming back despite self-care). BackCare's own rule of thumb.",
    )
    recurrence_window_days = models.PositiveSmallIntegerField(
        default=90,
        validators=_days(365),
        help_text="The window for counting recurring bouts. BackCare's own rule of thumb.",
    )
    severe_pain_level = models.PositiveSmallIntegerField(
        default=8,
        validators=_days(10),
        help_text="Pain at or above this level on the 0-10 scale counts as severe. "
        "BackCare's own rule of thumb (the top of the numeric rating scale).",
    )
    severe_pain_days = models.PositiveSmallIntegerField(
        default=2,
        validators=_days(30),
        help_text="Severe pain lasting longer than this many days means 'see a doctor'; "
        "an ordinary spasm can be severe for its first hours. BackCare's own rule of thumb, "
        "following the NHS advice to get help when pain is severe or getting worse.",
    )
    not_improving_after_days = models.PositiveSmallIntegerField(
        default=7,
        validators=_days(60),
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
                condition=models.Q(see_doctor_after_days__gte=1, see_doctor_after_days__lte=90),
                name="thresholds_see_doctor_days_range",
            ),
            models.CheckConstraint(
                condition=models.Q(symptom_free_gap_days__gte=1, symptom_free_gap_days__lte=30),
                name="thresholds_gap_days_range",
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence_bouts__gte=2, recurrence_bouts__lte=20),
                name="thresholds_recurrence_bouts_range",
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence_window_days__gte=1, recurrence_window_days__lte=365),
                name="thresholds_recurrence_window_range",
            ),
            models.CheckConstraint(
                condition=models.Q(severe_pain_level__gte=1, severe_pain_level__lte=10),
                name="thresholds_severe_pain_range",
            ),
            models.CheckConstraint(
                condition=models.Q(severe_pain_days__gte=1, severe_pain_days__lte=30),
                name="thresholds_severe_pain_days_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    not_improving_after_days__gte=1, not_improving_after_days__lte=60
                ),
                name="thresholds_not_improving_days_range",
            ),
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
