"""The admin article list as staff see it on a common laptop screen, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guidance.models import Article
from tests.guidance.factories import ArticleFactory

from .conftest import add_session_cookie

LAPTOP = {"width": 1366, "height": 768}

pytestmark = pytest.mark.django_db(transaction=True)

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


def test_review_columns_fit_a_1366px_screen_without_scrolling_sideways(
    browser, live_server, admin_user
):
    today = timezone.localdate()
    for section in Article.Section:
        ArticleFactory(section=section, title=f"What to know about {section.label.lower()}")
    ArticleFactory(
        title="Night pain that is not eased by changing position",
        section=Article.Section.SEE_A_DOCTOR,
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=35),
    )

    context = browser.new_context(viewport=LAPTOP, base_url=live_server.url)
    try:
        add_session_cookie(context, live_server.url, admin_user)
        page = context.new_page()
        assert page.goto("/admin/guidance/article/").ok
        layout = page.evaluate(MEASURE)
    finally:
        context.close()

    names = [column["name"] for column in layout["columns"]]
    for wanted in ("Title", "Section", "Status", "Clinical review", "Review due"):
        # A sorted column's header also holds its sort priority.
        assert any(name.endswith(wanted) for name in names), names
    assert layout["scrollWidth"] <= layout["clientWidth"], layout
    for column in layout["columns"]:
        assert column["right"] <= layout["right"] <= LAPTOP["width"], column
