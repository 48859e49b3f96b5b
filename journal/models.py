"""What a person records about their own back spasms. Private to its owner."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from guidance.models import RedFlag, Remedy, Trigger

SEVERITY_MIN = 0
SEVERITY_MAX = 10
NOTES_MAX_LENGTH = 2000


class EpisodeQuerySet(models.QuerySet):
    def for_user(self, user):
        """The only way journal views reach episodes: the owner's, never anyone else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def ongoing(self):
        return self.filter(ended_at__isnull=True)


class Episode(models.Model):
    class Location(models.TextChoices):
        LOWER = "lower", "Lower back"
        MID = "mid", "Mid back"
        UPPER = "upper", "Upper back"
        NECK = "neck", "Neck"

    class Side(models.TextChoices):
        LEFT = "left", "Left"
        RIGHT = "right", "Right"
        BOTH = "both", "Both sides"
        CENTRE = "centre", "Centre"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="episodes"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty while it is still going."
    )
    severity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SEVERITY_MIN), MaxValueValidator(SEVERITY_MAX)],
        help_text="Worst pain, 0 (none) to 10 (worst imaginable): the highest of its readings.",
    )
    location = models.CharField(max_length=10, choices=Location.choices)
    side = models.CharField(max_length=10, choices=Side.choices, blank=True)
    triggers = models.ManyToManyField(Trigger, blank=True, related_name="episodes")
    red_flags = models.ManyToManyField(RedFlag, blank=True, related_name="episodes")
    remedies = models.ManyToManyField(Remedy, through="RemedyUse", related_name="episodes")
    personal_triggers = models.ManyToManyField(
        "PersonalTrigger", blank=True, related_name="episodes"
    )
    personal_remedies = models.ManyToManyField(
        "PersonalRemedy", through="PersonalRemedyUse", related_name="episodes"
    )
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    client_key = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text="Made by the phone for a quick log kept while offline, so that sending it "
        "twice stores it once.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["user", "started_at"]),
            # The dashboard asks for the episodes still going on every visit.
            models.Index(
                fields=["user", "started_at"],
                condition=models.Q(ended_at__isnull=True),
                name="episode_ongoing_by_user",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(severity__gte=SEVERITY_MIN, severity__lte=SEVERITY_MAX),
                name="episode_severity_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="episode_ends_after_it_starts",
            ),
            # Per person: two people's phones may happen to make the same key.
            models.UniqueConstraint(
                fields=["user", "client_key"],
                condition=models.Q(client_key__isnull=False),
                name="episode_client_key_once_per_user",
            ),
        ]

    def __str__(self):
        # Shown wherever Django names an object (e.g. the admin's list of what deleting a
        # user removes), so it says nothing about the person's health.
        return f"Journal episode {self.pk}"

    def get_absolute_url(self):
        return reverse("journal:episode_detail", args=[self.pk])

    @property
    def is_ongoing(self):
        return self.ended_at is None


class Effect(models.IntegerChoices):
    """How much a remedy helped, the same scale for the reviewed ones and a person's own."""

    WORSE = -1, "Made it worse"
    NO_CHANGE = 0, "No change"
    A_LITTLE_BETTER = 1, "A little better"
    MUCH_BETTER = 2, "Much better"


EFFECT_IN_RANGE = models.Q(effect__gte=Effect.WORSE.value, effect__lte=Effect.MUCH_BETTER.value)


class RemedyUse(models.Model):
    Effect = Effect

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="remedy_uses")
    remedy = models.ForeignKey(Remedy, on_delete=models.PROTECT, related_name="uses")
    effect = models.SmallIntegerField(choices=Effect.choices)

    class Meta:
        ordering = ["remedy__order", "remedy__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "remedy"], name="one_use_per_remedy_per_episode"
            ),
            models.CheckConstraint(condition=EFFECT_IN_RANGE, name="remedy_effect_range"),
        ]

    def __str__(self):
        return f"Remedy use {self.pk}"


