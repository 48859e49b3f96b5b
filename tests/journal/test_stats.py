"""The chart aggregates: known episodes in, known numbers out, in the person's calendar."""

import datetime
import zoneinfo

import pytest
from django.db.models.functions import TruncDate
from django.utils import timezone

from journal import aggregates, charts, local_days, periods
from journal.assessment import Bout, RedFlagReport, assess
from journal.models import Episode

from .factories import (
    EpisodeFactory,
    RedFlagFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.UTC
TODAY = datetime.date(2026, 3, 20)


def at(day, hour=12, minute=0, tz=LONDON):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def d(month, day, year=2026):
    return datetime.date(year, month, day)


def mine(user):
    return Episode.objects.for_user(user)


# --- ranges ---------------------------------------------------------------------------


def test_range_counts_local_days_from_midnight_to_midnight(user):
    EpisodeFactory(user=user, started_at=at(d(3, 9), 23, 59))  # the evening before: out
    first = EpisodeFactory(user=user, started_at=at(d(3, 10), 0, 0))
    last = EpisodeFactory(user=user, started_at=at(d(3, 12), 23, 59))
    EpisodeFactory(user=user, started_at=at(d(3, 13), 0, 0))  # the morning after: out

    found = aggregates.episodes_in_range(mine(user), periods.DayRange(d(3, 10), d(3, 12)), LONDON)

    assert set(found) == {first, last}


def test_all_time_range_has_no_start(user):
    old = EpisodeFactory(user=user, started_at=at(d(1, 1, 2001)))
    found = aggregates.episodes_in_range(mine(user), periods.DayRange(None, TODAY), LONDON)
    assert list(found) == [old]


@pytest.mark.parametrize(
    ("first", "last", "overlaps"),
    [
        pytest.param(d(3, 1), d(3, 9), False, id="ends the day before"),
        pytest.param(d(3, 1), d(3, 10), True, id="ends on the first day"),
        pytest.param(d(3, 20), d(3, 25), True, id="starts on the last day"),
        pytest.param(d(3, 21), d(3, 25), False, id="starts the day after"),
    ],
)
def test_bout_overlaps_range(first, last, overlaps):
    assert periods.DayRange(d(3, 10), d(3, 20)).overlaps(first, last) is overlaps


# --- aggregates -----------------------------------------------------------------------


def test_journal_days_take_the_worst_pain_of_each_day(user):
    EpisodeFactory(user=user, started_at=at(d(3, 10), 8), severity=3)
    EpisodeFactory(user=user, started_at=at(d(3, 10), 18), severity=7)
    EpisodeFactory(user=user, started_at=at(d(3, 12), 9), severity=5)

    assert aggregates.journal_days(mine(user), LONDON) == [
        periods.JournalDay(d(3, 10), peak=7, episodes=2, severity_total=10),
        periods.JournalDay(d(3, 12), peak=5, episodes=1, severity_total=5),
    ]


def test_days_are_calendar_days_in_the_persons_time_zone(user):
    # 03:30 UTC on 10 March is still the evening of 9 March in New York.
    EpisodeFactory(user=user, started_at=at(d(3, 10), 3, 30, tz=UTC), severity=6)

    assert [(x.day, x.peak) for x in aggregates.journal_days(mine(user), NEW_YORK)] == [
        (d(3, 9), 6)
    ]
    assert [(x.day, x.peak) for x in aggregates.journal_days(mine(user), UTC)] == [(d(3, 10), 6)]


def test_weeks_start_on_monday_in_local_time(user):
    # Sunday 8 March, 23:30 in New York is already Monday 9 March in UTC.
    EpisodeFactory(user=user, started_at=at(d(3, 8), 23, 30, tz=NEW_YORK))
    EpisodeFactory(user=user, started_at=at(d(3, 10), tz=NEW_YORK))

    def weeks(tz):
        rolled = periods.roll_up(aggregates.journal_days(mine(user), tz), periods.WEEK)
        return [(p.start, p.episodes) for p in rolled]

    assert weeks(NEW_YORK) == [(d(3, 2), 1), (d(3, 9), 1)]
    assert weeks(UTC) == [(d(3, 9), 2)]


# UTC moments where a zone's offset changes, and zones with unusual offsets.
ZONE_CHANGES = [
    pytest.param("Europe/London", datetime.datetime(2026, 3, 29, 1), id="London spring"),
    pytest.param("Europe/London", datetime.datetime(2025, 10, 26, 1), id="London autumn"),
    pytest.param("America/New_York", datetime.datetime(2026, 3, 8, 7), id="New York spring"),
    pytest.param("America/New_York", datetime.datetime(2025, 11, 2, 6), id="New York autumn"),
    pytest.param("Pacific/Auckland", datetime.datetime(2026, 4, 4, 14), id="Auckland"),
    pytest.param("Australia/Lord_Howe", datetime.datetime(2025, 10, 4, 15, 30), id="half hour"),
    pytest.param("Asia/Kathmandu", datetime.datetime(2026, 1, 1, 18, 15), id="plus 5:45"),
    pytest.param("Pacific/Apia", datetime.datetime(2011, 12, 30, 10), id="a skipped day"),
    pytest.param("Europe/London", datetime.datetime(1968, 6, 1, 23, 30), id="before the table"),
    pytest.param("Europe/London", datetime.datetime(2090, 6, 1, 23, 30), id="after the table"),
]


@pytest.mark.parametrize(("zone", "change"), ZONE_CHANGES)
def test_local_date_agrees_with_truncdate_around_offset_changes(user, zone, change):
    tz = zoneinfo.ZoneInfo(zone)
    change = change.replace(tzinfo=UTC)
    for seconds in (-86400, -3601, -61, -1, 0, 1, 59, 3599, 3600, 7200, 86400):
        EpisodeFactory(
            user=user,
            started_at=change + datetime.timedelta(seconds=seconds, microseconds=250_000),
            ended_at=None,
        )

    episodes = (
        mine(user)
        .order_by("started_at")
        .annotate(local=local_days.LocalDate("started_at", tzinfo=tz))
        .annotate(django=TruncDate("started_at", tzinfo=tz))
    )

    assert [e.local for e in episodes] == [e.django for e in episodes]
    assert [e.local for e in episodes] == [e.started_at.astimezone(tz).date() for e in episodes]


def test_offset_changes_are_found_to_the_second():
    def moment(*parts):
        return int(datetime.datetime(*parts, tzinfo=UTC).timestamp())

    changes = local_days.utc_offset_changes(LONDON, moment(2026, 1, 1), moment(2027, 1, 1))

    assert changes == (
        (moment(2026, 1, 1), 0),
        (moment(2026, 3, 29, 1), 3600),
        (moment(2026, 10, 25, 1), 0),
    )


def test_trigger_counts_most_common_first(user):
    lifting = TriggerFactory(name="Lifting", slug="lifting")
    stress = TriggerFactory(name="Stress", slug="stress")
    EpisodeFactory(user=user, triggers=[lifting, stress])
    EpisodeFactory(user=user, triggers=[lifting])
    EpisodeFactory(user=user)

    assert aggregates.trigger_counts(mine(user)) == [
        aggregates.VocabularyCount("lifting", "Lifting", 2),
        aggregates.VocabularyCount("stress", "Stress", 1),
    ]


def test_remedy_effects_average_and_times_tried(user):
    heat = RemedyFactory(name="Warmth", slug="warmth")
    rest = RemedyFactory(name="Lying down", slug="lying-down")
    for effect in (2, 1, 2):
        RemedyUseFactory(episode=EpisodeFactory(user=user), remedy=heat, effect=effect)
    RemedyUseFactory(episode=EpisodeFactory(user=user), remedy=rest, effect=-1)

    remedies = aggregates.remedy_effects(mine(user))

    assert remedies == [
        aggregates.RemedyEffect("warmth", "Warmth", 5, 3),
        aggregates.RemedyEffect("lying-down", "Lying down", -1, 1),
    ]
    assert [(r.figure, r.words) for r in remedies] == [
        ("+1.7", "Much better"),
        ("\u22121.0", "Made it worse"),
    ]


@pytest.mark.parametrize(
    ("total", "tried", "figure"),
    [
        pytest.param(29, 20, "+1.5", id="1.45 is 1.5 (rounding 1.45 as a float gave 1.4)"),
        pytest.param(623, 500, "+1.2", id="1.246 is 1.2 (rounding to 1.25 first gave 1.3)"),
        pytest.param(-29, 20, "\u22121.5", id="a negative half rounds away from zero"),
        pytest.param(5, 3, "+1.7", id="thirds"),
        pytest.param(-1, 25, "+0.0", id="no minus zero"),
    ],
)
def test_remedy_average_is_rounded_once_to_one_decimal(total, tried, figure):
    assert aggregates.RemedyEffect("heat", "Heat", total, tried).figure == figure


def test_remedies_rank_by_the_figure_shown_then_by_times_tried(user):
    often = RemedyFactory(name="Often tried", slug="often")
    seldom = RemedyFactory(name="Seldom tried", slug="seldom")
    for effect in [2] * 23 + [1] * 27:  # 1.46 over 50 tries: +1.5
        RemedyUseFactory(episode=EpisodeFactory(user=user), remedy=often, effect=effect)
    for effect in [2] * 7 + [1] * 6:  # 1.54 over 13 tries: +1.5
        RemedyUseFactory(episode=EpisodeFactory(user=user), remedy=seldom, effect=effect)

    remedies = aggregates.remedy_effects(mine(user))

    assert [(r.name, r.figure) for r in remedies] == [
        ("Often tried", "+1.5"),
        ("Seldom tried", "+1.5"),
    ]


def test_location_counts_with_their_labels(user):
    EpisodeFactory.create_batch(2, user=user, location="lower")
    EpisodeFactory(user=user, location="neck")

    assert aggregates.location_counts(mine(user)) == [
        aggregates.LocationCount("lower", "Lower back", 2),
        aggregates.LocationCount("neck", "Neck", 1),
    ]


def test_journal_months_average_and_peak(user):
    EpisodeFactory(user=user, started_at=at(d(2, 27)), severity=4)
    EpisodeFactory(user=user, started_at=at(d(3, 1)), severity=3)
    EpisodeFactory(user=user, started_at=at(d(3, 1), 18), severity=1)
    EpisodeFactory(user=user, started_at=at(d(3, 31), 23, 30), severity=8)

    months = aggregates.journal_months(mine(user), LONDON)

    assert months == [
        periods.Period(d(2, 1), peak=4, episodes=1, days=1, severity_total=4, first_day=d(2, 27)),
        periods.Period(d(3, 1), peak=8, episodes=3, days=2, severity_total=12, first_day=d(3, 1)),
    ]
    assert [m.average for m in months] == [4.0, 4.0]


def test_months_are_calendar_months_in_the_persons_time_zone(user):
    # 23:30 on 31 March in London is already 1 April in Kathmandu (UTC+5:45).
    EpisodeFactory(user=user, started_at=at(d(3, 31), 23, 30), severity=8)
    kathmandu = zoneinfo.ZoneInfo("Asia/Kathmandu")

    assert [m.start for m in aggregates.journal_months(mine(user), LONDON)] == [d(3, 1)]
    assert [m.start for m in aggregates.journal_months(mine(user), kathmandu)] == [d(4, 1)]


def test_months_roll_up_from_days_alike(user):
    for n in range(0, 120, 3):
        EpisodeFactory(user=user, started_at=at(d(1, 1) + datetime.timedelta(days=n), n % 24))

    days = aggregates.journal_days(mine(user), NEW_YORK)

    assert periods.roll_up(days, periods.MONTH) == aggregates.journal_months(mine(user), NEW_YORK)


def test_red_flag_days_give_the_day_each_sign_was_reported(user):
    numb = RedFlagFactory(name="Numb leg", slug="numb-leg", urgency="see_doctor")
    EpisodeFactory(user=user, started_at=at(d(3, 4)), red_flags=[numb])
    EpisodeFactory(user=user, started_at=at(d(3, 4), 18), red_flags=[numb])
    EpisodeFactory(user=user, started_at=at(d(3, 9)))

    flags = aggregates.red_flag_days(mine(user), LONDON)

    assert flags == [aggregates.RedFlagDay(d(3, 4), "numb-leg", "Numb leg", "see_doctor", 2)]
    assert flags[0].urgency_label == "Book an appointment with a doctor"


def test_recent_notes_newest_first_without_empty_ones(user):
    EpisodeFactory(user=user, started_at=at(d(3, 1)), notes="First")
    EpisodeFactory(user=user, started_at=at(d(3, 2)), notes="")
    EpisodeFactory(user=user, started_at=at(d(3, 3)), notes="Second")
    EpisodeFactory(user=user, started_at=at(d(3, 4)), notes="Third")

    notes = aggregates.recent_notes(mine(user), LONDON, limit=2)

    assert notes == [
        aggregates.DatedNote(d(3, 4), "Third"),
        aggregates.DatedNote(d(3, 3), "Second"),
    ]


def test_totals(user):
    EpisodeFactory(user=user, started_at=at(d(3, 1), 8), severity=2)
    EpisodeFactory(user=user, started_at=at(d(3, 1), 20), severity=5)
    EpisodeFactory(user=user, started_at=at(d(3, 5)), severity=9)

    for rows in (
        aggregates.journal_months(mine(user), LONDON),
        aggregates.journal_days(mine(user), LONDON),
    ):
        assert aggregates.totals(rows) == aggregates.Totals(3, 2, 5.3, 9, d(3, 1))


def test_totals_of_nothing(user):
    nothing = aggregates.journal_months(mine(user), LONDON)

    assert aggregates.totals(nothing) == aggregates.Totals(0, 0, None, None, None)


def test_other_peoples_episodes_are_never_counted(user, other_user):
    lifting = TriggerFactory()
    heat = RemedyFactory()
    flag = RedFlagFactory()
    theirs = EpisodeFactory(
        user=other_user, severity=10, notes="Not yours", triggers=[lifting], red_flags=[flag]
    )
    RemedyUseFactory(episode=theirs, remedy=heat, effect=2)
    EpisodeFactory(user=user, severity=3)

    episodes = mine(user)
    assert [p.peak for p in aggregates.journal_days(episodes, LONDON)] == [3]
    assert aggregates.trigger_counts(episodes) == []
    assert aggregates.remedy_effects(episodes) == []
    assert aggregates.red_flag_days(episodes, LONDON) == []
    assert aggregates.recent_notes(episodes, LONDON) == []
    assert aggregates.totals(aggregates.journal_months(episodes, LONDON)).episodes == 1
    today = timezone.localdate(timezone=LONDON)
    assert [b.peak_severity for b in london_bouts(user, today)] == [3]


# --- bouts ----------------------------------------------------------------------------


def london_bouts(user, today):
    """The person's bouts as every page gets them: from the assessment, in their zone."""
    user.profile.timezone = "Europe/London"
    user.profile.save()
    return list(assess(user, today=today).bouts)


def test_bouts_come_from_the_persons_calendar_days(user):
    # Day after day for 16 days, then a week off, then one short spasm.
    for n in range(16):
        EpisodeFactory(user=user, started_at=at(d(2, 1) + datetime.timedelta(days=n)), severity=4)
    EpisodeFactory(user=user, started_at=at(d(2, 24)), severity=6)

    bouts = london_bouts(user, TODAY)

    assert [(b.start, b.last_day, b.days, b.passed_threshold) for b in bouts] == [
        (d(2, 1), d(2, 16), 16, True),
        (d(2, 24), d(2, 24), 1, False),
    ]


def test_ongoing_episode_makes_an_ongoing_bout(user):
    EpisodeFactory(user=user, started_at=at(d(3, 18)), ended_at=None)

    (bout,) = london_bouts(user, TODAY)

    assert bout.ongoing and bout.days == 3


def test_bouts_in_range_keep_those_that_overlap_it(user):
    def bout(first, last):
        return Bout(first, last, False, (last - first).days + 1, 5, 1, (), False)

    before, across, inside = bout(d(1, 1), d(1, 3)), bout(d(2, 25), d(3, 3)), bout(d(3, 9), d(3, 9))

    kept = aggregates.bouts_in_range([before, across, inside], periods.DayRange(d(3, 1), TODAY))

    assert kept == [across, inside]


# --- days, weeks, months ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "starts"),
    [
        pytest.param(periods.DAY, [d(3, 4), d(3, 5), d(3, 6)], id="day"),
        pytest.param(periods.WEEK, [d(3, 2)], id="week"),
        pytest.param(periods.MONTH, [d(3, 1)], id="month"),
    ],
)
def test_each_period_of_a_few_days(unit, starts):
    assert periods.each_period(d(3, 4), d(3, 6), unit) == starts


