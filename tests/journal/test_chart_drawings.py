"""The charts drawn as SVG on the server (journal/chart_drawings.py, journal/drawing.py):
each dot, bar and band where its number puts it, every name escaped, and dates along an
axis spaced so they do not run into each other on the narrowest screen of their range."""

import datetime
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance.models import CareThresholds
from journal import chart_drawings, drawing, periods, services
from journal.models import Episode

from .conftest import chart_data, days_ago
from .factories import (
    EpisodeFactory,
    PersonalTriggerFactory,
    RemedyFactory,
    RemedyUseFactory,
    TriggerFactory,
)

HISTORY = reverse("journal:history")
TOP, PLOT = chart_drawings.TOP, chart_drawings.PLOT


def parse(markup):
    return ET.fromstring(markup)  # noqa: S314 - markup the site wrote, read by its tests


def drawn(html, chart_id):
    """The <svg> of that id in the page, parsed (its inner <svg> included)."""
    start = html.index(f'<svg id="{chart_id}"')
    depth, at = 0, start
    for tag in re.finditer(r"<(/?)svg\b", html[start:]):
        depth += -1 if tag[1] else 1
        if depth == 0:
            at = start + tag.start()
            break
    return parse(html[start : html.index(">", at) + 1])


def percent(value):
    return float(value.removesuffix("%")) / 100


def hover(mark):
    return mark.find("title").text


def y_of(value, top):
    return TOP + PLOT * (1 - value / top)


@pytest.fixture
def a_month_of_history(user):
    """A five-day bout past a four-day threshold, then one day alone; triggers and remedies."""
    thresholds = CareThresholds.current()
    thresholds.see_doctor_after_days = 4
    thresholds.save()
    lifting, sitting = TriggerFactory(name="Lifting"), TriggerFactory(name="Sitting")
    for n, severity in zip(range(20, 15, -1), [3, 7, 6, 4, 2], strict=True):
        EpisodeFactory(user=user, started_at=days_ago(n), severity=severity, triggers=[lifting])
    alone = EpisodeFactory(
        user=user, started_at=days_ago(5), severity=5, triggers=[lifting, sitting]
    )
    RemedyUseFactory(episode=alone, remedy=RemedyFactory(name="Heat"), effect=2)
    RemedyUseFactory(episode=alone, remedy=RemedyFactory(name="Bed rest"), effect=-1)


@pytest.mark.django_db
def test_each_mark_stands_where_its_number_puts_it(user_client, a_month_of_history):
    response = user_client.get(HISTORY, {"range": "30"})
    html, data = response.content.decode(), chart_data(response)

    pain = drawn(html, "chart-pain")
    peaks = data["pain"]["peaks"]
    dots = pain.findall(".//circle")
    plotted = [(slot, peak) for slot, peak in enumerate(peaks) if peak is not None]
    assert [peak for _slot, peak in plotted] == [3, 7, 6, 4, 2, 5]
    for dot, (slot, peak) in zip(dots, plotted, strict=True):
        assert percent(dot.get("cx")) == pytest.approx((slot + 0.5) / len(peaks), abs=1e-5)
        assert float(dot.get("cy")) == pytest.approx(y_of(peak, 10))
        assert hover(dot).endswith(f"worst pain that day {peak}/10")
    bands = pain.findall("g[@class='chart-bands']/rect")
    assert [band.get("class") for band in bands] == ["chart-band-over", None]
    first, last, _over = data["pain"]["bouts"][0]
    assert percent(bands[0].get("width")) == pytest.approx(
        (last - first + 1) / len(peaks), abs=1e-5
    )
    # The line joins the five days of the bout; the day alone is a dot.
    (line,) = pain.findall(".//polyline")
    assert len(line.get("points").split()) == 5

    bouts = drawn(html, "chart-bouts")
    bars = bouts.findall("g[@class='chart-bars']/rect")
    assert [bar.get("class") for bar in bars] == ["chart-bar-over", None]
    top = 8  # room up to 4 days + 3, in steps of 2
    for bar, days in zip(bars, [5, 1], strict=True):
        assert float(bar.get("height")) == pytest.approx(PLOT * days / top)
    assert hover(bars[0]).endswith(": 5 days, longer than 4 days")
    threshold = bouts.find("line[@class='chart-threshold']")
    assert float(threshold.get("y1")) == pytest.approx(y_of(4, top))

    frequency = drawn(html, "chart-frequency")
    counts = data["frequency"]["counts"]
    bars = frequency.findall("g[@class='chart-bars']/rect")
    assert len(bars) == len([count for count in counts if count])
    top = max(int(label.text) for label in frequency.findall("g[@class='chart-y-labels']/text"))
    heights = [float(bar.get("height")) * top / PLOT for bar in bars]
    assert heights == pytest.approx([count for count in counts if count], abs=0.01)

    triggers = drawn(html, "chart-triggers")
    rows = triggers.findall("g/g")
    assert [row.find("rect").get("width") for row in rows] == ["100%", "16.667%"]
    assert [hover(row) for row in rows] == ["Lifting: 6 episodes", "Sitting: 1 episode"]

    remedies = drawn(html, "chart-remedies")
    heat, bed_rest = (row.find("rect") for row in remedies.findall("g[@class='chart-bars']/g"))
    assert (heat.get("x"), heat.get("width"), heat.get("class")) == (
        "33.333%",
        "66.667%",
        "chart-bar-helped",
    )
    assert (bed_rest.get("x"), bed_rest.get("width"), bed_rest.get("class")) == (
        "0%",
        "33.333%",
        "chart-bar-worse",
    )


