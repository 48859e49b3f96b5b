"""Reviewed knowledge: articles, the vocabularies the journal offers, and the rules.

Staff edit everything here in the admin; django-simple-history keeps every change.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .content_version import ContentQuerySet, ContentVersion  # noqa: F401 (one of the models)

# Who the public pages name as reviewer when no person is named (never a login name).
EDITORIAL_TEAM = "BackCare editorial team"

# The group whose members, and only they, can sign an article off as clinically reviewed.
CLINICAL_REVIEWERS = "Clinical reviewers"


def normalise_newlines(text):
    """Browsers send textareas with CRLF; stored text uses LF, so a save that changes
    nothing records no change."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_source(line):
    """(title, url) from a sources line "Title | https://url"; url is "" when absent."""
    title, bar, url = line.rpartition("|")
    if not bar:
        return line.strip(), ""
    return title.strip(), url.strip()


def validate_sources(text):
    """Every sources line must read "Title | https://address"."""
    check_url = URLValidator(schemes=["https"])
    problems = []
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if not line.strip():
            continue
        title, url = parse_source(line)
        try:
            if not title or not url:
                raise ValidationError("missing")
            check_url(url)
        except ValidationError:
            problems.append(
                f"Line {number} should read 'Title | https://address', for example "
                f"'NICE NG59: Low back pain and sciatica | https://www.nice.org.uk/guidance/ng59'."
            )
    if problems:
        raise ValidationError(problems)


class ReviewedQuerySet(ContentQuerySet):
    def overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())


class ArticleQuerySet(ReviewedQuerySet):
    def published(self):
        """The one gate for public content: every public view starts here."""
        return self.filter(status=Article.Status.PUBLISHED)

    def warning_signs_page(self):
        """The article that lists every warning sign: the first one of the "When to see
        a doctor" section. The journal and the home page link to it."""
        return (
            self.published()
            .filter(section=Article.Section.SEE_A_DOCTOR)
            .order_by(*READING_ORDER)
            .first()
        )

    def in_reading_order(self):
        """Sections in the order they are declared, then each section's own order."""
        return self.order_by(*READING_ORDER)

    def by_section(self):
        """[(Section, [articles])] in reading order, empty sections left out. One query."""
        grouped = {}
        for article in self.in_reading_order():
            grouped.setdefault(Article.Section(article.section), []).append(article)
        return list(grouped.items())


def _section_rank():
    """An article's section as its position in reading order (the choices' order)."""
    return models.Case(
        *(
            models.When(section=value, then=models.Value(rank))
            for rank, value in enumerate(Article.Section.values)
        ),
        default=models.Value(len(Article.Section.values)),
        output_field=models.IntegerField(),
    )