@pytest.mark.parametrize(
    ("unit", "starts"),
    [
        pytest.param(periods.WEEK, [d(12, 29, 2025), d(1, 5), d(1, 12)], id="week"),
        pytest.param(periods.MONTH, [d(12, 1, 2025), d(1, 1)], id="month"),
        pytest.param(periods.QUARTER, [d(10, 1, 2025), d(1, 1)], id="quarter"),
        pytest.param(periods.YEAR, [d(1, 1, 2025), d(1, 1)], id="year"),
    ],
)
def test_each_period_across_a_new_year(unit, starts):
    assert periods.each_period(d(12, 31, 2025), d(1, 12), unit) == starts


@pytest.mark.parametrize(
    ("days", "unit"),
    [
        pytest.param(30, periods.DAY, id="30 days: daily"),
        pytest.param(186, periods.DAY, id="six months: daily"),
        pytest.param(187, periods.WEEK, id="just over six months: weekly"),
        pytest.param(365, periods.WEEK, id="a year: weekly"),
        pytest.param(3 * 366, periods.WEEK, id="three years: weekly"),
        pytest.param(3 * 366 + 1, periods.MONTH, id="just over three years: monthly"),
        pytest.param(3650, periods.MONTH, id="ten years: monthly"),
    ],
)
def test_chart_unit_by_the_length_of_the_range(days, unit):
    assert periods.chart_unit(TODAY - datetime.timedelta(days=days - 1), TODAY) == unit


