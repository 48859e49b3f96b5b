"""Sharing the report with a clinician, driven through Chromium: the person makes a link with
a QR code, and a browser with no session opens it."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts.consent import record_consent
from journal.models import Episode, ShareLink

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clinician_opens_the_shared_report_in_a_fresh_browser(open_tab, password):
    person = get_user_model().objects.create_user(
        "kit", "kit@example.com", password, first_name="Kit", last_name="Lane"
    )
    record_consent(person)
    started = datetime.now(UTC) - timedelta(days=3)
    Episode.objects.create(
        user=person,
        started_at=started,
        ended_at=started + timedelta(hours=2),
        severity=6,
        location="lower",
        notes="Shared with the physio",
    )

    tab = open_tab("desktop")
    page = tab.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(tab, "kit", password)
    tab.goto("/journal/report/?range=30")
    page.get_by_text("Share with a clinician").click()
    page.get_by_label("Range to share").select_option(label="Past 30 days")
    page.get_by_label("7 days").check()
    page.get_by_label("Print a QR code of the link on the report").check()
    page.get_by_role("button", name="Make a link").click()

    link = page.get_by_role("textbox", name="Link for a clinician")
    expect(link).to_be_visible()
    url = link.input_value()
    assert re.fullmatch(rf"{re.escape(tab.base_url)}/shared/[A-Za-z0-9_-]{{32}}/", url)
    expect(page.get_by_role("img", name="QR code of the link to this report")).to_be_visible()
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url
    tab.assert_no_console_errors()

    clinician = open_tab("phone")
    response = clinician.goto(url.removeprefix(clinician.base_url))
    assert response.status == 200
    assert response.headers["referrer-policy"] == "no-referrer"
    view = clinician.page
    expect(view.locator("#shared-by")).to_contain_text("Shared by Kit Lane until")
    expect(view.get_by_text("Shared with the physio")).to_be_visible()
    pain_chart = view.get_by_role("img", name=re.compile("^Pain over time chart"))
    expect(pain_chart.locator("circle")).not_to_have_count(0)
    expect(view.get_by_role("button", name="Make a link")).to_have_count(0)
    assert not [c for c in view.context.cookies() if c["name"] == "sessionid"]
    clinician.assert_no_console_errors()
    assert ShareLink.objects.get().opened_count == 1

    # Stopped from Settings, the same address is a plain "not found".
    tab.goto("/accounts/settings/")
    tab.page.get_by_role("button", name=re.compile("Stop sharing")).click()
    expect(tab.page.get_by_text("Stopped. That link no longer opens your report.")).to_be_visible()
    clinician.expected_document_statuses.add(404)
    gone = clinician.goto(url.removeprefix(clinician.base_url))
    assert gone.status == 404
    expect(view.get_by_role("heading", name="Page not found")).to_be_visible()
