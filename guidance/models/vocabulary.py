"""The words the journal offers: triggers, remedies, warning signs and risk factors."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from ..content_version import ContentQuerySet
from ..levels import URGENCY_CHOICES, CareLevel
from .articles import Article


class VocabularyQuerySet(ContentQuerySet):
    def active(self):
        return self.filter(active=True)


class Vocabulary(models.Model):
    """A word the journal offers people to tick: triggers, remedies, red flags and risk
    factors.

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
    # The one scale of how soon to get help; a sign carries one of its top three levels.
    Urgency = CareLevel

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
    urgency = models.CharField(max_length=20, choices=URGENCY_CHOICES)
    advice = models.TextField(
        help_text="What to do if the answer is yes. Shown after the name on the 'When to see "
        "a doctor' page, and in the journal when someone reports this sign."
    )

    @property
    def level(self) -> CareLevel:
        return CareLevel(self.urgency)


class RiskFactor(Vocabulary):
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
        choices=URGENCY_CHOICES,
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
    active = models.BooleanField(
        default=True,
        help_text="Inactive risk factors are no longer asked or counted.",
    )

    @property
    def level(self) -> CareLevel:
        return CareLevel(self.urgency)