class PainReading(models.Model):
    """One answer to "how bad is it now?" during an episode.

    Every episode has at least one, taken when it started; ``Episode.severity`` is the
    highest of them, kept in step by journal.services in the same transaction.
    """

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="readings")
    taken_at = models.DateTimeField()
    severity = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SEVERITY_MIN), MaxValueValidator(SEVERITY_MAX)],
        help_text="Pain at that moment, 0 (none) to 10 (worst imaginable).",
    )

    class Meta:
        ordering = ["taken_at", "id"]
        indexes = [models.Index(fields=["episode", "taken_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(severity__gte=SEVERITY_MIN, severity__lte=SEVERITY_MAX),
                name="reading_severity_0_to_10",
            ),
        ]

    def __str__(self):
        # Says nothing about the person's health, like Episode.__str__.
        return f"Pain reading {self.pk}"


PERSONAL_NAME_MAX_LENGTH = 60


class PersonalQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own triggers or remedies, never anyone else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def active(self):
        return self.filter(active=True)


class Personal(models.Model):
    """A trigger or remedy a person named for themselves ("Other: ..."): private to them,
    never in the admin, and kept out of guidance, which holds no personal data.

    Retiring one (``active`` off) stops offering it in forms; the episodes that name it
    keep it. Names are unique per person whatever their case (journal.personal).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=PERSONAL_NAME_MAX_LENGTH)
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = PersonalQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name", "id"]


class PersonalTrigger(Personal):
    class Meta(Personal.Meta):
        constraints = [
            models.UniqueConstraint(
                "user", Lower("name"), name="personal_trigger_name_unique_per_user"
            ),
        ]

    def __str__(self):
        # Like Episode.__str__: says nothing about the person's health.
        return f"Personal trigger {self.pk}"


class PersonalRemedy(Personal):
    class Meta(Personal.Meta):
        verbose_name_plural = "personal remedies"
        constraints = [
            models.UniqueConstraint(
                "user", Lower("name"), name="personal_remedy_name_unique_per_user"
            ),
        ]

    def __str__(self):
        return f"Personal remedy {self.pk}"


class PersonalRemedyUse(models.Model):
    """A person's own remedy tried in an episode, on RemedyUse's scale (-1 to 2).

    A model of its own rather than a second, nullable key on RemedyUse: every query over
    reviewed remedies stays as it is, and each table keeps a plain unique pair.
    """

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="personal_remedy_uses"
    )
    remedy = models.ForeignKey(PersonalRemedy, on_delete=models.CASCADE, related_name="uses")
    effect = models.SmallIntegerField(choices=Effect.choices)

    class Meta:
        ordering = ["remedy__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "remedy"], name="one_use_per_personal_remedy_per_episode"
            ),
            models.CheckConstraint(condition=EFFECT_IN_RANGE, name="personal_remedy_effect_range"),
        ]

    def __str__(self):
        return f"Personal remedy use {self.pk}"


class ShareLinkQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own links: the only way their settings reach them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def usable(self, now):
        """Links a clinician can still open: not stopped, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A read-only view of one range of a person's report, for a clinician, until it expires.

    The link's secret token is never stored: only its SHA-256 (``token_hash``), so a copy
    of the database opens nothing. The range is fixed when the link is made: the clinician
    sees those days and no others, however long the link lasts.
    """

    class Range(models.TextChoices):
        PAST_30 = "30", "Past 30 days"
        PAST_90 = "90", "Past 90 days"
        PAST_YEAR = "365", "Past year"
        ALL = "all", "All time"
        CUSTOM = "custom", "Chosen dates"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        EXPIRED = "expired", "Expired"
        STOPPED = "stopped", "Stopped"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the link's token."
    )
    range = models.CharField(max_length=10, choices=Range.choices)
    first_day = models.DateField(
        null=True, blank=True, help_text="The range's first day; empty for all time."
    )
    last_day = models.DateField(help_text="The range's last day (the day the link was made).")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text='When the person pressed "Stop sharing".'
    )
    opened_count = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_day__isnull=True)
                | models.Q(first_day__lte=models.F("last_day")),
                name="share_link_range_in_order",
            ),
        ]

    def __str__(self):
        return f"Share link {self.pk}"

    def status(self, now) -> "ShareLink.Status":
        if self.revoked_at is not None:
            return self.Status.STOPPED
        if self.expires_at <= now:
            return self.Status.EXPIRED
        return self.Status.ACTIVE


class CheckinSent(models.Model):
    """The one check-in message of a person's local day, written before it is sent.

    The row is the claim: its uniqueness per person and local date is what keeps two
    schedulers running at once, or a retried task, to one message a day.
    """

    class Kind(models.TextChoices):
        DAILY = "daily", "Daily check-in"
        STILL_GOING = "still_going", "Still going? reminder"
        HEADS_UP = "heads_up", "Two days before the see-a-doctor mark"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins_sent"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    local_date = models.DateField(help_text="The day in the person's own time zone.")
    # The episode a "still going?" reminder asked about: one reminder per episode.
    episode = models.ForeignKey(
        Episode, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)
    pushed = models.PositiveSmallIntegerField(default=0, help_text="Devices that took it.")

    class Meta:
        ordering = ["-local_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "local_date"], name="one_checkin_a_day"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user} on {self.local_date}"


class JournalSummary(models.Model):
    """Figures derived from all of one person's episodes, so the dashboard, the history
    and the report need not read every episode after each change.

    Rebuilt from the episodes in the same transaction as every change to them, and to the
    person's time zone (journal.summaries). Names of triggers, remedies and warning signs
    are not copied here, only their ids: staff renaming one changes nothing stored.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True
    )
    timezone = models.CharField(max_length=64, help_text="The zone its days were counted in.")
    symptom_free_gap_days = models.PositiveSmallIntegerField()
    severe_pain_level = models.PositiveSmallIntegerField()
    figures = models.JSONField(help_text="The bouts: see journal.summary_figures.")
    calendar = models.JSONField(
        default=dict, help_text="Days, months and counts: see journal.summary_calendar."
    )

    def __str__(self):
        return f"Journal summary {self.pk}"


class EpisodeCsvLine(models.Model):
    """An episode's row of the CSV export, written ahead so an export reads it ready-made.

    Used only while fresh: written in the person's current time zone under guidance's
    current version (staff may rename a slug). Every write that changes what the row would
    say deletes it in the same transaction (journal.csv_lines).
    """

    episode = models.OneToOneField(
        Episode, on_delete=models.CASCADE, primary_key=True, related_name="csv_line"
    )
    timezone = models.CharField(max_length=64, help_text="The zone its times were written in.")
    content_version = models.CharField(
        max_length=32, help_text="Guidance's content version when it was written."
    )
    line = models.TextField(help_text="The CSV row, quoted as in the file, with its line end.")

    def __str__(self):
        return f"CSV line of episode {self.pk}"
