"""The admin article list as staff see it on a common laptop screen, in Chromium.

Marked ``browser`` like tests/browser and skipped where Chromium is not installed.
Playwright runs only inside the test, after the rows are made: while its event loop
runs, Django refuses database calls from this thread.
"""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from guidance.models import Article

from .factories import ArticleFactory

CHROMIUM = os.environ.get("BACKCARE_CHROMIUM", "/usr/bin/chromium")
LAPTOP = {"width": 1366, "height": 768}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason=f"Chromium not found at {CHROMIUM}; install the Debian package chromium",
    ),
]

# The table sits in a box that scrolls sideways when the table is wider than the box,
# so the page itself never scrolls: measure the box, not the page.
MEASURE = r"""() => {
  const box = document.querySelector("#changelist-form .results");
  const right = box.getBoundingClientRect().right;
  const columns = [...document.querySelectorAll("#result_list thead th")].map((th) => ({
    name: th.textContent.replace(/\s+/g, " ").trim(),
    right: th.getBoundingClientRect().right,
  }));
  return {scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, right, columns};
}"""


def test_review_columns_fit_a_1366px_screen_without_scrolling_sideways(live_server, admin_user):
    today = timezone.localdate()
    for section in Article.Section:
        ArticleFactory(section=section, title=f"What to know about {section.label.lower()}")
    ArticleFactory(
        title="Night pain that is not eased by changing position",
        section=Article.Section.SEE_A_DOCTOR,
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=35),
    )

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport=LAPTOP)
            page.goto(f"{live_server.url}/admin/login/?next=/admin/guidance/article/")
            page.fill("#id_username", admin_user.username)
            page.fill("#id_password", "password")  # pytest-django's admin_user
            page.click("input[type=submit]")
            page.wait_for_url("**/admin/guidance/article/")
            layout = page.evaluate(MEASURE)
        finally:
            browser.close()

    names = [column["name"] for column in layout["columns"]]
    for wanted in ("Title", "Section", "Status", "Clinical review", "Review due"):
        # A sorted column's header also holds its sort priority.
        assert any(name.endswith(wanted) for name in names), names
    assert layout["scrollWidth"] <= layout["clientWidth"], layout
    for column in layout["columns"]:
        assert column["right"] <= layout["right"] <= LAPTOP["width"], column
