"""Reviewed knowledge: articles, the vocabularies the journal offers, and the rules.

Staff edit everything here in the admin; django-simple-history keeps every change.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

# Who the public pages name as reviewer when no person is named (never a login name).
EDITORIAL_TEAM = "BackCare editorial team"


class ReviewedQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())


class ArticleQuerySet(ReviewedQuerySet):
    def published(self):
        """The one gate for public content: every public view starts here."""
        return self.filter(status=Article.Status.PUBLISHED)

    def search(self, query):
        return self.filter(
            models.Q(title__icontains=query)
            | models.Q(summary__icontains=query)
            | models.Q(body__icontains=query)
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
        help_text="Name and credentials of the reviewer, e.g. 'Dr A. Smith, GP'.",
    )
    last_reviewed = models.DateField(help_text="When the content was last checked.")
    next_review_due = models.DateField(help_text="Must be after the last review date.")
    sources = models.TextField(
        blank=True, help_text="References the article rests on, one per line."
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

    def get_absolute_url(self):
        return reverse("guidance:article_detail", args=[self.slug])

    def clean(self):
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": "The next review must be due after the last review date."}
            )

    @property
    def is_overdue(self):
        return self.next_review_due < timezone.localdate()

    def source_list(self):
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


# Sections in reading order, then each section's own order: the index, the admin list
# and previous/next links all read articles this way.
READING_ORDER = [_section_rank(), "order", "title"]


class VocabularyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Trigger(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
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
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(
        default=True,
        help_text="Inactive triggers stay on old episodes but are not offered in the journal "
        "or listed on the article page.",
    )

    history = HistoricalRecords()
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Remedy(models.Model):
    class Kind(models.TextChoices):
        SELF_CARE = "self_care", "Self-care"
        MEDICINE = "medicine", "Medicine"
        PROFESSIONAL = "professional", "Professional treatment"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
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
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(
        default=True,
        help_text="Inactive remedies stay on old episodes but are not offered in the journal "
        "or listed on the article page.",
    )

    history = HistoricalRecords()
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "remedies"

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.MEDICINE and not self.caution.strip():
            raise ValidationError({"caution": "A medicine needs a caution note."})


class RedFlag(models.Model):
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
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

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

    see_doctor_after_days = models.PositiveSmallIntegerField(
        default=14,
        validators=_days(90),
        help_text="A bout lasting longer than this many days means 'see a doctor'.",
    )
    symptom_free_gap_days = models.PositiveSmallIntegerField(
        default=3,
        validators=_days(30),
        help_text="An episode starting at most this many days after the last one joins its bout.",
    )
    recurrence_bouts = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(20)],
        help_text="This many bouts within the recurrence window means 'see a doctor'.",
    )
    recurrence_window_days = models.PositiveSmallIntegerField(
        default=90, validators=_days(365), help_text="The window for counting recurring bouts."
    )
    severe_pain_level = models.PositiveSmallIntegerField(
        default=8,
        validators=_days(10),
        help_text="Peak pain at or above this level (0-10) means 'see a doctor'.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

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
