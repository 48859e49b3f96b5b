"""Every main page at phone width, and one page of each layout at desktop width: no
serious or critical axe-core violations, and nothing in the browser console (a CSP
violation shows there).

One walk per width visits every page (the people and the demo history are made once);
each page is still checked on its own, and a failure names the page."""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError

from accounts.consent import record_consent
from journal.models import Episode

from .conftest import expect_every_chart_drawn

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
    "check-in": Screen("/journal/check-in/", "demo"),
    "offline": Screen("/offline/"),
}


# At desktop width the same pages change only in layout (the menu open, columns side by
# side), so the desktop walk takes one page of each layout rather than every page: the
# public pages, the journal's two columns, a form with its errors, the chart grid, the
# report and settings.
DESKTOP_SCREENS = (
    "article-with-remedies",
    "dashboard-ongoing",
    "episode-form-errors",
    "history",
    "report",
    "settings",
)
SCREENS_AT = {"phone": tuple(SCREENS), "desktop": DESKTOP_SCREENS}


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


def check_screen(tab, screen, ongoing, axe_url):
    """Open one screen in `tab`; what is wrong with it, as lines (none when it passes)."""
    page = tab.page
    errors_before = len(tab.errors)
    response = tab.goto(screen.path.format(ongoing=ongoing))
    if not response.ok:
        return [f"{screen.path} answered {response.status}"]
    if screen.submit:
        tab.expected_document_statuses.add(400)  # the form comes back with its errors
        with page.expect_navigation():
            page.get_by_role("button", name=screen.submit).click()
    if page.locator("svg.chart-svg").count():
        expect_every_chart_drawn(page)

    problems = []
    page.add_script_tag(url=axe_url)
    violations = page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        problems.append(f"axe-core on {page.url}:\n{describe(blocking)}")
    dead_links = page.evaluate(DEAD_IN_PAGE_LINKS)
    if dead_links:
        problems.append(f"in-page links on {page.url} with no target: {dead_links}")
    problems += tab.errors[errors_before:]
    tab.expected_document_statuses.discard(400)
    return problems


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_every_page_has_no_serious_accessibility_violations(
    viewport, open_tab, live_server, password
):
    casey = get_user_model().objects.create_user("casey", "casey@example.com", password)
    record_consent(casey)
    call_command("seed_demo", "--username", "demo", "--days", "120", stdout=io.StringIO())
    ongoing = Episode.objects.get(user__username="demo", ended_at__isnull=True)
    tabs = {None: open_tab(viewport), "new": open_tab(viewport), "demo": open_tab(viewport)}
    tabs["new"].log_in(casey)
    tabs["demo"].log_in(ongoing.user)

    failures = {}
    for name in SCREENS_AT[viewport]:
        screen = SCREENS[name]
        try:
            problems = check_screen(tabs[screen.person], screen, ongoing.pk, live_server.url + AXE)
        except PlaywrightError as error:
            problems = [f"{screen.path}: {error}"]
        if problems:
            failures[name] = problems

    if failures:
        pytest.fail(
            f"{len(failures)} of {len(SCREENS_AT[viewport])} pages fail ({viewport}):\n"
            + "\n".join(f"== {name}: " + "\n".join(lines) for name, lines in failures.items()),
            pytrace=False,
        )
