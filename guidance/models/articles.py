"""Guidance articles: their sections and reading order, sources and review status."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ..content_version import ContentQuerySet

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