@pytest.mark.parametrize(
    ("first", "unit"),
    [
        pytest.param(d(4, 1, 2024), periods.MONTH, id="24 months"),
        pytest.param(d(3, 31, 2024), periods.QUARTER, id="25 months"),
        pytest.param(d(4, 1, 2020), periods.QUARTER, id="24 quarters"),
        pytest.param(d(3, 31, 2020), periods.YEAR, id="25 quarters"),
        pytest.param(d(1, 1, 2016), periods.YEAR, id="ten years"),
    ],
)
def test_trend_unit_keeps_the_report_table_short(first, unit):
    assert periods.trend_unit(first, TODAY, 24) == unit


@pytest.mark.parametrize(
    ("unit", "long", "short"),
    [
        pytest.param(periods.DAY, "2 March 2026", "2 Mar 2026", id="day"),
        pytest.param(periods.WEEK, "2 March 2026", "2 Mar 2026", id="week (a Monday)"),
        pytest.param(periods.MONTH, "March 2026", "Mar 2026", id="month"),
        pytest.param(
            periods.QUARTER, "January to March 2026", "January to March 2026", id="quarter"
        ),
        pytest.param(periods.YEAR, "2026", "2026", id="year"),
    ],
)
def test_period_names(unit, long, short):
    start = periods.period_start(d(3, 2), unit)
    assert (periods.long_period(start, unit), periods.short_period(start, unit)) == (long, short)


