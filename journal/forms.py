"""The journal's forms: an episode in full, the quick log, the list filter and the import."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone

from guidance.models import RedFlag, Trigger

from .imports import MAX_IMPORT_BYTES
from .models import NOTES_MAX_LENGTH, SEVERITY_MAX, SEVERITY_MIN, Episode, PersonalTrigger
from .personal import clean_name, find_by_name
from .plausible import EARLIEST_YEAR, latest_moment
from .remedy_fields import RemedyFieldsMixin
from .versions import episode_version

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"

SEVERITY_ANCHORS = {0: "no pain", 5: "moderate", 10: "worst imaginable"}
SEVERITY_CHOICES = [
    (n, f"{n} ({SEVERITY_ANCHORS[n]})" if n in SEVERITY_ANCHORS else str(n))
    for n in range(SEVERITY_MIN, SEVERITY_MAX + 1)
]
# One wording throughout: a reading answers "how bad is it now?"; an episode's peak is
# its "worst".
SCALE_HELP = "0 is no pain, 10 is the worst pain you can imagine."
SEVERITY_LABEL = "How bad was it at its worst? (0-10)"
SEVERITY_NOW_LABEL = "How bad is it now? (0-10)"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL_FORMAT)


def _check_plausible(value, label):
    if value and value > latest_moment(timezone.now()):
        raise forms.ValidationError(
            f"The {label} time is in the future. Log what has happened so far."
        )
    if value and value.year < EARLIEST_YEAR:
        raise forms.ValidationError(f"The {label} date is before {EARLIEST_YEAR}. Check the year.")
    return value


# A log kept on a phone while offline is sent within this long, or not at all.
OFFLINE_LOG_MAX_AGE = datetime.timedelta(days=7)

# A start further back than this is checked with the person before it is saved.
OLD_START = datetime.timedelta(days=7)


def long_day(moment) -> str:
    """Tuesday 3 March 2025, in the person's zone."""
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y}"


def time_ago(moment, now) -> str:
    """How long ago, roughly, as a person says it: 9 days, 3 weeks, 21 months, 100 years."""
    days = (timezone.localdate(now) - timezone.localdate(moment)).days
    if days < 14:
        amount, unit = days, "day"
    elif days < 61:
        amount, unit = days // 7, "week"
    elif days < 730:
        amount, unit = round(days / 30.44), "month"
    else:
        amount, unit = int(days / 365.25), "year"
    return f"{amount} {unit}{'' if amount == 1 else 's'} ago"


def _in_words(moment) -> str:
    """Tue 3 Mar at 08:14, in the person's zone."""
    local = timezone.localtime(moment)
    return f"{local:%a} {local.day} {local:%b} at {local:%H:%M}"


class VocabularyChoiceField(forms.ModelMultipleChoiceField):
    """Checkbox choices from guidance; ids that cannot be row ids are refused before any query.

    Without this, a huge number in the posted data overflows the database integer type.
    """

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        for pk in value:
            if not str(pk).isascii() or not str(pk).isdigit() or len(str(pk)) > 18:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class SeverityField(forms.TypedChoiceField):
    def __init__(self, label=SEVERITY_LABEL, **kwargs):
        super().__init__(
            choices=SEVERITY_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
            label=label,
            help_text=SCALE_HELP,
            error_messages={
                "required": "Choose how bad the pain is, from 0 to 10.",
                "invalid_choice": "Pain must be a whole number from 0 to 10.",
            },
            **kwargs,
        )


