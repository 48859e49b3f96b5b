"""The care assessment, rule by rule, with a fixed `today` and both sides of each boundary."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone

from accounts.models import Profile
from guidance.levels import CareLevel
from guidance.models import Article, CareThresholds, RedFlag, RiskFactor
from journal import services
from journal.assessment import (
    Assessment,
    EpisodeFacts,
    Reason,
    RedFlagReport,
    RiskFactorReport,
    ThresholdValues,
    assess,
    evaluate,
    find_bouts,
)
from journal.models import Episode
from journal.summaries import journal_changed

TODAY = datetime.date(2026, 3, 20)  # a Friday
DEFAULTS = ThresholdValues()

BLADDER = RedFlagReport(
    "loss-of-bladder-control",
    "Loss of bladder control",
    "emergency",
    "Call emergency services now.",
)
FEVER = RedFlagReport(
    "fever-with-back-pain", "Fever with back pain", "urgent", "See a doctor today."
)
NUMB_LEG = RedFlagReport(
    "numbness-in-one-leg", "Numbness in one leg", "see_doctor", "Book an appointment."
)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def episode(start_ago, end_ago=None, severity=4, flags=()):
    """An episode `start_ago` days before TODAY; no `end_ago` means still going."""
    return EpisodeFacts(
        start_day=days_ago(start_ago),
        end_day=None if end_ago is None else days_ago(end_ago),
        severity=severity,
        red_flags=tuple(flags),
    )


def summary(bout):
    return (
        (TODAY - bout.start).days,
        (TODAY - bout.last_day).days,
        bout.days,
        bout.ongoing,
        bout.episode_count,
    )


# --- find_bouts ------------------------------------------------------------------------

# Each expected bout: (start days ago, last day days ago, days, ongoing, episode count).
# TODAY is a Friday, so 11 days ago is a Monday, 8 a Thursday and 7 a Friday.
BOUT_CASES = [
    pytest.param([], [], id="no episodes, no bouts"),
    pytest.param([episode(9)], [(9, 0, 10, True, 1)], id="ongoing since nine days ago is day 10"),
    pytest.param([episode(5, 5)], [(5, 5, 1, False, 1)], id="one-day episode is a one-day bout"),
    pytest.param(
        [episode(13, 11), episode(8, 8)],
        [(13, 8, 6, False, 2)],
        id="last day Monday, next Thursday: gap of 3 joins",
    ),
    pytest.param(
        [episode(13, 11), episode(7, 7)],
        [(13, 11, 3, False, 1), (7, 7, 1, False, 1)],
        id="last day Monday, next Friday: gap of 4 starts a new bout",
    ),
    pytest.param(
        [episode(4, 4), episode(4, 4), episode(4, 3)],
        [(4, 3, 2, False, 3)],
        id="several episodes the same day are one bout",
    ),
    pytest.param(
        [episode(30, 10), episode(28, 27), episode(8, 8)],
        [(30, 8, 23, False, 3)],
        id="long early episode outlasts the later short ones",
    ),
    pytest.param(
        [episode(20, 18), episode(16)],
        [(20, 0, 21, True, 2)],
        id="ongoing episode carries the bout to today",
    ),
    pytest.param(
        [episode(2, 2), episode(40, 40), episode(20, 20)],
        [(40, 40, 1, False, 1), (20, 20, 1, False, 1), (2, 2, 1, False, 1)],
        id="bouts come oldest first whatever the input order",
    ),
    pytest.param([episode(-1), episode(5, 5)], [(5, 5, 1, False, 1)], id="future episode ignored"),
    pytest.param(
        [episode(3, -2)], [(3, 0, 4, False, 1)], id="end typed after today stops at today"
    ),
]


@pytest.mark.parametrize(("episodes", "expected"), BOUT_CASES)
def test_find_bouts(episodes, expected):
    bouts = find_bouts(episodes, gap_days=3, today=TODAY, threshold_days=14)
    assert [summary(bout) for bout in bouts] == expected


@pytest.mark.parametrize(
    ("start_ago", "passed"),
    [
        pytest.param(13, False, id="day 14 has not passed 14 days"),
        pytest.param(14, True, id="day 15 has passed 14 days"),
    ],
)
def test_bout_passed_threshold(start_ago, passed):
    (bout,) = find_bouts([episode(start_ago)], gap_days=3, today=TODAY, threshold_days=14)
    assert bout.passed_threshold is passed


def test_bout_keeps_peak_severity_and_each_red_flag_once():
    episodes = [
        episode(6, 5, severity=3, flags=[FEVER]),
        episode(4, 4, severity=7, flags=[FEVER, NUMB_LEG]),
        episode(2, 1, severity=5),
    ]
    (bout,) = find_bouts(episodes, gap_days=3, today=TODAY, threshold_days=14)
    assert bout.peak_severity == 7
    assert bout.red_flags == (FEVER, NUMB_LEG)


# --- evaluate: the level -----------------------------------------------------------------

LEVEL_CASES = [
    # episodes, thresholds, level, bout_days, days_left
    pytest.param([], DEFAULTS, "clear", None, None, id="no episodes is clear"),
    pytest.param([episode(9)], DEFAULTS, "watch", 10, 4, id="day 10 of 14 is watch, 4 left"),
    pytest.param([episode(13)], DEFAULTS, "watch", 14, 0, id="day 14 is still watch"),
    pytest.param([episode(14)], DEFAULTS, "see_doctor", 15, 0, id="day 15 is see a doctor"),
    pytest.param([episode(39)], DEFAULTS, "see_doctor", 40, 0, id="day 40 has 0 left, not -26"),
    pytest.param(
        [episode(6, 3)], DEFAULTS, "watch", 4, 10, id="bout ended 3 days ago is still current"
    ),
    pytest.param(
        [episode(7, 4)], DEFAULTS, "clear", None, None, id="bout ended 4 days ago is clear"
    ),
    pytest.param(
        [episode(30, 4)], DEFAULTS, "clear", None, None, id="long past bout no longer counts"
    ),
    pytest.param([episode(2, severity=7)], DEFAULTS, "watch", 3, 11, id="pain 7 is watch"),
    pytest.param(
        [episode(1, severity=8)], DEFAULTS, "watch", 2, 12, id="severe pain for 2 days is watch"
    ),
    pytest.param(
        [episode(2, severity=8)], DEFAULTS, "see_doctor", 3, 11, id="severe for 3 days is see"
    ),
    pytest.param(
        [episode(0, severity=10)], DEFAULTS, "watch", 1, 13, id="first hours at 10/10 is watch"
    ),
    pytest.param(
        [episode(5, 5, severity=9), episode(3, 3, severity=9), episode(1, 1, severity=3)],
        DEFAULTS,
        "watch",
        5,
        9,
        id="two separate severe days is not more than 2",
    ),
    pytest.param(
        [episode(5, 5, severity=9), episode(3, 2, severity=9), episode(1, 1, severity=3)],
        DEFAULTS,
        "see_doctor",
        5,
        9,
        id="three severe days in a bout is more than 2",
    ),
    pytest.param(
        [episode(3, 3, severity=3), episode(1, severity=5)],
        DEFAULTS,
        "see_doctor",
        4,
        10,
        id="pain up by 2 across the bout is getting worse",
    ),
    pytest.param(
        [episode(3, 3, severity=3), episode(1, severity=4)],
        DEFAULTS,
        "watch",
        4,
        10,
        id="pain up by 1 is not clearly worse",
    ),
    pytest.param(
        [episode(7, 5, severity=5), episode(2, severity=5)],
        DEFAULTS,
        "see_doctor",
        8,
        6,
        id="day 8, pain no lower than the start: not improving",
    ),
    pytest.param(
        [episode(6, 5, severity=5), episode(2, severity=5)],
        DEFAULTS,
        "watch",
        7,
        7,
        id="day 7, pain no lower than the start: not yet",
    ),
    pytest.param(
        [episode(7, 5, severity=5), episode(2, severity=4)],
        DEFAULTS,
        "watch",
        8,
        6,
        id="day 8, pain lower than the start: improving",
    ),
    pytest.param(
        [episode(10, 6, severity=5), episode(3, 3, severity=5)],
        DEFAULTS,
        "watch",
        8,
        6,
        id="not-improving rule needs the bout still going",
    ),
    pytest.param(
        [episode(7, 5, severity=5), episode(2, severity=5)],
        ThresholdValues(not_improving_after_days=10),
        "watch",
        8,
        6,
        id="custom not-improving days",
    ),
    pytest.param(
        [episode(20, 19, severity=10)], DEFAULTS, "clear", None, None, id="severe pain in past bout"
    ),
    pytest.param(
        [episode(60, 60), episode(30, 30)], DEFAULTS, "clear", None, None, id="2 bouts in 90 days"
    ),
    pytest.param(
        [episode(60, 60), episode(30, 30), episode(10, 10)],
        DEFAULTS,
        "see_doctor",
        None,
        None,
        id="3 bouts in 90 days, none current",
    ),
    pytest.param(
        [episode(60, 60), episode(30, 30), episode(1)],
        DEFAULTS,
        "see_doctor",
        2,
        12,
        id="3 bouts in 90 days, the last current",
    ),
    pytest.param(
        [episode(89, 89), episode(30, 30), episode(10, 10)],
        DEFAULTS,
        "see_doctor",
        None,
        None,
        id="oldest of 3 bouts started 89 days ago: inside the window",
    ),
    pytest.param(
        [episode(90, 90), episode(30, 30), episode(10, 10)],
        DEFAULTS,
        "clear",
        None,
        None,
        id="oldest of 3 bouts started 90 days ago: outside the window",
    ),
    pytest.param(
        [episode(95, 85), episode(30, 30), episode(10, 10)],
        DEFAULTS,
        "clear",
        None,
        None,
        id="a bout counts by its start, not its end",
    ),
    pytest.param(
        [episode(2, flags=[NUMB_LEG])], DEFAULTS, "see_doctor", 3, 11, id="see_doctor red flag"
    ),
    pytest.param([episode(2, flags=[FEVER])], DEFAULTS, "urgent", 3, 11, id="urgent red flag"),
    pytest.param(
        [episode(2, flags=[BLADDER])], DEFAULTS, "emergency", 3, 11, id="emergency red flag"
    ),
    pytest.param(
        [episode(10, 9, flags=[BLADDER]), episode(7)],
        DEFAULTS,
        "emergency",
        11,
        3,
        id="red flag on an earlier episode of the current bout",
    ),
    pytest.param(
        [episode(20, 19, flags=[BLADDER])],
        DEFAULTS,
        "clear",
        None,
        None,
        id="red flag in a past bout",
    ),
    pytest.param([episode(-2)], DEFAULTS, "clear", None, None, id="future episode ignored"),
    pytest.param(
        [episode(3, 3), episode(-1, severity=9, flags=[BLADDER])],
        DEFAULTS,
        "watch",
        1,
        13,
        id="future episode adds no days, pain or flags",
    ),
    pytest.param(
        [episode(6)],
        ThresholdValues(see_doctor_after_days=7),
        "watch",
        7,
        0,
        id="custom 7-day threshold: day 7 is watch",
    ),
    pytest.param(
        [episode(7)],
        ThresholdValues(see_doctor_after_days=7),
        "see_doctor",
        8,
        0,
        id="custom 7-day threshold: day 8 is see a doctor",
    ),
    pytest.param(
        [episode(5, 4), episode(2)],
        ThresholdValues(symptom_free_gap_days=1),
        "watch",
        3,
        11,
        id="custom 1-day gap: 2 days apart is a new bout",
    ),
    pytest.param(
        [episode(5, 4), episode(2)], DEFAULTS, "watch", 6, 8, id="default gap: same episodes join"
    ),
    pytest.param(
        [episode(2, severity=6)],
        ThresholdValues(severe_pain_level=6),
        "see_doctor",
        3,
        11,
        id="custom severe pain level 6, for 3 days",
    ),
    pytest.param(
        [episode(29, 29), episode(10, 10)],
        ThresholdValues(recurrence_bouts=2, recurrence_window_days=30),
        "see_doctor",
        None,
        None,
        id="custom recurrence: 2 bouts in 30 days",
    ),
    pytest.param(
        [episode(30, 30), episode(10, 10)],
        ThresholdValues(recurrence_bouts=2, recurrence_window_days=30),
        "clear",
        None,
        None,
        id="custom recurrence: first bout 30 days ago is outside",
    ),
]


@pytest.mark.parametrize(("episodes", "thresholds", "level", "bout_days", "days_left"), LEVEL_CASES)
def test_evaluate_level(episodes, thresholds, level, bout_days, days_left):
    assessment = evaluate(episodes, thresholds, TODAY)
    assert assessment.level == level
    assert assessment.bout_days == bout_days
    assert assessment.days_left == days_left
    assert assessment.threshold_days == thresholds.see_doctor_after_days
    if bout_days is None:
        assert assessment.bout_start is None
        assert assessment.current_bout is None
    else:
        assert assessment.bout_start == assessment.current_bout.start


# --- evaluate: the reasons ---------------------------------------------------------------

REASON_CASES = [
    pytest.param(
        [episode(9)],
        Reason("watch", "Your current bout is on day 10 of 14."),
        id="watch says which day",
    ),
    pytest.param(
        [episode(14)],
        Reason("see_doctor", "Your current bout has lasted 15 days, longer than 14 days."),
        id="long bout says how long",
    ),
    pytest.param(
        [episode(2, severity=9)],
        Reason(
            "see_doctor",
            "Your pain has been severe (8 out of 10 or more) on 3 days.",
            "Severe pain that lasts more than 2 days should be checked: book an appointment "
            "with a doctor.",
        ),
        id="severe pain says for how many days",
    ),
    pytest.param(
        [episode(0, severity=9)],
        Reason(
            "watch",
            "Your pain reached 9 out of 10.",
            "If it stays this severe for more than 2 days, book an appointment with a doctor.",
        ),
        id="severe pain on its first day says when to act",
    ),
    pytest.param(
        [episode(3, 3, severity=3), episode(1, severity=6)],
        Reason("see_doctor", "Your pain has gone up during this bout, from 3 to 6 out of 10."),
        id="getting worse says from and to",
    ),
    pytest.param(
        [episode(9, 4, severity=6), episode(1, severity=6)],
        Reason(
            "see_doctor",
            "After 10 days, your pain (6 out of 10) is no lower than at the start (6 out of 10).",
        ),
        id="not improving says how long and how bad",
    ),
    pytest.param(
        [episode(60, 60), episode(30, 30), episode(10, 10)],
        Reason("see_doctor", "3 separate bouts started in the last 90 days."),
        id="recurrence says how many bouts",
    ),
    pytest.param(
        [episode(2, flags=[FEVER])],
        Reason("urgent", "You reported: Fever with back pain.", FEVER.advice),
        id="red flag names the sign and gives its advice",
    ),
]


@pytest.mark.parametrize(("episodes", "expected"), REASON_CASES)
def test_reason_text(episodes, expected):
    by_text = {r.text: r for r in evaluate(episodes, DEFAULTS, TODAY).reasons}
    reason = by_text[expected.text]
    assert reason.level == expected.level
    if expected.advice:
        assert reason.advice == expected.advice


def test_reason_text_follows_custom_thresholds():
    thresholds = ThresholdValues(see_doctor_after_days=1, severe_pain_level=5, severe_pain_days=1)
    texts = [r.text for r in evaluate([episode(1, severity=5)], thresholds, TODAY).reasons]
    assert texts == [
        "Your current bout has lasted 2 days, longer than 1 day.",
        "Your pain has been severe (5 out of 10 or more) on 2 days.",
    ]


def test_highest_level_wins_and_every_reason_is_listed():
    episodes = [
        episode(60, 60),
        episode(30, 30),
        episode(20, 18, severity=9, flags=[NUMB_LEG]),
        episode(17, flags=[FEVER, BLADDER]),
    ]
    assessment = evaluate(episodes, DEFAULTS, TODAY)
    assert assessment.level == "emergency"
    assert [(r.level, r.text) for r in assessment.reasons] == [
        ("emergency", "You reported: Loss of bladder control."),
        ("urgent", "You reported: Fever with back pain."),
        ("see_doctor", "You reported: Numbness in one leg."),
        ("see_doctor", "Your current bout has lasted 21 days, longer than 14 days."),
        ("see_doctor", "Your pain has been severe (8 out of 10 or more) on 3 days."),
        ("see_doctor", "3 separate bouts started in the last 90 days."),
    ]
    assert [r.level for r in assessment.red_flag_reasons] == ["emergency", "urgent"]


def test_red_flag_reported_twice_in_a_bout_gives_one_reason():
    episodes = [episode(5, 4, flags=[FEVER]), episode(2, flags=[FEVER])]
    reasons = evaluate(episodes, DEFAULTS, TODAY).reasons
    assert [r.text for r in reasons].count("You reported: Fever with back pain.") == 1


def test_clear_has_no_reasons():
    assessment = evaluate([episode(30, 20)], DEFAULTS, TODAY)
    assert assessment.level == "clear"
    assert assessment.reasons == ()
    assert assessment.red_flag_reasons == ()


def test_every_reason_links_the_see_a_doctor_article():
    episodes = [episode(20, severity=9, flags=[BLADDER])]
    reasons = evaluate(episodes, DEFAULTS, TODAY, article_url="/guidance/when-to-see/").reasons
    assert len(reasons) == 3  # the warning sign, the long bout, severe pain for 21 days
    assert {r.article_url for r in reasons} == {"/guidance/when-to-see/"}


def test_past_bouts_are_kept_for_the_history():
    episodes = [episode(80, 60), episode(40, 35), episode(2)]
    assessment = evaluate(episodes, DEFAULTS, TODAY)
    assert [b.passed_threshold for b in assessment.bouts] == [True, False, False]
    assert assessment.current_bout == assessment.bouts[-1]


@pytest.mark.parametrize(
    ("bout_days", "threshold_days", "percent"),
    [
        pytest.param(None, 14, 0, id="no bout"),
        pytest.param(7, 14, 50, id="half way"),
        pytest.param(14, 14, 100, id="on the threshold"),
        pytest.param(30, 14, 100, id="capped past the threshold"),
        pytest.param(1, 3, 33, id="rounded to a whole percent"),
    ],
)
def test_progress_percent(bout_days, threshold_days, percent):
    assessment = Assessment(
        level="watch",
        bout_start=None,
        bout_days=bout_days,
        days_left=None,
        reasons=(),
        current_bout=None,
        threshold_days=threshold_days,
        bouts=(),
    )
    assert assessment.progress_percent == percent


def test_warning_signs_carry_the_three_most_urgent_levels():
    field = RedFlag._meta.get_field("urgency")

    assert [value for value, _ in field.choices] == ["emergency", "urgent", "see_doctor"]
    assert [level.rank for level in CareLevel] == [4, 3, 2, 1, 0]


def test_threshold_defaults_agree_with_the_model():
    assert ThresholdValues.from_model(CareThresholds()) == DEFAULTS


# --- assess: through the database ---------------------------------------------------------


def _article_stub(request, slug):  # pragma: no cover - only ever reversed
    return HttpResponse(slug)


# The tests below resolve article addresses against this small URLconf, so they hold
# whatever state the site's own URLconf is in.
urlpatterns = [
    path(
        "guidance/",
        include(([path("<slug:slug>/", _article_stub, name="article_detail")], "guidance")),
    )
]
with_guidance_urls = pytest.mark.urls(__name__)


def moment(day, hour=12, tz=datetime.UTC):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=tz)


def log_episode(user, started_at, ended_at=None, severity=4, red_flags=()):
    logged = Episode.objects.create(
        user=user, started_at=started_at, ended_at=ended_at, severity=severity, location="lower"
    )
    logged.red_flags.set(red_flags)
    journal_changed(user.pk)  # as journal.services does
    return logged


@pytest.fixture
def make_red_flag(db):
    # Names and slugs of their own: a data migration may load the real starting set.
    def make(urgency, name):
        flag, _ = RedFlag.objects.get_or_create(
            slug=f"test-{urgency}-{name.lower().replace(' ', '-')}",
            defaults={
                "name": f"{name} (test {urgency})",
                "question": f"Have you had {name.lower()}?",
                "urgency": urgency,
                "advice": f"Advice for {name.lower()}.",
            },
        )
        return flag

    return make


def make_article(slug, order, status=Article.Status.PUBLISHED):
    return Article.objects.create(
        title=slug.replace("-", " ").title(),
        slug=slug,
        section=Article.Section.SEE_A_DOCTOR,
        summary="When a back spasm needs a doctor.",
        body="## When to go",
        order=order,
        status=status,
        reviewed_by="Dr A. Smith, GP",
        last_reviewed=datetime.date(2026, 1, 1),
        next_review_due=datetime.date(2027, 1, 1),
    )


@pytest.mark.django_db
@with_guidance_urls
def test_assess_counts_an_ongoing_episode_from_the_database(user):
    log_episode(user, moment(days_ago(9)))
    assessment = assess(user, today=TODAY)
    assert (assessment.level, assessment.bout_days, assessment.days_left) == ("watch", 10, 4)
    assert assessment.bout_start == days_ago(9)


@pytest.mark.django_db
@with_guidance_urls
def test_thresholds_changed_by_staff_change_the_result(user):
    log_episode(user, moment(days_ago(8)))
    assert assess(user, today=TODAY).level == "watch"

    CareThresholds(see_doctor_after_days=7).save()

    assessment = assess(user, today=TODAY)
    assert CareThresholds.objects.get().see_doctor_after_days == 7
    assert (assessment.level, assessment.threshold_days) == ("see_doctor", 7)
    assert assessment.reasons[0].text == (
        "Your current bout has lasted 9 days, longer than 7 days."
    )


@pytest.mark.django_db
@with_guidance_urls
def test_days_are_counted_in_the_persons_time_zone(user, other_user):
    user.profile.timezone = "Pacific/Auckland"
    user.profile.save()
    started = datetime.datetime(2026, 3, 1, 20, tzinfo=datetime.UTC)  # 09:00 on 2 March in Auckland
    for person in (user, other_user):
        log_episode(person, started, started + datetime.timedelta(hours=1))

    in_auckland = assess(user, today=datetime.date(2026, 3, 5))
    in_utc = assess(other_user, today=datetime.date(2026, 3, 5))

    assert in_auckland.bout_start == datetime.date(2026, 3, 2)
    assert in_auckland.level == "watch"
    assert in_utc.bout_start is None  # ended 1 March: four days ago, no longer current
    assert in_utc.bouts[0].start == datetime.date(2026, 3, 1)


@pytest.mark.django_db
@with_guidance_urls
def test_today_defaults_to_the_persons_local_date(user):
    log_episode(user, datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=2))
    assert assess(user).bout_days == 3


@pytest.mark.django_db
@with_guidance_urls
def test_person_without_a_profile_is_counted_in_utc(user):
    Profile.objects.filter(user=user).delete()
    fresh = get_user_model().objects.get(pk=user.pk)
    log_episode(fresh, datetime.datetime(2026, 3, 1, 23, tzinfo=datetime.UTC))
    assert assess(fresh, today=datetime.date(2026, 3, 2)).bout_start == datetime.date(2026, 3, 1)


@pytest.mark.django_db
@with_guidance_urls
def test_another_users_episodes_are_never_counted(user, other_user, make_red_flag):
    emergency = make_red_flag("emergency", "Saddle numbness")
    log_episode(other_user, moment(days_ago(30)), severity=10, red_flags=[emergency])
    for start in (80, 50, 20):
        log_episode(other_user, moment(days_ago(start)), moment(days_ago(start)))

    assert assess(user, today=TODAY).level == "clear"
    assert assess(user, today=TODAY).bouts == ()

    log_episode(user, moment(days_ago(1)), severity=3)
    assessment = assess(user, today=TODAY)
    assert (assessment.level, assessment.bout_days) == ("watch", 2)
    assert len(assessment.bouts) == 1


@pytest.mark.django_db
@with_guidance_urls
def test_red_flags_reported_on_episodes_are_counted(user, make_red_flag):
    emergency = make_red_flag("emergency", "Saddle numbness")
    urgent = make_red_flag("urgent", "Fever and chills")
    see_doctor = make_red_flag("see_doctor", "Tingling in one leg")
    log_episode(user, moment(days_ago(6)), moment(days_ago(5)), red_flags=[urgent, see_doctor])
    log_episode(user, moment(days_ago(3)), red_flags=[emergency, urgent])
    log_episode(user, moment(days_ago(40)), moment(days_ago(40)), red_flags=[emergency])

    assessment = assess(user, today=TODAY)

    assert assessment.level == "emergency"
    assert [(r.level, r.text, r.advice) for r in assessment.reasons if r.level != "watch"] == [
        ("emergency", f"You reported: {emergency.name}.", emergency.advice),
        ("urgent", f"You reported: {urgent.name}.", urgent.advice),
        ("see_doctor", f"You reported: {see_doctor.name}.", see_doctor.advice),
    ]


@pytest.mark.django_db
@with_guidance_urls
def test_reasons_link_the_first_published_see_a_doctor_article(user):
    Article.objects.filter(section=Article.Section.SEE_A_DOCTOR).delete()
    make_article("draft-first", order=0, status=Article.Status.DRAFT)
    make_article("when-to-see-a-doctor", order=1)
    make_article("red-flags-explained", order=2)
    log_episode(user, moment(days_ago(2)))

    (reason,) = assess(user, today=TODAY).reasons

    assert reason.article_url == "/guidance/when-to-see-a-doctor/"


@pytest.mark.django_db
@pytest.mark.urls("django.contrib.auth.urls")
def test_reasons_have_no_link_while_articles_have_no_address(user):
    make_article("when-to-see-a-doctor-test", order=0)
    log_episode(user, moment(days_ago(2)))
    (reason,) = assess(user, today=TODAY).reasons
    assert reason.article_url is None


@pytest.mark.django_db
@with_guidance_urls
def test_query_count_does_not_grow_with_the_journal(
    user, make_red_flag, django_assert_max_num_queries
):
    flags = [make_red_flag("urgent", "Fever and chills"), make_red_flag("see_doctor", "Tingling")]
    make_article("when-to-see-a-doctor-test", order=0)

    def add_episodes(count, offset):
        added = Episode.objects.bulk_create(
            Episode(
                user=user,
                started_at=moment(days_ago(offset + n)),
                ended_at=moment(days_ago(offset + n), hour=18),
                severity=n % 11,
                location="lower",
            )
            for n in range(count)
        )
        Episode.red_flags.through.objects.bulk_create(
            Episode.red_flags.through(episode_id=e.pk, redflag_id=flag.pk)
            for e in added
            for flag in flags
        )
        journal_changed(user.pk)

    def fresh_user():
        # Nothing cached on it, so the profile is read as it would be on a request; and
        # nothing read from guidance is cached either.
        cache.clear()
        return get_user_model().objects.get(pk=user.pk)

    user.profile.risk_factors.set(RiskFactor.objects.active()[:3])
    add_episodes(3, offset=0)
    person = fresh_user()
    # The journal's state, the thresholds, the article, the journal's summary, the red
    # flags it names, risk factors.
    with django_assert_max_num_queries(6) as few:
        assert assess(person, today=TODAY).bout_days == 3
    add_episodes(297, offset=3)
    person = fresh_user()
    with django_assert_max_num_queries(6) as many:
        assert assess(person, today=TODAY).bouts[0].episode_count == 300

    assert len(many) == len(few)


# --- The cached assessment is never stale -----------------------------------------------


@pytest.fixture
def london_user(user):
    user.profile.timezone = "Europe/London"
    user.profile.save()
    return user


def _ongoing(user, days_ago, severity=5):
    episode = Episode.objects.create(
        user=user,
        started_at=timezone.now() - datetime.timedelta(days=days_ago),
        severity=severity,
        location="lower",
    )
    journal_changed(user.pk)  # as journal.services does
    return episode


@pytest.mark.django_db
def test_cached_assessment_follows_new_edited_and_deleted_episodes(london_user, save_through_form):
    assert assess(london_user).level == "clear"
    episode = save_through_form(
        Episode(
            user=london_user,
            started_at=timezone.now() - datetime.timedelta(days=2),
            severity=5,
            location="lower",
        )
    )
    assert assess(london_user).level == "watch"
    save_through_form(episode, severity=9)
    assert assess(london_user).level == "see_doctor"
    services.episode_delete(episode=episode)
    assert assess(london_user).level == "clear"


@pytest.mark.django_db
def test_cached_assessment_follows_staff_changes_to_red_flags_and_thresholds(
    london_user, save_through_form
):
    flag = RedFlag.objects.create(
        name="Cache check sign",
        slug="cache-check-sign",
        question="Cache check?",
        urgency="see_doctor",
        advice="Book.",
    )
    episode = _ongoing(london_user, 5)
    save_through_form(episode, red_flags=[flag])
    assert assess(london_user).level == "see_doctor"
    flag.urgency = "emergency"
    flag.save()
    assert assess(london_user).level == "emergency"

    save_through_form(episode, red_flags=[])
    thresholds = CareThresholds.current()
    assert assess(london_user).level == "watch"
    thresholds.see_doctor_after_days = 3
    thresholds.save()
    assert assess(london_user).level == "see_doctor"


@pytest.mark.django_db
def test_cached_assessment_follows_a_time_zone_change(london_user):
    _ongoing(london_user, 1)
    first = assess(london_user)
    london_user.profile.timezone = "Pacific/Kiritimati"
    london_user.profile.save()
    fresh = type(london_user).objects.get(pk=london_user.pk)
    assert assess(fresh).bout_days is not None
    assert assess(fresh) is not first


@pytest.mark.django_db
def test_a_repeated_assessment_costs_one_query(london_user, django_assert_num_queries):
    for day in range(30):
        _ongoing(london_user, day)
    assess(london_user)
    with django_assert_num_queries(1):
        assess(london_user)


# --- Risk factors and signs reported today ----------------------------------------------

CANCER = RiskFactorReport(
    "history-of-cancer", "A history of cancer", "urgent", "Get advice today.", "/guidance/x/"
)
STEROIDS = RiskFactorReport(
    "long-term-steroids", "Long-term steroids", "see_doctor", "Book an appointment."
)


def test_a_risk_factor_adds_a_reason_at_its_urgency_during_a_bout():
    assessment = evaluate(
        [episode(2)], DEFAULTS, TODAY, article_url="/guidance/see/", risk_factors=[CANCER, STEROIDS]
    )

    assert assessment.level == "urgent"
    by_text = {r.text: r for r in assessment.reasons}
    cancer = by_text["You told us: A history of cancer."]
    assert (cancer.level, cancer.advice, cancer.article_url) == (
        "urgent",
        "Get advice today.",
        "/guidance/x/",
    )
    steroids = by_text["You told us: Long-term steroids."]
    assert (steroids.level, steroids.article_url) == ("see_doctor", "/guidance/see/")


def test_risk_factors_add_nothing_without_a_current_bout():
    assessment = evaluate([episode(30, 29)], DEFAULTS, TODAY, risk_factors=[CANCER])

    assert assessment.level == "clear"
    assert assessment.reasons == ()


def reported(start_ago, end_ago, reported_ago, flags):
    return EpisodeFacts(
        start_day=days_ago(start_ago),
        end_day=days_ago(end_ago),
        severity=4,
        red_flags=tuple(flags),
        reported_day=days_ago(reported_ago),
    )


@pytest.mark.parametrize(
    ("flags", "reported_ago", "level"),
    [
        pytest.param([BLADDER], 0, "emergency", id="emergency reported today stays in view"),
        pytest.param([FEVER], 0, "urgent", id="urgent reported today stays in view"),
        pytest.param([NUMB_LEG], 0, "clear", id="see-a-doctor sign waits for a bout"),
        pytest.param([BLADDER], 1, "clear", id="reported yesterday, bout long over"),
    ],
)
def test_a_sign_that_cannot_wait_stays_in_view_the_day_it_is_reported(flags, reported_ago, level):
    # The episode itself was months ago: its bout is over, but it was logged today.
    assessment = evaluate([reported(120, 120, reported_ago, flags)], DEFAULTS, TODAY)

    assert assessment.level == level
    assert assessment.current_bout is None
    if level != "clear":
        assert assessment.reasons[0].text == f"You reported today: {flags[0].name}."
        assert assessment.reasons[0].red_flag == flags[0].slug


def test_a_sign_in_the_current_bout_is_not_repeated_as_reported_today():
    assessment = evaluate([reported(1, 0, 0, [BLADDER])], DEFAULTS, TODAY)

    assert [r.text for r in assessment.reasons if r.red_flag] == [
        "You reported: Loss of bladder control."
    ]


@pytest.mark.django_db
@with_guidance_urls
def test_assess_reads_the_persons_risk_factors(user):
    cancer = RiskFactor.objects.get(slug="history-of-cancer")
    user.profile.risk_factors.add(cancer)
    log_episode(user, moment(days_ago(1)))

    assessment = assess(user, today=TODAY)

    assert assessment.level == cancer.urgency
    assert f"You told us: {cancer.name}." in [r.text for r in assessment.reasons]
