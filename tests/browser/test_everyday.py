"""Everyday details in Chromium: the journal's clock follows the person, and forms are
sent once and explain themselves."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.consent import record_consent
from accounts.models import Profile
from journal.models import Episode

from .conftest import field, sign_up

pytestmark = pytest.mark.django_db(transaction=True)


def make_person(username, password):
    person = get_user_model().objects.create_user(username, f"{username}@example.com", password)
    record_consent(person)
    return person


def test_signing_up_in_sydney_counts_the_journal_in_sydney_time(open_tab, password):
    tab = open_tab("phone", timezone_id="Australia/Sydney")
    page = tab.page
    tab.goto("/accounts/signup/")
    field(page, "Your time zone").scroll_into_view_if_needed()  # filled in as it shows
    expect(field(page, "Your time zone")).to_have_value("Australia/Sydney")
    sign_up(tab, "kim", password)

    assert Profile.objects.get(user__username="kim").timezone == "Australia/Sydney"
    tab.goto("/journal/episodes/new/")
    shown = datetime.fromisoformat(field(page, "When did it start?").input_value())
    sydney_now = datetime.now(ZoneInfo("Australia/Sydney")).replace(tzinfo=None)
    assert abs(sydney_now - shown) < timedelta(minutes=5)
    expect(page.locator("[data-journal-timezone]")).to_be_hidden()
    tab.assert_no_console_errors()


def test_a_device_in_another_zone_is_offered_the_change(open_tab, password):
    person = make_person("ren", password)
    tab = open_tab("phone", timezone_id="Asia/Tokyo")
    page = tab.page
    tab.log_in(person)
    tab.goto("/journal/")

    note = page.locator("[data-journal-timezone]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Your journal counts days in UTC time")
    expect(note).to_contain_text("this device is set to Asia/Tokyo")
    note.get_by_role("link", name="Change it in Settings").click()
    page.wait_for_url("**/accounts/settings/?timezone=Asia%2FTokyo")
    expect(field(page, "Your time zone")).to_have_value("Asia/Tokyo")
    assert Profile.objects.get(user__username="ren").timezone == "UTC"  # not until saved
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/accounts/settings/")

    assert Profile.objects.get(user__username="ren").timezone == "Asia/Tokyo"
    tab.goto("/journal/")
    expect(page.locator("[data-journal-timezone]")).to_be_hidden()
    tab.assert_no_console_errors()


def test_keeping_the_journals_zone_hides_the_note_on_this_device(open_tab, password):
    person = make_person("sol", password)
    tab = open_tab("desktop", timezone_id="America/New_York")
    page = tab.page
    tab.log_in(person)
    tab.goto("/journal/")

    page.get_by_role("button", name="Keep UTC").click()
    expect(page.locator("[data-journal-timezone]")).to_be_hidden()
    tab.goto("/journal/episodes/new/")
    expect(page.locator("[data-journal-timezone]")).to_be_hidden()
    assert Profile.objects.get(user__username="sol").timezone == "UTC"
    tab.assert_no_console_errors()


def test_a_form_already_sent_is_not_sent_again(open_tab, password):
    person = make_person("ash", password)
    tab = open_tab("phone")
    page = tab.page
    tab.log_in(person)
    tab.goto("/journal/episodes/new/")

    # Two taps' worth of submit events (synthetic ones send nothing themselves).
    prevented = page.evaluate(
        """() => {
          const form = document.querySelector(".episode-form");
          const taps = [1, 2].map(() => new Event("submit", {bubbles: true, cancelable: true}));
          taps.forEach((tap) => form.dispatchEvent(tap));
          return taps.map((tap) => tap.defaultPrevented);
        }"""
    )

    assert prevented == [False, True]
    expect(page.get_by_role("button", name="Save episode")).to_have_attribute(
        "aria-disabled", "true"
    )
    tab.assert_no_console_errors()


def test_a_form_with_mistakes_puts_the_focus_on_what_went_wrong(open_tab, password):
    person = make_person("lee", password)
    tab = open_tab("phone")
    tab.expected_document_statuses.add(400)
    page = tab.page
    tab.log_in(person)
    tab.goto("/journal/episodes/new/")

    page.get_by_role("button", name="Save episode").click()

    summary = page.get_by_role("alert").filter(has_text="Nothing was saved yet.")
    expect(summary).to_be_focused()
    assert not Episode.objects.filter(user__username="lee").exists()
    tab.assert_no_console_errors()
