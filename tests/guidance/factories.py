from datetime import timedelta

import factory
from django.utils import timezone

from guidance.models import Article, RedFlag, Remedy, Trigger


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Test article {n}")
    slug = factory.Sequence(lambda n: f"test-article-{n}")
    section = Article.Section.ABOUT
    summary = "A short plain summary."
    body = "Some **plain** words.\n\n## A heading\n\n- one\n- two"
    order = 0
    status = Article.Status.PUBLISHED
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    next_review_due = factory.LazyAttribute(lambda a: a.last_reviewed + timedelta(days=365))
    sources = (
        "NHS: Back pain | https://www.nhs.uk/conditions/back-pain/\n"
        "NICE NG59: Low back pain and sciatica | https://www.nice.org.uk/guidance/ng59"
    )


class TriggerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trigger

    name = factory.Sequence(lambda n: f"Test trigger {n}")
    slug = factory.Sequence(lambda n: f"test-trigger-{n}")
    description = "What this trigger is."


class RemedyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Remedy

    name = factory.Sequence(lambda n: f"Test remedy {n}")
    slug = factory.Sequence(lambda n: f"test-remedy-{n}")
    kind = Remedy.Kind.SELF_CARE
    description = "What this remedy is."
    evidence = "Some support in small studies."


class RedFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RedFlag

    name = factory.Sequence(lambda n: f"Test warning sign {n}")
    slug = factory.Sequence(lambda n: f"test-warning-sign-{n}")
    question = "Have you noticed this sign?"
    urgency = RedFlag.Urgency.SEE_DOCTOR
    advice = "Book an appointment with a doctor."