def test_dates_are_written_out_in_english():
    assert [periods.long_date(d(m, 9)) for m in (1, 9, 12)] == [
        "9 January 2026",
        "9 September 2026",
        "9 December 2026",
    ]
    assert periods.short_date(d(9, 30)) == "30 Sep 2026"


# --- summaries ------------------------------------------------------------------------


def make_bouts(*days, threshold=14):
    return [
        Bout(d(1, 1), d(1, 1), False, n, 5, 1, (), n > threshold)
        for n in days  # only the lengths matter here
    ]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        pytest.param((), "There were no bouts in this range.", id="none"),
        pytest.param(
            (5,), "Your one bout lasted 5 days, within the 14-day threshold.", id="one within"
        ),
        pytest.param(
            (21,), "Your one bout lasted 21 days, longer than the 14-day threshold.", id="one over"
        ),
        pytest.param(
            (3, 14, 9),
            "None of your 3 bouts lasted longer than 14 days; the longest lasted 14 days.",
            id="fourteen days is not over",
        ),
        pytest.param(
            (3, 15, 21, 2, 4),
            "Two of your 5 bouts lasted longer than 14 days; the longest lasted 21 days.",
            id="two of five",
        ),
        pytest.param(
            (15, 16),
            "All 2 of your bouts lasted longer than 14 days; the longest lasted 16 days.",
            id="all",
        ),
    ],
)
def test_bouts_summary(days, expected):
    assert charts.bouts_summary(make_bouts(*days), 14) == expected


