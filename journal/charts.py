"""What each chart shows, in words: the sentence above it, which stands in for the chart
for anyone who cannot see it."""

from __future__ import annotations

from .aggregates import LocationCount, RemedyEffect, VocabularyCount
from .bouts import Bout
from .periods import DAY, WEEK, JournalDay, Period, long_date, long_period

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """Small numbers as words, the way they read in a sentence: 'two of your 5 bouts'."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def pain_summary(days: list[JournalDay], unit: str = DAY) -> str:
    if not days:
        return "You recorded no episodes in this range."
    worst = max(days, key=lambda d: (d.peak, d.day))  # the most recent of the worst days
    episodes = sum(d.episodes for d in days)
    start_days = sum(1 for d in days if d.episodes)
    return pain_sentence(worst.day, worst.peak, episodes, start_days, unit)


def pain_sentence(worst_day, worst_peak: int, episodes: int, start_days: int, unit: str) -> str:
    """`pain_summary` from its figures: the worst day and its pain, the episodes and on
    how many days they started."""
    summary = (
        f"Your worst day was {long_date(worst_day)} ({worst_peak}/10); "
        f"you recorded {plural(episodes, 'episode')} on {plural(start_days, 'day')}."
    )
    if unit != DAY:
        summary += f" The chart shows the worst pain of each {unit}."
    return summary


def bouts_summary(bouts: list[Bout], threshold_days: int) -> str:
    if not bouts:
        return "There were no bouts in this range."
    limit = plural(threshold_days, "day")
    longest = max(bout.days for bout in bouts)
    if len(bouts) == 1:
        verdict = "longer than" if bouts[0].passed_threshold else "within"
        so_far = " so far" if bouts[0].ongoing else ""
        signs = " It had warning signs." if bouts[0].red_flags else ""
        return f"Your one bout lasted {plural(longest, 'day')}{so_far}, {verdict} the {threshold_days}-day threshold.{signs}"
    past = sum(1 for bout in bouts if bout.passed_threshold)
    if past == 0:
        lead = f"None of your {len(bouts)} bouts"
    elif past == len(bouts):
        lead = f"All {len(bouts)} of your bouts"
    else:
        lead = f"{number_word(past).capitalize()} of your {len(bouts)} bouts"
    summary = f"{lead} lasted longer than {limit}; the longest lasted {plural(longest, 'day')}."
    with_signs = sum(1 for bout in bouts if bout.red_flags)
    if with_signs:
        summary += f" {plural(with_signs, 'bout')} had warning signs."
    return summary


def frequency_summary(periods: list[Period], period_count: int, unit: str = WEEK) -> str:
    """How often episodes came: per week, or per month over a long range."""
    if not periods:
        return "You recorded no episodes in this range."
    total = sum(p.episodes for p in periods)
    busiest = max(periods, key=lambda p: (p.episodes, p.start))
    average = total / max(period_count, 1)
    which = (
        f"starting {long_date(busiest.start)}" if unit == WEEK else long_period(busiest.start, unit)
    )
    return (
        f"You averaged {average:.1f} episodes a {unit}; the busiest {unit}, "
        f"{which}, had {busiest.episodes}."
    )


def trigger_summary(triggers: list[VocabularyCount], episode_count: int) -> str:
    if not triggers:
        return "You did not note any triggers in this range."
    top = [t for t in triggers if t.episodes == triggers[0].episodes]
    of = f"{top[0].episodes} of {plural(episode_count, 'episode')}"
    if len(top) > 1:
        return (
            f"Your most common triggers were {and_list([t.name for t in top])}, each noted in {of}."
        )
    return f"Your most common trigger was {top[0].name}, noted in {of}."


def _effect_over_tries(remedy: RemedyEffect) -> str:
    if remedy.tried == 1:
        return f"{remedy.figure} the one time you tried it"
    return f"on average {remedy.figure} over {plural(remedy.tried, 'try', 'tries')}"


def remedy_summary(remedies: list[RemedyEffect]) -> str:
    """Names the remedy the chart and table put first (`remedy_effects` ranks them).

    A remedy tried once that happened to help is weaker evidence than one tried often, so
    the sentence says when the first was tried only once, and which of those tried more
    than once helped most.
    """
    if not remedies:
        return "You did not record any remedies in this range."
    best = remedies[0]
    if best.average <= 0:
        return (
            "None of the remedies you tried helped on average; "
            f"the best was {best.name} ({_effect_over_tries(best)})."
        )
    summary = (
        f"{best.name} helped most: {_effect_over_tries(best)}, "
        "on a scale from \N{MINUS SIGN}1 (made it worse) to +2 (much better)."
    )
    if best.tried == 1:
        tried_again = next((r for r in remedies if r.tried > 1 and r.average > 0), None)
        if tried_again:
            summary += (
                f" Of the remedies you tried more than once, {tried_again.name} helped most "
                f"({_effect_over_tries(tried_again)})."
            )
        else:
            summary += " One try is little to go on."
    return summary


def location_summary(locations: list[LocationCount], episode_count: int) -> str:
    if not locations:
        return "You recorded no episodes in this range."
    top = [loc for loc in locations if loc.episodes == locations[0].episodes]
    where = and_list([loc.label.lower() for loc in top])
    if episode_count == 1:
        return f"Your one episode was in the {where}."
    if len(locations) == 1:
        return f"All {episode_count} episodes were in the {where}."
    if len(top) > 1:
        return f"The {where} came up equally often: {top[0].episodes} of {episode_count} episodes each."
    return f"The {where} came up most often: {top[0].episodes} of {episode_count} episodes."


def course_words(course: tuple[int, int] | None) -> str:
    """How the pain went over a bout, first day to last: "6 → 2 (eased)"."""
    if course is None:
        return "no readings"
    first, last = course
    trend = "eased" if last < first else "worse" if last > first else "no change"
    return f"{first} \N{RIGHTWARDS ARROW} {last} ({trend})"
