"""On a phone: a quick log, a reading, "still going?" answered, and an episode eased yesterday."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from playwright.sync_api import expect

from accounts.consent import record_consent
from journal import summaries
from journal.models import Episode, PainReading

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def move_back(episode, hours):
    """As if everything in the episode happened `hours` earlier."""
    Episode.objects.filter(pk=episode.pk).update(
        started_at=F("started_at") - timedelta(hours=hours)
    )
    PainReading.objects.filter(episode=episode).update(
        taken_at=F("taken_at") - timedelta(hours=hours)
    )
    # Rows rewritten behind the services' back: tell the journal, as every write does.
    summaries.journal_changed(episode.user_id)


def test_quick_log_reading_still_going_and_eased_yesterday_on_a_phone(open_tab, password):
    record_consent(get_user_model().objects.create_user("jo", "jo@example.com", password))
    tab = open_tab("phone")
    page = tab.page
    log_in(tab, "jo", password)

    # A quick log, then the two optional questions, each one tap from the dashboard.
    quick = page.locator("section", has=page.get_by_role("heading", name="It's happening now"))
    quick.get_by_role("group", name="How bad is it now?").get_by_text("4", exact=True).tap()
    quick.get_by_role("group", name="Where?").get_by_text("Lower back", exact=True).tap()
    quick.get_by_role("button", name="Log it now").tap()
    expect(page.get_by_text("Logged: lower back, 4/10, starting now.")).to_be_visible()
    page.get_by_role("link", name="Any warning signs?").tap()
    page.get_by_role("button", name="None of these").tap()
    expect(page.get_by_text("Thanks: no warning signs.")).to_be_visible()
    page.get_by_role("link", name="Trying anything?").tap()
    page.locator("select").first.select_option(label="A little better")
    page.get_by_role("button", name="Save", exact=True).tap()
    page.wait_for_url("**/journal/")
    expect(page.get_by_text("Saved what you are trying.")).to_be_visible()
    episode = Episode.objects.get(user__username="jo")
    assert episode.remedy_uses.get().effect == 1

    # Logging the same place again adds a reading, not a second episode.
    quick.get_by_role("group", name="How bad is it now?").get_by_text("6", exact=True).tap()
    quick.get_by_role("group", name="Where?").get_by_text("Lower back", exact=True).tap()
    quick.get_by_role("button", name="Log it now").tap()
    expect(page.get_by_text("One episode, not two.")).to_be_visible()
    page.get_by_role("link", name="Skip", exact=True).tap()

    # "How bad is it now?" in one tap on the episode still going.
    still_going = page.locator("section", has=page.get_by_role("heading", name="Still going"))
    still_going.get_by_role("button", name="7 out of 10").tap()
    expect(page.get_by_text("Added: 7/10 now.")).to_be_visible()
    expect(still_going).to_contain_text("Lower back, worst 7/10")
    assert Episode.objects.count() == 1
    assert [r.severity for r in episode.readings.all()] == [4, 6, 7]

    # A day and more without a word: the dashboard asks, and the day count says why.
    move_back(episode, 30)
    tab.goto("/journal/")
    expect(still_going).to_contain_text("Still going since")
    expect(page.locator("#still-going-note")).to_contain_text(
        "This count rests on your lower back episode"
    )
    still_going.get_by_role("button", name="Yes, still going").tap()
    expect(page.get_by_text("Thanks. Still going, 7/10 now.")).to_be_visible()
    expect(page.locator("#still-going-note")).to_have_count(0)

    # Two days later it is asked again; it eased yesterday.
    move_back(episode, 48)
    tab.goto("/journal/")
    still_going.get_by_role("link", name="It eased…").first.tap()
    page.wait_for_url("**/end/")
    page.get_by_role("button", name="Yesterday").tap()
    page.wait_for_url("**/journal/")
    expect(page.get_by_text("Glad it has eased.")).to_be_visible()
    expect(page.get_by_role("heading", name="Still going")).to_have_count(0)
    episode.refresh_from_db()
    assert episode.ended_at.date() == datetime.now(UTC).date() - timedelta(days=1)

    # The episode page shows how the pain went: a dot for each reading in its table.
    tab.goto(episode.get_absolute_url())
    readings = page.locator("section[aria-labelledby=course-heading] tbody tr")
    expect(page.locator("#chart-course circle")).to_have_count(readings.count())
    tab.assert_no_console_errors()