def journal_day(day, peak, episodes):
    return periods.JournalDay(day, peak, episodes, peak * episodes)


def test_pain_summary_names_the_worst_day():
    days = [journal_day(d(3, 12), 8, 2), journal_day(d(3, 14), 4, 1)]
    assert charts.pain_summary(days) == (
        "Your worst day was 12 March 2026 (8/10); you recorded 3 episodes on 2 days."
    )


def test_pain_summary_says_when_the_chart_is_by_the_week():
    days = [journal_day(d(3, 12), 8, 2)]
    assert charts.pain_summary(days, periods.WEEK) == (
        "Your worst day was 12 March 2026 (8/10); you recorded 2 episodes on 1 day. "
        "The chart shows the worst pain of each week."
    )


def period(start, episodes):
    return periods.Period(start, 5, episodes, episodes, 5 * episodes, start)


def test_frequency_summary_averages_over_every_week_shown():
    weeks = [period(d(3, 2), 3), period(d(3, 16), 1)]
    assert charts.frequency_summary(weeks, 4) == (
        "You averaged 1.0 episodes a week; the busiest week, starting 2 March 2026, had 3."
    )


def test_frequency_summary_by_the_month():
    months = [period(d(2, 1), 12), period(d(3, 1), 20)]
    assert charts.frequency_summary(months, 3, periods.MONTH) == (
        "You averaged 10.7 episodes a month; the busiest month, March 2026, had 20."
    )


