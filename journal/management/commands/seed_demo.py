"""Create (or reset) a demo account with a realistic year of back spasms.

    python manage.py seed_demo [--username demo] [--password ...] [--days 365] [--seed 42]

The history comes from a fixed random seed, so the same seed and day give the same
journal: several bouts, one lasting well past the two-week threshold with a couple of
"see a doctor" warning signs, varied triggers, remedies that help more or less, notes,
pain readings that rise and ease within the longer episodes, and a bout going on now. It is written with bulk_create, so a long history takes a moment.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.consent import consent_values
from accounts.models import Profile
from guidance.models import CareThresholds, RedFlag, Remedy, Trigger
from journal.assessment import EpisodeFacts, ThresholdValues, find_bouts
from journal.models import Episode
from journal.services import episodes_bulk_add, episodes_delete_all

DEMO_PASSWORD = "demo-password-123"  # noqa: S105 - a demo account, printed on purpose
LONG_BOUT_DAYS = (18, 24)  # the bout that goes past the two-week threshold
SHORT_BOUT_DAYS = (1, 2, 2, 3, 3, 4, 5, 6, 8)
GAP_DAYS = (18, 50)  # symptom-free days between bouts

# Used when the vocabulary has them (guidance's starting content does); any other
# vocabulary works too, with favourites taken in its own order.
FAVOURITE_TRIGGERS = (
    "posture-or-long-sitting",
    "heavy-lifting-or-overuse",
    "stress-or-anxiety",
    "awkward-sleeping-position",
)
REMEDY_MEANS = {  # the average effect each remedy has for the demo person
    "heat": 1.6,
    "light-walking": 1.2,
    "otc-anti-inflammatory": 1.3,
    "gentle-stretching": 0.9,
    "cold-pack": 0.6,
    "bed-rest": -0.4,
    "massage-therapy": 1.1,
    "physical-therapy": 1.4,
}
NOTES = (
    "Bent down to pick up the laundry basket and felt it go.",
    "Woke up stiff; eased after a hot shower.",
    "Long day at the desk without breaks.",
    "Heat pad helped within the hour.",
    "Walked for twenty minutes at lunch and felt looser afterwards.",
    "Hard to get in and out of the car.",
    "Stressful week at work, shoulders tight too.",
    "Slept badly; worse first thing in the morning.",
    "Gardening most of the afternoon.",
    "Ibuprofen took the edge off.",
    "Stayed in bed most of the day, which made it stiffer.",
    "Carried the shopping up three flights of stairs.",
    "Could not sit through the film.",
    "Better by the evening after some gentle stretches.",
)
LOCATIONS = [
    (Episode.Location.LOWER, 14),
    (Episode.Location.MID, 3),
    (Episode.Location.NECK, 2),
    (Episode.Location.UPPER, 1),
]
SIDES = [("", 3), ("left", 3), ("right", 2), ("both", 2), ("centre", 2)]


@dataclass
class PlannedEpisode:
    started_at: datetime.datetime
    ended_at: datetime.datetime | None
    severity: int
    location: str
    side: str
    notes: str = ""
    trigger_ids: list[int] = field(default_factory=list)
    red_flag_ids: list[int] = field(default_factory=list)
    remedy_effects: dict[int, int] = field(default_factory=dict)
    readings: list[tuple[datetime.datetime, int]] = field(default_factory=list)


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _sample(rng: random.Random, weighted: list[tuple[int, float]], count: int) -> list[int]:
    """`count` different values, likelier ones first."""
    pool = list(weighted)
    chosen = []
    while pool and len(chosen) < count:
        value = _weighted(rng, pool)
        chosen.append(value)
        pool = [(v, w) for v, w in pool if v != value]
    return chosen


class HistoryPlan:
    """The demo person's journal, worked out in memory from one random generator."""

    def __init__(self, rng, *, tz, today, now, triggers, remedies, red_flags):
        self.rng, self.tz, self.today, self.now = rng, tz, today, now
        favourites = [pk for slug, pk in triggers if slug in FAVOURITE_TRIGGERS]
        favourites = favourites or [pk for _, pk in triggers[:3]]
        self.trigger_weights = [(pk, 6 if pk in favourites else 1) for _, pk in triggers]
        means = {pk: REMEDY_MEANS.get(slug) for slug, pk in remedies}
        usual = [pk for pk, mean in means.items() if mean is not None] or [
            pk for _, pk in remedies[:5]
        ]
        self.remedy_means = {
            pk: mean if mean is not None else rng.uniform(-0.3, 1.0) for pk, mean in means.items()
        }
        self.remedy_weights = [(pk, 10 if pk in usual else 0.2) for pk in self.remedy_means]
        self.red_flags = red_flags
        self.episodes: list[PlannedEpisode] = []

    def moment(self, day: datetime.date, earliest_hour=6, latest_hour=21) -> datetime.datetime:
        hour = self.rng.randint(earliest_hour, latest_hour)
        minute = self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def episode(self, day: datetime.date, severity: int, *, ongoing=False) -> PlannedEpisode:
        rng = self.rng
        started_at = self.moment(day)
        ended_at = None
        if not ongoing:
            ended_at = started_at + datetime.timedelta(hours=rng.randint(2, 30))
            ended_at = max(started_at, min(ended_at, self.now - datetime.timedelta(minutes=30)))
        planned = PlannedEpisode(
            started_at=started_at,
            ended_at=ended_at,
            severity=max(1, min(9, severity + rng.randint(-2, 1))),
            location=_weighted(rng, LOCATIONS),
            side=_weighted(rng, SIDES),
        )
        planned.trigger_ids = _sample(rng, self.trigger_weights, rng.choice((0, 1, 1, 1, 2)))
        for pk in _sample(rng, self.remedy_weights, rng.choice((1, 1, 2, 2, 3))):
            effect = round(rng.gauss(self.remedy_means[pk], 0.6))
            planned.remedy_effects[pk] = max(-1, min(2, effect))
        if rng.random() < 0.45:
            planned.notes = rng.choice(NOTES)
        self.episodes.append(planned)
        return planned

    def bout(self, first: datetime.date, days: int, base_severity: int) -> list[PlannedEpisode]:
        """Episodes a day to three apart, the last one on the bout's last day."""
        last = first + datetime.timedelta(days=days - 1)
        episodes = []
        day = first
        while day < last:
            episodes.append(self.episode(day, base_severity))
            day += datetime.timedelta(days=self.rng.choice((1, 1, 2, 3)))
        episodes.append(self.episode(last, base_severity))
        return episodes

    def build(self, days: int) -> list[PlannedEpisode]:
        rng = self.rng
        start = self.today - datetime.timedelta(days=days - 1)
        current_start = self.today - datetime.timedelta(days=rng.randint(2, 4))
        long_from = start + datetime.timedelta(days=int(days * 0.4))
        long_done = False
        day = start + datetime.timedelta(days=rng.randint(2, 12))
        while True:
            long = not long_done and day >= long_from
            length = rng.randint(*LONG_BOUT_DAYS) if long else rng.choice(SHORT_BOUT_DAYS)
            # Leave a clear symptom-free gap before the bout going on now.
            if day + datetime.timedelta(days=length + 8) > current_start:
                break
            episodes = self.bout(day, length, 6 if long else rng.randint(3, 6))
            if long:
                long_done = True
                episodes[len(episodes) // 2].severity = 8
                self.flag(episodes)
            day += datetime.timedelta(days=length + rng.randint(*GAP_DAYS))

        # The bout going on now: moderate pain, still going since yesterday.
        base = rng.randint(4, 5)
        day = current_start
        while day < self.today - datetime.timedelta(days=1):
            self.episode(day, base)
            day += datetime.timedelta(days=1)
        self.episode(self.today - datetime.timedelta(days=1), base, ongoing=True)
        # Last, so the readings draw on the generator after everything else is planned.
        for episode in self.episodes:
            episode.readings = self.course(episode)
        return self.episodes

    def course(self, episode: PlannedEpisode) -> list[tuple[datetime.datetime, int]]:
        """How the pain went: a reading at the start, one more for every five hours or
        so (up to five in all), rising to the episode's worst early on and easing after."""
        rng = self.rng
        start = episode.started_at
        end = episode.ended_at or max(start, self.now - datetime.timedelta(minutes=20))
        minutes = int((end - start).total_seconds() // 60)
        count = 1 + min(4, minutes // (5 * 60))
        if count == 1:
            return [(start, episode.severity)]
        peak_at = rng.choice((0, 1)) if count > 2 else 0
        severities = []
        pain = episode.severity
        for n in range(count):
            if n < peak_at:
                severities.append(max(0, episode.severity - rng.randint(1, 2)))
            elif n == peak_at:
                severities.append(episode.severity)
            else:
                pain = max(0, pain - rng.randint(0, 2))
                severities.append(pain)
        step = minutes // (count - 1)
        return [
            (start + datetime.timedelta(minutes=step * n), severity)
            for n, severity in enumerate(severities)
        ]

    def flag(self, episodes: list[PlannedEpisode]) -> None:
        """A couple of 'book an appointment' warning signs, late in the long bout."""
        if not self.red_flags:
            return
        late = episodes[len(episodes) // 2 :]
        for n, episode in enumerate(late[-2:]):
            episode.red_flag_ids = [self.red_flags[n % len(self.red_flags)]]


class Command(BaseCommand):
    help = "Create or reset a demo account with a realistic history of back spasms."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument("--days", type=int, default=365, help="How far back (30 or more).")
        parser.add_argument("--seed", type=int, default=42, help="Same seed, same history.")
        parser.add_argument(
            "--timezone", dest="zone_name", default="Europe/London", help="The demo's IANA zone."
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Pretend today is this day (YYYY-MM-DD), for repeatable screenshots.",
        )

    def handle(self, *args, username, password, days, seed, zone_name, today, **options):
        if days < 30:
            raise CommandError("--days must be at least 30.")
        try:
            tz = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CommandError(f"{zone_name!r} is not a time zone this site knows.") from None
        real_today = timezone.localdate(timezone=tz)
        today = today or real_today
        if today > real_today:
            raise CommandError("--today cannot be in the future.")

        triggers = list(
            Trigger.objects.active().order_by("order", "slug").values_list("slug", "id")
        )
        remedies = list(Remedy.objects.active().order_by("order", "slug").values_list("slug", "id"))
        if not triggers or not remedies:
            raise CommandError(
                "There are no triggers or remedies to choose from. Run `python manage.py "
                "migrate` first: it loads the starting vocabulary."
            )
        red_flags = list(
            RedFlag.objects.active()
            .filter(urgency=RedFlag.Urgency.SEE_DOCTOR)
            .order_by("order", "slug")
            .values_list("id", flat=True)
        )
        if not red_flags:
            self.stderr.write("No active 'see a doctor' warning signs: the demo will have none.")

        now = timezone.now()
        if today < real_today:
            now = datetime.datetime.combine(today, datetime.time(23, 59), tzinfo=tz)
        plan = HistoryPlan(
            random.Random(seed),  # noqa: S311 - repeatable demo data, not secrets
            tz=tz,
            today=today,
            now=now,
            triggers=triggers,
            remedies=remedies,
            red_flags=red_flags,
        )
        planned = plan.build(days)
        with transaction.atomic():
            user, created = self._account(username, password, zone_name)
            episodes_bulk_add(user=user, drafts=planned)

        limits = ThresholdValues.from_model(CareThresholds.current())
        bouts = find_bouts(
            [
                EpisodeFacts(
                    e.started_at.date(), e.ended_at.astimezone(tz).date() if e.ended_at else None, 1
                )
                for e in planned
            ],
            gap_days=limits.symptom_free_gap_days,
            today=today,
            threshold_days=limits.see_doctor_after_days,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{'Created' if created else 'Reset'} the demo account {username!r}: "
                f"{len(planned)} episodes in {len(bouts)} bouts over {days} days, "
                f"the longest {max(b.days for b in bouts)} days."
            )
        )
        self.stdout.write(f"Log in with username {username} and password {password}")

    def _account(self, username, password, timezone_name):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User.objects.create_user(username, email=f"{username}@example.com")
        elif user.is_staff or user.is_superuser:
            raise CommandError(
                f"{username!r} is a staff account; seed_demo only resets ordinary accounts."
            )
        else:
            episodes_delete_all(user=user)
        user.set_password(password)
        user.save()
        # A made-up person's made-up journal: it opens without the consent question.
        Profile.objects.update_or_create(
            user=user, defaults={"timezone": timezone_name, **consent_values()}
        )
        return user, created