@pytest.mark.django_db
def test_a_persons_own_names_are_escaped_in_the_drawing(user_client, user):
    name = '<img src=x onerror="alert(1)"> & Tom\'s'
    episode = EpisodeFactory(user=user, started_at=days_ago(2))
    episode.personal_triggers.add(PersonalTriggerFactory(user=user, name=name))

    html = user_client.get(HISTORY).content.decode()

    assert "<img src=x" not in html
    rows = drawn(html, "chart-triggers").findall("g/g")
    assert hover(rows[0]) == f"{name}: 1 episode"
    texts = [text.text for text in rows[0].iter("text")]
    assert name in texts and texts[-1] == "1"  # and, on a phone, the name cut short


@pytest.mark.django_db
def test_the_course_of_an_episodes_pain_is_drawn_from_its_readings(user_client, user):
    start = timezone.now() - datetime.timedelta(hours=6)
    hour = datetime.timedelta(hours=1)
    episode = EpisodeFactory(
        user=user,
        started_at=start,
        readings=[(start, 3), (start + 2 * hour, 7), (start + 4 * hour, 5)],
    )
    html = user_client.get(episode.get_absolute_url()).content.decode()

    course = drawn(html, "chart-course")
    assert course.get("aria-label").startswith(
        "How bad the pain was at each reading, from 3/10 to 5/10."
    )
    dots = course.findall(".//circle")
    bottom, height = TOP + chart_drawings.COURSE_PLOT, chart_drawings.COURSE_PLOT
    assert [float(dot.get("cy")) for dot in dots] == [bottom - height * s / 10 for s in (3, 7, 5)]
    assert [dot.get("cx") for dot in dots] == ["16.667%", "50%", "83.333%"]
    assert hover(dots[1]).endswith(": 7/10")


def test_bouts_sharing_or_touching_a_month_are_shaded_as_one_band():
    data = {
        "labels": ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"],
        "peaks": [4, 6, None, 8],
        "unit": "month",
        # Two bouts in January, the second running into February, one in March, then one
        # past the threshold in April: shaded as they look, one stretch and one red month.
        "bouts": [[0, 0, False], [0, 1, False], [2, 2, False], [3, 3, True]],
        "threshold": 14,
    }
    pain = parse(chart_drawings.pain_chart("chart-pain", "Pain", data))

    bands = pain.findall("g[@class='chart-bands']/rect")
    assert [(band.get("x"), band.get("width")) for band in bands] == [("0%", "75%"), ("75%", "25%")]
    assert [band.get("class") for band in bands] == [None, "chart-band-over"]
    assert [hover(band) for band in bands] == [
        "3 bouts, Jan 2026 to Mar 2026",
        "A bout longer than 14 days, Apr 2026",
    ]


