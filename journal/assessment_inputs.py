"""What the assessment reads from the database: a person's episodes as plain facts,
their "About you" answers, and the articles its reasons link to."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.urls import NoReverseMatch

from guidance.models import Article, RiskFactor

from .bouts import EpisodeFacts, RedFlagReport
from .local_days import LocalDate, as_date, plain_rows
from .models import Episode, PainReading


@dataclass(frozen=True)
class RiskFactorReport:
    """Something the person told us about themselves on "About you"."""

    slug: str
    name: str
    urgency: str
    advice: str
    article_url: str | None = None


def zone(name: str) -> datetime.tzinfo:
    """The named zone, or UTC for a name the system no longer knows."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def user_timezone(user) -> datetime.tzinfo:
    # getattr also covers a user without a profile row: Django's missing-related error
    # is an AttributeError.
    profile = getattr(user, "profile", None)
    # A zone dropped from the system's tz database must not take the dashboard down.
    return zone(profile.timezone) if profile is not None else datetime.UTC


def see_a_doctor_url() -> str | None:
    return article_url(Article.objects.warning_signs_page())


def episode_facts(user, tz: datetime.tzinfo) -> list[EpisodeFacts]:
    """The person's episodes, oldest first, in their own calendar days, with their pain
    readings; three queries whatever the size of the journal."""
    return episode_facts_and_flag_ids(user, tz)[0]


def episode_facts_and_flag_ids(
    user, tz: datetime.tzinfo
) -> tuple[list[EpisodeFacts], list[tuple[int, ...]]]:
    """`episode_facts`, and alongside each the ids of its warning signs."""
    episodes = Episode.objects.for_user(user)
    flags_by_episode: dict[int, list[tuple[int, RedFlagReport]]] = {}
    # Filtering on the owned queryset keeps red flags behind the same ownership gate.
    flag_rows = (
        Episode.red_flags.through.objects.filter(episode__in=episodes)
        .order_by("redflag__order", "redflag__name")
        .values_list(
            "episode_id",
            "redflag_id",
            "redflag__slug",
            "redflag__name",
            "redflag__urgency",
            "redflag__advice",
        )
    )
    for episode_id, flag_id, slug, name, urgency, advice in flag_rows:
        flags_by_episode.setdefault(episode_id, []).append(
            (flag_id, RedFlagReport(slug=slug, name=name, urgency=urgency, advice=advice))
        )

    readings_by_episode: dict[int, list[tuple[datetime.date, int]]] = {}
    reading_rows = (
        PainReading.objects.filter(episode__in=episodes)
        .annotate(day=LocalDate("taken_at", tzinfo=tz))
        .order_by("taken_at", "id")
        .values_list("episode_id", "day", "severity")
    )
    for episode_id, day, severity in plain_rows(reading_rows):
        readings_by_episode.setdefault(episode_id, []).append((as_date(day), severity))

    # The database works out each day in the person's zone (journal.local_days).
    rows = (
        episodes.annotate(
            start_day=LocalDate("started_at", tzinfo=tz),
            end_day=LocalDate("ended_at", tzinfo=tz),
            reported_day=LocalDate("updated_at", tzinfo=tz),
        )
        .order_by("started_at", "id")
        .values_list("id", "start_day", "end_day", "severity", "reported_day")
    )
    facts, flag_ids = [], []
    for episode_id, start_day, end_day, severity, reported_day in plain_rows(rows):
        flags = flags_by_episode.get(episode_id, ())
        facts.append(
            EpisodeFacts(
                start_day=as_date(start_day),
                end_day=as_date(end_day),
                severity=severity,
                red_flags=tuple(report for _, report in flags),
                reported_day=as_date(reported_day),
                readings=tuple(readings_by_episode.get(episode_id, ())),
            )
        )
        flag_ids.append(tuple(flag_id for flag_id, _ in flags))
    return facts, flag_ids


def risk_factors(user) -> list[RiskFactorReport]:
    """What the person said yes to on "About you", in one query."""
    return list(_reports(RiskFactor.objects.active().filter(profiles__user=user)).values())


def active_risk_factors() -> dict[int, RiskFactorReport]:
    """Every risk factor still asked about, by id, in the order they are asked."""
    return _reports(RiskFactor.objects.active())


def _reports(factors) -> dict[int, RiskFactorReport]:
    rows = (
        factors.select_related("article")
        # The article's address and whether it is published, not its text.
        .only("slug", "name", "urgency", "advice", "article__slug", "article__status")
        .order_by("order", "name")
    )
    return {
        factor.pk: RiskFactorReport(
            slug=factor.slug,
            name=factor.name,
            urgency=factor.urgency,
            advice=factor.advice,
            article_url=article_url(factor.article),
        )
        for factor in rows
    }


def article_url(article: Article | None) -> str | None:
    if article is None or article.status != Article.Status.PUBLISHED:
        return None
    try:
        return article.get_absolute_url()
    except NoReverseMatch:
        return None
