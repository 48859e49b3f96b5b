"""How soon to get help: one scale from "clear" to "emergency", with its words and style.

Warning signs and risk factors carry one of the three top levels as their urgency; the
journal's assessment can be at any of the five. Views and templates read the words and
the style from here instead of matching level names.
"""

from django.db import models


class CareLevel(models.TextChoices):
    # Declared from most to least urgent; `rank` grows with urgency.
    EMERGENCY = "emergency", "Emergency: call emergency services now"
    URGENT = "urgent", "Urgent: see a doctor today"
    SEE_DOCTOR = "see_doctor", "Book an appointment with a doctor"
    WATCH = "watch", "Within the threshold"
    CLEAR = "clear", "No current bout"

    @property
    def rank(self) -> int:
        """0 for clear up to 4 for emergency."""
        members = list(CareLevel)
        return len(members) - 1 - members.index(self)

    @property
    def badge(self) -> str:
        """The short word a warning-sign badge starts with."""
        return _BADGES[self.value]

    @property
    def style(self) -> str:
        """The Bootstrap colour that goes with the level (alert-…, text-bg-…)."""
        return _STYLES[self.value]

    @property
    def headline(self) -> str:
        """The level as the report's one-line summary of where a person stands."""
        return _HEADLINES[self.value]

    @property
    def signs_heading(self) -> str:
        """What to do, as the heading over a list of signs at this level."""
        return _SIGNS_HEADINGS[self.value]

    @property
    def cannot_wait(self) -> bool:
        """Urgent and emergency: shown as alerts, never left for an appointment."""
        return self.rank >= CareLevel.URGENT.rank


URGENCY_CHOICES = CareLevel.choices[:3]  # what a warning sign or risk factor can carry

_BADGES = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "see_doctor": "See a doctor",
    "watch": "Watch",
    "clear": "Clear",
}
_STYLES = {
    "emergency": "danger",
    "urgent": "danger",
    "see_doctor": "warning",
    "watch": "info",
    "clear": "success",
}
_HEADLINES = {
    "emergency": "Emergency: a warning sign needing emergency care",
    "urgent": "Urgent: a doctor should see this today",
    "see_doctor": "See a doctor: book an appointment",
    "watch": "Current bout within the threshold",
    "clear": "No current bout",
}
_SIGNS_HEADINGS = {
    "emergency": "Emergency: call your emergency number now (for example 999, 112 or 911) "
    "if you have:",
    "urgent": "Urgent: see a doctor today if you have:",
    "see_doctor": "Book an appointment with a doctor if you have:",
    "watch": "",
    "clear": "",
}
