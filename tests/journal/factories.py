"""factory_boy factories for journal tests.

    episode = EpisodeFactory(user=user, started_at=when, triggers=[lifting], red_flags=[flag])
    RemedyUseFactory(episode=episode, remedy=heat, effect=2)

The vocabulary factories are guidance's (tests/guidance/factories.py): their names and
slugs never clash with the starting content that guidance's data migration loads.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.core.signals import request_started
from django.utils import timezone

from accounts.consent import record_consent
from journal import caching, csv_lines, summaries
from journal.models import (
    Episode,
    JournalSummary,
    PainReading,
    PersonalRemedy,
    PersonalRemedyUse,
    PersonalTrigger,
    RemedyUse,
)
from journal.summaries import journal_changed
from tests.conftest import PASSWORD, waiting_summaries
from tests.guidance.factories import RedFlagFactory, RemedyFactory, TriggerFactory

# The factories make rows one at a time, and rebuilding the journal's summary after each
# would make a test's set-up grow with the square of its episodes. So each row does what
# a write does at once (a new journal version, its CSV lines and summary dropped: pages
# read the episodes meanwhile, with the same answers), and the summary is rebuilt once,
# when the test's next request starts.


def _journal_changed_by_factory(user_id: int) -> None:
    caching.journal_changed(user_id)
    csv_lines.forget((user_id,), None)
    JournalSummary.objects.filter(user_id=user_id).delete()
    waiting_summaries.add(user_id)


def rebuildwaiting_summaries(**kwargs) -> None:
    while waiting_summaries:
        summaries.rebuild(waiting_summaries.pop())


request_started.connect(rebuildwaiting_summaries, dispatch_uid="factories-summaries")

# Journal tests import every factory they need from here.
__all__ = [
    "EpisodeFactory",
    "PainReadingFactory",
    "PersonalRemedyFactory",
    "PersonalRemedyUseFactory",
    "PersonalTriggerFactory",
    "RedFlagFactory",
    "RemedyFactory",
    "RemedyUseFactory",
    "TriggerFactory",
    "UserFactory",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def agreed_to_privacy_notice(user, create, extracted, **kwargs):
        # As a sign-up does; `agreed_to_privacy_notice=False` makes an account from before.
        if create and extracted is not False:
            record_consent(user)


class EpisodeFactory(factory.django.DjangoModelFactory):
    """An episode that started three hours ago and lasted two, unless told otherwise.

    `triggers` and `red_flags` take lists of objects; `ended_at=None` makes it ongoing.
    It gets one pain reading at its start, as the app saves it; `readings` takes
    (taken_at, severity) pairs instead (the episode's severity is then their highest).
    """

    class Meta:
        model = Episode
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=3))
    ended_at = factory.LazyAttribute(lambda e: e.started_at + datetime.timedelta(hours=2))
    severity = 5
    location = Episode.Location.LOWER
    side = ""
    notes = ""

    @factory.post_generation
    def triggers(self, create, extracted, **kwargs):
        if create and extracted:
            self.triggers.set(extracted)

    @factory.post_generation
    def red_flags(self, create, extracted, **kwargs):
        if create and extracted:
            self.red_flags.set(extracted)

    @factory.post_generation
    def readings(self, create, extracted, **kwargs):
        if not create:
            return
        pairs = extracted or [(self.started_at, self.severity)]
        PainReading.objects.bulk_create(
            PainReading(episode=self, taken_at=taken_at, severity=severity)
            for taken_at, severity in pairs
        )
        peak = max(severity for _, severity in pairs)
        if peak != self.severity:
            self.severity = peak
            Episode.objects.filter(pk=self.pk).update(severity=peak)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # As journal.services does for the app's own writes: the journal has changed.
        if create:
            _journal_changed_by_factory(instance.user_id)


class PainReadingFactory(factory.django.DjangoModelFactory):
    """A reading added to an episode (its severity is not changed: use the services for that)."""

    class Meta:
        model = PainReading

    episode = factory.SubFactory(EpisodeFactory)
    taken_at = factory.LazyAttribute(lambda r: r.episode.started_at)
    severity = 5


class RemedyUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RemedyUse

    episode = factory.SubFactory(EpisodeFactory)
    remedy = factory.SubFactory(RemedyFactory)
    effect = RemedyUse.Effect.A_LITTLE_BETTER

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            _journal_changed_by_factory(instance.episode.user_id)


class PersonalTriggerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalTrigger

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Own trigger {n}")


class PersonalRemedyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalRemedy

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Own remedy {n}")


class PersonalRemedyUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalRemedyUse

    episode = factory.SubFactory(EpisodeFactory)
    remedy = factory.SubFactory(PersonalRemedyFactory, user=factory.SelfAttribute("..episode.user"))
    effect = RemedyUse.Effect.A_LITTLE_BETTER

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            _journal_changed_by_factory(instance.episode.user_id)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            _journal_changed_by_factory(instance.episode.user_id)


def bulk_history(user, count, *, last_start, every=datetime.timedelta(hours=20), **related):
    """`count` finished episodes for `user`, the newest starting at `last_start`.

    Written with bulk_create so that thousands take a moment. Optional `triggers`,
    `red_flags` and `remedies` (lists) are spread over the episodes in turn, so every
    episode has one of each.
    """
    episodes = Episode.objects.bulk_create(
        Episode(
            user=user,
            started_at=last_start - every * n,
            ended_at=last_start - every * n + datetime.timedelta(hours=3),
            severity=n % 11,
            location=Episode.Location.values[n % len(Episode.Location.values)],
            notes=f"Episode number {n}",
        )
        for n in range(count)
    )
    PainReading.objects.bulk_create(
        PainReading(episode=e, taken_at=e.started_at, severity=e.severity) for e in episodes
    )
    triggers, flags, remedies = (related.get(k) for k in ("triggers", "red_flags", "remedies"))
    if triggers:
        Episode.triggers.through.objects.bulk_create(
            Episode.triggers.through(episode=e, trigger=triggers[n % len(triggers)])
            for n, e in enumerate(episodes)
        )
    if flags:
        Episode.red_flags.through.objects.bulk_create(
            Episode.red_flags.through(episode=e, redflag=flags[n % len(flags)])
            for n, e in enumerate(episodes)
        )
    if remedies:
        RemedyUse.objects.bulk_create(
            RemedyUse(episode=e, remedy=remedies[n % len(remedies)], effect=n % 4 - 1)
            for n, e in enumerate(episodes)
        )
    journal_changed(user.pk)  # as journal.services does for the app's own writes
    return episodes
