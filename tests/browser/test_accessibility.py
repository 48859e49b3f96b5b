"""Every main page, at phone and desktop width: no serious or critical axe-core
violations, and nothing in the browser console (a CSP violation shows there)."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from journal.management.commands.seed_demo import DEMO_PASSWORD
from journal.models import Episode

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

AXE = "/static/vendor/axe-core/axe.min.js"
# axe-core is a test tool: it lives here, and only the tests serve it.
TEST_STATIC = Path(__file__).parent / "static"
BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE = """
async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((node) => ({
      target: node.target.join(" "),
      html: node.html.slice(0, 160),
      summary: node.failureSummary.split("\\n").slice(1).join(" ").trim(),
    })),
  }));
}
"""
# In-page links (the skip link, an error summary's links to the fields) that lead nowhere.
DEAD_IN_PAGE_LINKS = """
() => [...document.querySelectorAll('a[href^="#"]')]
  .filter((a) => {
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    return !id || !document.getElementById(id);
  })
  .map((a) => `${a.outerHTML.slice(0, 160)}`)
"""
CHARTS_DRAWN = (
    "() => [...document.querySelectorAll('canvas')].every((c) => c.dataset.drawn === 'true')"
)


@dataclass(frozen=True)
class Screen:
    path: str
    person: str | None = None  # None: anonymous; "new": an empty journal; "demo": seed_demo's
    submit: str | None = None  # a button to press first, to see the page answer


SCREENS = {
    "home": Screen("/"),
    "guidance": Screen("/guidance/"),
    "guidance-search": Screen("/guidance/?q=heat"),
    "article": Screen("/guidance/what-is-a-back-spasm/"),
    "article-with-remedies": Screen("/guidance/self-care-at-home/"),
    "when-to-see-a-doctor": Screen("/guidance/when-to-see-a-doctor/"),
    "login": Screen("/accounts/login/"),
    "signup": Screen("/accounts/signup/"),
    "dashboard-empty": Screen("/journal/", "new"),
    "dashboard-ongoing": Screen("/journal/", "demo"),
    "episode-form": Screen("/journal/episodes/new/", "new"),
    "episode-form-errors": Screen("/journal/episodes/new/", "new", submit="Save episode"),
    "episode-list": Screen("/journal/episodes/", "demo"),
    "episode-detail": Screen("/journal/episodes/{ongoing}/", "demo"),
    "history": Screen("/journal/history/?range=all", "demo"),
    "report": Screen("/journal/report/?range=all", "demo"),
    "settings": Screen("/accounts/settings/", "new"),
    "import": Screen("/journal/import/", "new"),
}


@pytest.fixture(autouse=True)
def axe_core_served(settings):
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, TEST_STATIC]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}  {node['html']}")
            lines.append(f"      {node['summary']}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_page_has_no_serious_accessibility_violations(
    name, viewport, open_tab, live_server, password
):
    screen = SCREENS[name]
    tab = open_tab(viewport)
    page = tab.page
    ongoing = None
    if screen.person == "new":
        get_user_model().objects.create_user("casey", "casey@example.com", password)
        log_in(tab, "casey", password)
    elif screen.person == "demo":
        call_command("seed_demo", "--username", "demo", "--days", "120", stdout=io.StringIO())
        ongoing = Episode.objects.get(user__username="demo", ended_at__isnull=True)
        log_in(tab, "demo", DEMO_PASSWORD)

    response = tab.goto(screen.path.format(ongoing=ongoing.pk if ongoing else None))
    assert response.ok, f"{screen.path} answered {response.status}"
    if screen.submit:
        tab.expected_document_statuses.add(400)  # the form comes back with its errors
        with page.expect_navigation():
            page.get_by_role("button", name=screen.submit).click()
    if page.locator("canvas").count():
        page.wait_for_function(CHARTS_DRAWN)

    page.add_script_tag(url=live_server.url + AXE)
    violations = page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core on {page.url} ({viewport}):\n{describe(blocking)}"
    dead_links = page.evaluate(DEAD_IN_PAGE_LINKS)
    assert not dead_links, f"in-page links on {page.url} with no target: {dead_links}"
    tab.assert_no_console_errors()