def day_labels(count, unit=periods.DAY):
    first = datetime.date(2025, 12, 1)
    step = {periods.DAY: 1, periods.WEEK: 7, periods.MONTH: 31}[unit]
    days = [first + datetime.timedelta(days=step * n) for n in range(count)]
    return [periods.short_period(day, unit) for day in days]


@pytest.mark.parametrize(
    ("count", "unit"),
    [
        (1, periods.DAY),
        (2, periods.DAY),
        (30, periods.DAY),
        (90, periods.DAY),
        (186, periods.DAY),
        (53, periods.WEEK),
        (157, periods.WEEK),
        (120, periods.MONTH),
    ],
    ids=str,
)
@pytest.mark.parametrize(
    "label_set", drawing.FULL_WIDTH + drawing.HALF_WIDTH, ids=lambda s: s.css_class
)
def test_dates_shown_along_an_axis_never_touch(count, unit, label_set):
    labels = day_labels(count, unit)
    width = label_set.min_width
    widths = [drawing.label_width(label) for label in labels]
    shown = drawing.spaced_labels(widths, width, left_room=40, right_room=8)

    assert len(shown) >= min(count, 2)
    slot = width / count
    boxes = [
        (
            (i + 0.5) * slot - drawing.label_width(labels[i]) / 2,
            (i + 0.5) * slot + drawing.label_width(labels[i]) / 2,
        )
        for i in shown
    ]
    assert all(
        after[0] - before[1] >= drawing.LABEL_GAP_PX for before, after in itertools.pairwise(boxes)
    )
    assert boxes[0][0] >= -40 and boxes[-1][1] <= width + 8


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [
        (1, [0, 1]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (17, [0, 5, 10, 15, 20]),
        (31, [0, 10, 20, 30, 40]),
        (120, [0, 20, 40, 60, 80, 100, 120]),
    ],
    ids=str,
)
def test_count_axes_rise_in_round_steps(highest, ticks):
    assert drawing.count_ticks(highest) == ticks


def test_a_long_name_is_cut_to_fit_and_a_short_one_kept():
    long = "Carrying on with daily activities and work"
    cut = drawing.shorten(long, 150)
    assert cut.endswith("\N{HORIZONTAL ELLIPSIS}") and long.startswith(cut[:-1])
    assert drawing.label_width(cut) <= 150
    assert drawing.shorten("Heat", 150) == "Heat"


def test_a_labels_width_is_the_sum_of_its_characters():
    label = "Wed 2 Dec, Mum's … 14:47"
    widths = [drawing.label_width(char) for char in label]
    assert drawing.label_width(label) == pytest.approx(sum(widths))
    assert len(set(widths)) == 4  # spaces, small letters and digits, capitals, wide ones


def test_every_attribute_and_text_is_escaped():
    markup = drawing.element("text", {"x": '1" onload="x'}, drawing.text("<b> & 'c'"))
    assert parse(markup).attrib == {"x": '1" onload="x'}
    assert parse(markup).text == "<b> & 'c'"


def test_a_drawing_kept_from_before_is_used_only_for_the_same_numbers(
    user_client, user, a_month_of_history
):
    # Drawings are kept under a digest of what they are drawn from (chart_drawings.draw).
    first = user_client.get(HISTORY, {"range": "30"}).content.decode()
    newest = Episode.objects.for_user(user).order_by("-started_at").first()
    services.reading_add(
        episode=newest, severity=9, when=newest.started_at + datetime.timedelta(minutes=30)
    )
    second = user_client.get(HISTORY, {"range": "30"}).content.decode()

    def hovers(html):
        return [hover(dot) for dot in drawn(html, "chart-pain").findall(".//circle")]

    # The pain chart is drawn again with the new worst pain.
    assert any(text.endswith("worst pain that day 9/10") for text in hovers(second))
    assert not any(text.endswith("worst pain that day 9/10") for text in hovers(first))
    # The triggers did not change: the same drawing, to the byte.
    assert ET.tostring(drawn(first, "chart-triggers")) == ET.tostring(
        drawn(second, "chart-triggers")
    )
