"""The report page's "Share with a clinician" form: which range, for how long, with a QR code."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from . import periods, sharing
from .models import ShareLink
from .plausible import EARLIEST_DAY
from .ranges import CUSTOM, DEFAULT_PRESET, PRESET_LABELS, preset_range

RANGE_CHOICES = [(key, ShareLink.Range(key).label) for key in PRESET_LABELS]
LASTS_LABELS = {1: "1 day", 7: "7 days", 30: "30 days"}


class ShareLinkForm(forms.Form):
    """The range is one of the report's presets, or the dates the report shows (carried in
    hidden fields, chosen with the report's own range controls); the end is today at the
    latest, so a clinician never sees a day logged after the link was made."""

    range = forms.ChoiceField(
        label="Range to share",
        choices=RANGE_CHOICES,
        initial=DEFAULT_PRESET,
        error_messages={"invalid_choice": "Choose one of the ranges listed."},
    )
    start = forms.DateField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    end = forms.DateField(required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    lasts = forms.TypedChoiceField(
        label="The link works for",
        choices=list(LASTS_LABELS.items()),
        coerce=int,
        initial=sharing.DEFAULT_LASTS_DAYS,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose 1, 7 or 30 days."},
    )
    qr_code = forms.BooleanField(
        label="Print a QR code of the link on the report",
        required=False,
        help_text="A clinician can scan it from the paper copy to open the report.",
    )

    def __init__(self, *args, user, today: datetime.date, custom_label: str = "", **kwargs):
        # Its own ids: the report's range controls above already have id_start and id_end.
        kwargs.setdefault("auto_id", "id_share_%s")
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today
        if custom_label or self.data.get("range") == CUSTOM:
            label = f"The dates shown: {custom_label}" if custom_label else "The dates shown"
            self.fields["range"].choices = [*RANGE_CHOICES, (CUSTOM, label)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("range") == CUSTOM:
            start, end = cleaned.get("start"), cleaned.get("end") or self.today
            if start is None or "start" in self.errors or "end" in self.errors:
                raise forms.ValidationError(
                    "Choose the dates with the range controls above, then share them."
                )
            if not EARLIEST_DAY <= start <= end:
                raise forms.ValidationError("The start date must come before the end date.")
            if end > self.today:
                raise forms.ValidationError(
                    "A shared report ends today at the latest: choose an end date up to today."
                )
            cleaned["end"] = end
        if sharing.active_link_count(self.user, timezone.now()) >= sharing.MAX_ACTIVE_LINKS:
            raise forms.ValidationError(
                f"You already have {sharing.MAX_ACTIVE_LINKS} links working. Stop one in "
                "Settings before making another."
            )
        return cleaned

    @property
    def range_key(self) -> str:
        return self.cleaned_data["range"]

    def day_range(self) -> periods.DayRange:
        if self.range_key == CUSTOM:
            return periods.DayRange(self.cleaned_data["start"], self.cleaned_data["end"])
        return preset_range(self.range_key, self.today)

    def range_params(self) -> dict:
        """The shared range as the report's range controls ask for it."""
        if self.range_key == CUSTOM:
            day_range = self.day_range()
            return {"start": day_range.start.isoformat(), "end": day_range.end.isoformat()}
        return {"range": self.range_key}


def initial_for(choice) -> dict:
    """The form's starting values: the range the report shows."""
    if choice.preset == CUSTOM:
        return {
            "range": CUSTOM,
            "start": choice.day_range.start,
            "end": choice.day_range.end,
        }
    return {"range": choice.preset}