def test_trigger_summary():
    triggers = [aggregates.VocabularyCount("lifting", "Lifting", 7)]
    assert charts.trigger_summary(triggers, 20) == (
        "Your most common trigger was Lifting, noted in 7 of 20 episodes."
    )
    assert charts.trigger_summary([], 20) == "You did not note any triggers in this range."


def test_trigger_summary_names_every_trigger_sharing_the_top_place():
    triggers = [
        aggregates.VocabularyCount("a", "Lifting", 2),
        aggregates.VocabularyCount("b", "Stress", 2),
        aggregates.VocabularyCount("c", "Sport", 1),
    ]
    assert charts.trigger_summary(triggers, 4) == (
        "Your most common triggers were Lifting and Stress, each noted in 2 of 4 episodes."
    )


@pytest.mark.parametrize(
    ("remedies", "start"),
    [
        pytest.param(
            [aggregates.RemedyEffect("heat", "Heat", 6, 4)],
            "Heat helped most: on average +1.5 over 4 tries",
            id="helped",
        ),
        pytest.param(
            [
                aggregates.RemedyEffect("lucky", "Tried once", 2, 1),
                aggregates.RemedyEffect("heat", "Heat", 6, 4),
            ],
            "Tried once helped most: +2.0 the one time you tried it, on a scale from "
            "\u22121 (made it worse) to +2 (much better). Of the remedies you tried more "
            "than once, Heat helped most (on average +1.5 over 4 tries).",
            id="tried once comes first, as in the chart, and says so",
        ),
        pytest.param(
            [aggregates.RemedyEffect("lucky", "Tried once", 2, 1)],
            "Tried once helped most: +2.0 the one time you tried it, on a scale from "
            "\u22121 (made it worse) to +2 (much better). One try is little to go on.",
            id="only tried once",
        ),
        pytest.param(
            [aggregates.RemedyEffect("rest", "Bed rest", -1, 2)],
            "None of the remedies you tried helped on average; the best was Bed rest (on average \u22120.5 over 2 tries).",
            id="nothing helped",
        ),
        pytest.param([], "You did not record any remedies in this range.", id="none"),
    ],
)
def test_remedy_summary(remedies, start):
    assert charts.remedy_summary(remedies).startswith(start)