class Article(models.Model):
    class Section(models.TextChoices):
        # Declared in reading order; the guidance index follows it.
        ABOUT = "about", "What a back spasm is"
        SYMPTOMS = "symptoms", "Symptoms"
        CAUSES = "causes", "Causes and triggers"
        SELF_CARE = "self_care", "Self-care at home"
        TREATMENT = "treatment", "Treatments"
        SEE_A_DOCTOR = "see_a_doctor", "When to see a doctor"
        PREVENTION = "prevention", "Prevention"
        OUTLOOK = "outlook", "Outlook"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Part of the page address.")
    section = models.CharField(max_length=20, choices=Section.choices)
    summary = models.TextField(
        max_length=600, help_text="One or two plain sentences shown in the guidance index."
    )
    body = models.TextField(
        help_text="Markdown. Headings start at ##. HTML is cleaned: scripts and styles are removed."
    )
    order = models.PositiveIntegerField(
        default=0, help_text="Lower numbers come first in a section."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reviewed_by = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="Name and credentials of the clinician who last signed the article off. "
        "Set by sign-off, never typed.",
    )
    last_reviewed = models.DateField(
        help_text="When the text was last checked against the clinical guidelines it "
        "cites (shown as 'Written from NICE and NHS guidance on' until a clinician signs "
        "it off)."
    )
    next_review_due = models.DateField(help_text="Must be after the last review date.")
    clinical_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The member of the Clinical reviewers group who signed the article off.",
    )
    clinically_reviewed_on = models.DateField(
        null=True, blank=True, editable=False, help_text="The day of the last sign-off."
    )
    reviewed_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A hash of the title, summary and body as signed off.",
    )
    sources = models.TextField(
        blank=True,
        validators=[validate_sources],
        help_text="What the article rests on, one per line as 'Title | https://address'. "
        "Shown as links at the end of the article.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_due__gt=models.F("last_reviewed")),
                name="article_review_due_after_last_review",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for name in ("summary", "body", "sources"):
            setattr(self, name, normalise_newlines(getattr(self, name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("guidance:article_detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = "The last review cannot be in the future."
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            errors["next_review_due"] = "The next review must be due after the last review date."
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self):
        return self.next_review_due < timezone.localdate()

    def source_list(self):
        """[(title, url)] in the order written; url is "" for a line without one."""
        return [parse_source(line) for line in self.sources.splitlines() if line.strip()]

    def content_fingerprint(self):
        """What a clinical sign-off vouches for: the title, summary and body."""
        text = "\x1f".join(normalise_newlines(v) for v in (self.title, self.summary, self.body))
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def is_clinically_reviewed(self):
        return self.clinically_reviewed_on is not None

    @property
    def changed_since_clinical_review(self):
        return self.is_clinically_reviewed and (
            self.reviewed_fingerprint != self.content_fingerprint()
        )

    def sign_off(self, reviewer, credentials, today):
        """Record a clinical review by ``reviewer`` today; the caller checks who may."""
        name = reviewer.get_full_name() or reviewer.get_username()
        self.reviewed_by = ", ".join(part for part in (name, credentials.strip()) if part)[:200]
        self.clinical_reviewer = reviewer
        self.clinically_reviewed_on = today
        self.last_reviewed = today
        self.next_review_due = today + REVIEW_INTERVAL
        self.reviewed_fingerprint = self.content_fingerprint()


REVIEW_INTERVAL = timedelta(days=365)

# Sections in reading order, then each section's own order: the index, the admin list
# and previous/next links all read articles this way.
READING_ORDER = [_section_rank(), "order", "title"]


class VocabularyQuerySet(ContentQuerySet):
    def active(self):
        return self.filter(active=True)


class Vocabulary(models.Model):
    """A word the journal offers people to tick: triggers, remedies and red flags.

    Subclasses may redefine a field's help text or length; the definitions here are the
    ones the tables were made with.
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords(inherit=True)
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Trigger(Vocabulary):
    description = models.TextField(
        help_text="Shown under the trigger's name on the page of the guidance article "
        "chosen below, and nowhere else. The journal lists triggers by name only."
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="triggers",
        help_text="The guidance article that explains this trigger; its page lists the "
        "trigger with its description. Without one, the description is not shown.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Inactive triggers stay on old episodes but are not offered in the journal "
        "or listed on the article page.",
    )


class Remedy(Vocabulary):
    class Kind(models.TextChoices):
        SELF_CARE = "self_care", "Self-care"
        MEDICINE = "medicine", "Medicine"
        PROFESSIONAL = "professional", "Professional treatment"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(
        help_text="Shown under the remedy's name on the page of the guidance article "
        "chosen below, and nowhere else. The journal lists remedies by name only."
    )
    caution = models.TextField(
        blank=True,
        help_text="Safety note shown with the description on the guidance article's page "
        "(required for medicines).",
    )
    evidence = models.TextField(
        help_text="Short reviewed note on how well it is supported, shown on the guidance "
        "article's page as 'How well it is supported'."
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="remedies",
        help_text="The guidance article whose page lists this remedy with its description, "
        "caution and evidence. Without one, none of them is shown.",
    )
    active = models.BooleanField(
        default=True,
        help_text="Inactive remedies stay on old episodes but are not offered in the journal "
        "or listed on the article page.",
    )

    class Meta(Vocabulary.Meta):
        verbose_name_plural = "remedies"

    def clean(self):
        if self.kind == self.Kind.MEDICINE and not self.caution.strip():
            raise ValidationError({"caution": "A medicine needs a caution note."})


class RedFlag(Vocabulary):
    class Urgency(models.TextChoices):
        # Ordered from most to least urgent; the assessment ranks them this way.
        EMERGENCY = "emergency", "Emergency: call emergency services now"
        URGENT = "urgent", "Urgent: see a doctor today"
        SEE_DOCTOR = "see_doctor", "Book an appointment with a doctor"

    name = models.CharField(
        max_length=150,
        unique=True,
        help_text="Shown on the 'When to see a doctor' page, in the journal of anyone who "
        "reports it, and, for emergencies, on the home page.",
    )
    slug = models.SlugField(max_length=150, unique=True)
    question = models.CharField(
        max_length=250,
        help_text="How the journal's episode form asks it, as a yes/no question. Shown only there.",
    )
    urgency = models.CharField(max_length=20, choices=Urgency.choices)
    advice = models.TextField(
        help_text="What to do if the answer is yes. Shown after the name on the 'When to see "
        "a doctor' page, and in the journal when someone reports this sign."
    )


class RiskFactor(models.Model):
    """Something about a person, not an episode, that makes back pain more worrying
    (a past cancer, long-term steroids...). Asked once on the journal's "About you"."""

    name = models.CharField(
        max_length=150,
        unique=True,
        help_text="Shown in the journal's reasons to get help, to people who said yes.",
    )
    slug = models.SlugField(max_length=150, unique=True)
    question = models.CharField(
        max_length=250,
        help_text="How the 'About you' page asks it, as a yes/no question. Shown only there.",
    )
    urgency = models.CharField(
        max_length=20,
        choices=RedFlag.Urgency.choices,
        help_text="How soon to get help when someone who said yes has a current bout.",
    )
    advice = models.TextField(
        help_text="What to do during a bout of back pain, shown in the journal of people "
        "who said yes."
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risk_factors",
        help_text="The guidance article the journal links to from this reason.",
    )
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(
        default=True,
        help_text="Inactive risk factors are no longer asked or counted.",
    )

    history = HistoricalRecords()
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


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