class EpisodeForm(RemedyFieldsMixin, forms.ModelForm):
    """An episode with its triggers, warning signs and the remedies tried."""

    severity = SeverityField()
    # The episode as it was when the form was drawn (services.episode_version): saving
    # it over a newer version would lose someone else's change.
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm_old_start = forms.BooleanField(
        required=False,
        label="Yes, that is the right date",
        help_text="Tick this if it really started then.",
    )
    other_trigger = forms.CharField(
        required=False,
        label="Other trigger",
        help_text="Something not in the list. Only you can see it.",
    )

    class Meta:
        model = Episode
        fields = [
            "started_at",
            "ended_at",
            "severity",
            "location",
            "side",
            "triggers",
            "personal_triggers",
            "red_flags",
            "notes",
        ]
        labels = {
            "started_at": "When did it start?",
            "ended_at": "When did it ease?",
            "location": "Where is the pain?",
            "side": "Which side?",
            "triggers": "What might have set it off?",
            "personal_triggers": "Your own triggers",
            "red_flags": "Warning signs: tick any that are true",
            "notes": "Notes",
        }
        help_texts = {
            "ended_at": "Leave empty if it is still going.",
            "notes": f"Anything else worth remembering (up to {NOTES_MAX_LENGTH} characters).",
        }
        widgets = {
            "started_at": DateTimeLocalInput(),
            "ended_at": DateTimeLocalInput(),
            "location": forms.RadioSelect,
            "side": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "triggers": VocabularyChoiceField,
            "personal_triggers": VocabularyChoiceField,
            "red_flags": VocabularyChoiceField,
        }
        error_messages = {
            "location": {
                "required": "Choose where the pain is.",
                "invalid_choice": "Choose one of the listed places for the pain.",
            },
            "side": {"invalid_choice": "Choose one of the listed sides."},
            "started_at": {
                "required": "Enter when it started.",
                "invalid": "Enter the start as a date and time, like 2026-03-14 08:30.",
            },
            "ended_at": {"invalid": "Enter the end as a date and time, like 2026-03-14 18:00."},
            "notes": {
                "max_length": "Notes can be at most %(limit_value)d characters (you typed %(show_value)d)."
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        episode = self.instance
        existing = episode.pk is not None
        self.fields["side"].choices = [("", "Not sure"), *Episode.Side.choices]
        self.fields["side"].required = False
        self.fields["triggers"].queryset = Trigger.objects.filter(
            Q(active=True) | Q(pk__in=episode.triggers.all() if existing else [])
        )
        self.fields["triggers"].error_messages["invalid_choice"] = (
            "%(value)s is not one of the listed triggers."
        )
        self.fields["personal_triggers"].queryset = PersonalTrigger.objects.filter(
            user_id=episode.user_id
        ).filter(Q(active=True) | Q(pk__in=episode.personal_triggers.all() if existing else []))
        self.fields["personal_triggers"].label_from_instance = lambda trigger: trigger.name
        self.fields["personal_triggers"].error_messages["invalid_choice"] = (
            "%(value)s is not one of your own triggers."
        )
        self.fields["red_flags"].queryset = RedFlag.objects.filter(
            Q(active=True) | Q(pk__in=episode.red_flags.all() if existing else [])
        )
        self.fields["red_flags"].label_from_instance = lambda flag: flag.question
        self.fields["red_flags"].help_text = "Leave them unticked if none apply."
        self.fields["red_flags"].error_messages["invalid_choice"] = (
            "%(value)s is not one of the listed warning signs."
        )
        self.fields["location"].choices = Episode.Location.choices
        if existing:
            self.initial["version"] = episode_version(episode)
        if not existing and not self.initial.get("started_at"):
            self.initial["started_at"] = timezone.localtime().replace(second=0, microsecond=0)

        self.add_remedy_fields(episode)

    @property
    def offers_own_triggers(self):
        return bool(self.fields["personal_triggers"].choices)

    def clean_other_trigger(self):
        value = self.cleaned_data.get("other_trigger", "")
        return clean_name(value, "trigger") if value.strip() else ""

    def clean_started_at(self):
        return _check_plausible(self.cleaned_data.get("started_at"), "start")

    def clean_ended_at(self):
        return _check_plausible(self.cleaned_data.get("ended_at"), "end")

    def clean(self):
        cleaned = super().clean()
        started_at, ended_at = cleaned.get("started_at"), cleaned.get("ended_at")
        if started_at and ended_at and ended_at < started_at:
            self.add_error("ended_at", "The end must be after the start.")
        if self.instance.pk is not None:
            self._check_readings(started_at, ended_at, cleaned.get("severity"))
        self._check_old_start(started_at, cleaned.get("confirm_old_start"))
        self._place_other_trigger(cleaned)
        self.clean_remedy_answers()
        return cleaned

    def _place_other_trigger(self, cleaned):
        """ "Other trigger" naming one already listed ticks that one; a new name is added
        as the person's own when the episode is saved (``new_own_trigger``)."""
        self.new_own_trigger = ""
        name = cleaned.get("other_trigger")
        if not name:
            return
        reviewed = find_by_name(self.fields["triggers"].queryset, name)
        own = find_by_name(self.fields["personal_triggers"].queryset, name)
        if reviewed is not None and "triggers" in cleaned:
            cleaned["triggers"] = [*cleaned["triggers"], reviewed]
        elif own is not None and "personal_triggers" in cleaned:
            cleaned["personal_triggers"] = [*cleaned["personal_triggers"], own]
        elif reviewed is None and own is None:
            self.new_own_trigger = name

    @property
    def asks_to_confirm_start(self):
        return "confirm_old_start" in self.errors or bool(self.data.get("confirm_old_start"))

    def _check_old_start(self, started_at, confirmed):
        """A start long ago is often a typed year (2025 for 2026, 1926): say it in words and
        ask before saving. An unchanged start on an edit is not asked about again."""
        if started_at is None or confirmed:
            return
        if self.instance.pk is not None and started_at == self.instance.started_at:
            return
        now = timezone.now()
        if now - started_at <= OLD_START:
            return
        self.add_error(
            "confirm_old_start",
            f"Did it really start on {long_day(started_at)}, {time_ago(started_at, now)}? "
            "If so, tick the box and save again; if not, correct the date.",
        )

    def _check_readings(self, started_at, ended_at, worst):
        """An edit must leave the readings inside the episode and none above its worst.

        The reading taken at the start moves with it (journal.services); the others stay.
        The instance still holds the saved values here (ModelForm updates it after clean).
        """
        readings = list(self.instance.readings.all())
        later = [r for r in readings if r.taken_at != self.instance.started_at]
        if later and started_at and started_at > later[0].taken_at:
            self.add_error(
                "started_at",
                f"You added a pain reading on {_in_words(later[0].taken_at)}: "
                "the start must be at or before it.",
            )
        if later and ended_at and ended_at < later[-1].taken_at:
            self.add_error(
                "ended_at",
                f"You added a pain reading on {_in_words(later[-1].taken_at)}: "
                "the end must be at or after it.",
            )
        if readings and worst is not None:
            peak = max(readings, key=lambda r: (r.severity, r.taken_at))
            others = [r.severity for r in readings if r is not peak]
            if others and worst < max(others):
                self.add_error(
                    "severity",
                    f"Your pain readings during this episode reached {max(others)}/10: "
                    "the worst cannot be lower.",
                )


class QuickLogForm(forms.Form):
    """'It's happening now': the two things that matter, and the start is now.

    With an episode going on in the same place it adds a reading to it, unless the person
    says this is a new, separate spasm (``separate``).
    """

    severity = SeverityField(label=SEVERITY_NOW_LABEL)
    location = forms.ChoiceField(
        choices=Episode.Location.choices,
        widget=forms.RadioSelect,
        label="Where?",
        error_messages={
            "required": "Choose where the pain is.",
            "invalid_choice": "Choose one of the listed places for the pain.",
        },
    )

    separate = forms.BooleanField(required=False)
    # Sent only by a phone passing on a log it kept while offline (static/js/offline-log.js).
    logged_at = forms.DateTimeField(
        required=False,
        error_messages={"invalid": "The time this was logged could not be read."},
    )
    client_key = forms.UUIDField(
        required=False,
        error_messages={"invalid": "The phone's key for this log could not be read."},
    )

    def clean_logged_at(self):
        logged_at = self.cleaned_data["logged_at"]
        if logged_at is None:
            return None
        now = timezone.now()
        if logged_at > latest_moment(now):
            raise forms.ValidationError(
                "This log's time is in the future, so it was not saved. "
                "Check the date and time on your phone."
            )
        if logged_at < now - OFFLINE_LOG_MAX_AGE:
            raise forms.ValidationError(
                f"This log was kept on your phone for more than {OFFLINE_LOG_MAX_AGE.days} "
                'days, so it was not saved. Add it with "Log with more detail" instead.'
            )
        return logged_at


class ReadingForm(forms.Form):
    """ "How bad is it now?": one tap on the 0-10 scale adds a reading."""

    severity = SeverityField(label=SEVERITY_NOW_LABEL)


class WarningSignsForm(forms.Form):
    """The warning-sign questions asked after a quick log; "None of these" is one tap."""

    red_flags = VocabularyChoiceField(
        queryset=RedFlag.objects.none(),
        required=False,
        label="Is any of these true?",
        help_text="Tick any that are true, or tap None of these.",
    )

    def __init__(self, *args, episode, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["red_flags"]
        field.queryset = RedFlag.objects.filter(active=True)
        field.label_from_instance = lambda flag: flag.question
        field.error_messages["invalid_choice"] = "%(value)s is not one of the listed warning signs."
        if not self.is_bound:
            self.initial["red_flags"] = list(episode.red_flags.filter(active=True))


class RemediesForm(RemedyFieldsMixin, forms.Form):
    """ "Trying anything?": the remedies, asked after a quick log."""

    def __init__(self, *args, episode, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_remedy_fields(episode)

    def clean(self):
        cleaned = super().clean()
        self.clean_remedy_answers()
        return cleaned


class EaseForm(forms.Form):
    """When an ongoing episode eased: now unless a time is given, in the person's zone."""

    ended_at = forms.DateTimeField(
        required=False,
        label="When did it ease?",
        widget=DateTimeLocalInput(),
        error_messages={
            "invalid": "Enter when it eased as a date and time, like 2026-03-14 18:00."
        },
    )

    def __init__(self, *args, episode, last_reading_at=None, **kwargs):
        self.episode = episode
        self.last_reading_at = last_reading_at
        super().__init__(*args, **kwargs)

    def clean_ended_at(self):
        now = timezone.now()
        ended_at = self.cleaned_data.get("ended_at") or now
        if ended_at > latest_moment(now):
            raise forms.ValidationError(
                "That time is in the future. Choose when it eased, up to now."
            )
        if ended_at < self.episode.started_at:
            raise forms.ValidationError(
                f"It started on {_in_words(self.episode.started_at)}: choose a time after that."
            )
        last = self.last_reading_at
        if last and ended_at < last:
            raise forms.ValidationError(
                f"You said how bad it was on {_in_words(last)}: choose a time after that."
            )
        return ended_at


class EpisodeFilterForm(forms.Form):
    start = forms.DateField(
        required=False,
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the 'from' date as YYYY-MM-DD."},
    )
    end = forms.DateField(
        required=False,
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the 'to' date as YYYY-MM-DD."},
    )
    location = forms.ChoiceField(
        required=False,
        choices=[("", "Anywhere"), *Episode.Location.choices],
        error_messages={"invalid_choice": "Choose a place from the list."},
    )
    trigger = forms.ModelChoiceField(
        required=False,
        queryset=Trigger.objects.all(),
        to_field_name="slug",
        empty_label="Any trigger",
        error_messages={"invalid_choice": "That trigger is not in the list."},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The 'to' date must be on or after the 'from' date.")
        return cleaned

    def filter(self, episodes):
        # __date compares in the active time zone: the person's own calendar days.
        data = self.cleaned_data
        if data.get("start"):
            episodes = episodes.filter(started_at__date__gte=data["start"])
        if data.get("end"):
            episodes = episodes.filter(started_at__date__lte=data["end"])
        if data.get("location"):
            episodes = episodes.filter(location=data["location"])
        if data.get("trigger"):
            episodes = episodes.filter(triggers=data["trigger"])
        return episodes


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Episodes file (.csv)",
        help_text="A CSV file exported from BackCare, or one with the same columns. Up to 2 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Choose a CSV file to upload.",
            "empty": "The file is empty.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_IMPORT_BYTES // 1024 // 1024} MB. Split it into smaller files."
            )
        return upload