@pytest.mark.parametrize(
    ("locations", "count", "expected"),
    [
        pytest.param(
            [aggregates.LocationCount("lower", "Lower back", 1)],
            1,
            "Your one episode was in the lower back.",
            id="one",
        ),
        pytest.param(
            [aggregates.LocationCount("neck", "Neck", 3)],
            3,
            "All 3 episodes were in the neck.",
            id="all in one place",
        ),
        pytest.param(
            [
                aggregates.LocationCount("lower", "Lower back", 5),
                aggregates.LocationCount("mid", "Mid back", 2),
            ],
            7,
            "The lower back came up most often: 5 of 7 episodes.",
            id="most often",
        ),
        pytest.param(
            [
                aggregates.LocationCount("lower", "Lower back", 2),
                aggregates.LocationCount("mid", "Mid back", 2),
                aggregates.LocationCount("neck", "Neck", 2),
                aggregates.LocationCount("upper", "Upper back", 1),
            ],
            7,
            "The lower back, mid back and neck came up equally often: 2 of 7 episodes each.",
            id="a tie",
        ),
    ],
)
def test_location_summary(locations, count, expected):
    assert charts.location_summary(locations, count) == expected


FEVER_SIGN = RedFlagReport("fever", "Fever with back pain", "urgent", "Today.")


@pytest.mark.parametrize(
    ("flags_per_bout", "ending"),
    [
        pytest.param([(FEVER_SIGN,)], " It had warning signs.", id="one bout with a sign"),
        pytest.param([(), (FEVER_SIGN,), (FEVER_SIGN,)], " 2 bouts had warning signs.", id="two"),
        pytest.param([(), ()], "days.", id="none had signs"),
    ],
)
def test_bouts_summary_says_which_had_warning_signs(flags_per_bout, ending):
    bouts = [Bout(d(1, 1), d(1, 1), False, 3, 5, 1, flags, False) for flags in flags_per_bout]

    assert charts.bouts_summary(bouts, 14).endswith(ending)


def test_a_sign_is_labelled_with_its_urgency():
    assert FEVER_SIGN.label == "Urgent: Fever with back pain"
