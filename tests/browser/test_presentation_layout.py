"""The history, the report and an episode on a phone, as Chromium lays them out: nothing
wider than the screen, wide tables scrolling inside themselves (and printed in full), and
chart dates that do not run into each other on any screen or on paper.

Chromium and the starting content come from tests/browser/conftest.py.
"""

import datetime
import itertools

import pytest
from django.utils import timezone

from guidance.models import RedFlag, Remedy
from tests.journal.factories import EpisodeFactory, bulk_history

from .conftest import add_session_cookie, expect_every_chart_drawn

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = 360
# The night-pain sign is the longest active name in the starting content.
LONG_SIGN = "Pain worse at night or lying down, not eased by changing position"

PAGE_WIDTH = "document.documentElement.scrollWidth"
# Where each date shown along a chart's bottom axis is drawn: [left, right] in pixels,
# left to right. The labels for other widths of screen are hidden, and take no room.
DATE_LABEL_BOXES = """
(key) => [...document.querySelectorAll(`#chart-${key} .chart-x-labels text`)]
  .map((label) => label.getBoundingClientRect())
  .filter((box) => box.width > 0)
  .map((box) => [box.left, box.right])
  .sort((a, b) => a[0] - b[0])
"""


@pytest.fixture
def phone(browser, live_server, user):
    """phone(width) -> a page logged in as `user`, that many CSS pixels wide."""
    contexts = []

    def open_(width=PHONE):
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            base_url=live_server.url,
            service_workers="block",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        add_session_cookie(context, live_server.url, user)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def year_of_history(user):
    """An episode a week for 60 weeks, each with warning signs and a long-named remedy."""
    today = timezone.localdate()
    last = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9)))
    signs = list(RedFlag.objects.filter(name=LONG_SIGN))
    remedies = list(Remedy.objects.order_by("-name")[:4])
    assert signs and len(remedies) == 4
    bulk_history(
        user,
        60,
        last_start=last - datetime.timedelta(days=1),
        every=datetime.timedelta(days=7),
        red_flags=signs,
        remedies=remedies,
    )


def test_report_fits_a_phone_its_tables_scroll_within_and_print_in_full(phone, year_of_history):
    page = phone()
    assert page.goto("/journal/report/?range=all").ok

    assert page.evaluate(PAGE_WIDTH) <= PHONE
    scrolling = page.evaluate(
        "[...document.querySelectorAll('.table-responsive')]"
        ".filter((region) => region.scrollWidth > region.clientWidth).length"
    )
    assert scrolling >= 1  # the bouts table is wider than a phone: it scrolls by itself

    page.set_viewport_size({"width": 680, "height": 1000})  # A4 inside the print margins
    page.emulate_media(media="print")
    clipped = page.evaluate(
        "[...document.querySelectorAll('.table-responsive')]"
        ".filter((region) => getComputedStyle(region).overflowX !== 'visible'"
        " || region.querySelector('table').offsetWidth > document.documentElement.clientWidth)"
        ".map((region) => region.getAttribute('aria-labelledby'))"
    )
    assert clipped == []


def test_history_charts_come_drawn_and_fit_a_phone(phone, year_of_history):
    page = phone()
    assert page.goto("/journal/history/?range=all").ok
    expect_every_chart_drawn(page)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")

    assert page.evaluate(PAGE_WIDTH) <= PHONE


def test_episode_with_a_long_warning_sign_fits_a_phone(phone, user):
    episode = EpisodeFactory(user=user, red_flags=list(RedFlag.objects.filter(name=LONG_SIGN)))
    page = phone()
    assert page.goto(episode.get_absolute_url()).ok

    badge = page.get_by_text(f"Urgent: {LONG_SIGN}")
    assert badge.is_visible()
    assert page.evaluate(PAGE_WIDTH) <= PHONE


def test_dates_along_the_charts_do_not_run_into_each_other(phone, year_of_history):
    page = phone()
    assert page.goto("/journal/history/?range=all").ok
    crowded = []
    # Phones, a small tablet, a desktop, and A4 paper inside the print margins.
    for width, media in [
        (PHONE, "screen"),
        (390, "screen"),
        (600, "screen"),
        (1366, "screen"),
        (680, "print"),
    ]:
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(media=media)
        for key in ("pain", "bouts", "frequency"):
            boxes = page.evaluate(DATE_LABEL_BOXES, key)
            assert len(boxes) >= 2, (width, key)
            gaps = [after[0] - before[1] for before, after in itertools.pairwise(boxes)]
            if min(gaps) < 4 or boxes[0][0] < 0 or boxes[-1][1] > width:
                crowded.append(f"{width}px {media}, {key} chart: {boxes}")
    assert not crowded, "dates run into each other or off the page:\n" + "\n".join(crowded)
