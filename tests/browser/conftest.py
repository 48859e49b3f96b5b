"""Real-browser tests: Playwright driving the system's Chromium against the live server.

Every test here is marked ``browser`` (run only these with ``-m browser``, skip them with
``-m "not browser"``) and is skipped, with the reason, where Chromium is not installed.
One Chromium serves the whole package; each test opens its own isolated contexts, and
logs people in by cookie (a session made on the server) rather than through the form:
only tests/browser/test_journeys.py goes through the login form itself.
"""

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import connection
from django.test import Client
from playwright.sync_api import Page, expect

from guidance.models import Trigger

CHROMIUM = os.environ.get("BACKCARE_CHROMIUM", "/usr/bin/chromium")
NO_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}; install the Debian package chromium (.ci/run does)"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
HERE = Path(__file__).parent
CONTENT_EDITORS = "Content editors"
FAVICON_PROBE = "/favicon.ico"

# Chromium reports a CSP violation as a console error ("Refused to ...", or in newer
# versions "Executing inline script violates ..."); the event makes sure of it.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def chromium_available():
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the markers must be on the items before `-m` selects by them.
    skip = None if chromium_available() else pytest.mark.skip(reason=NO_CHROMIUM)
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if skip:
                item.add_marker(skip)


# Package scope: Playwright is stopped as soon as the browser tests are done, so the
# tests that run after them see no event loop and no DJANGO_ALLOW_ASYNC_UNSAFE.
@pytest.fixture(scope="package")
def browser():
    if not chromium_available():
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in the main thread, and
    # Django refuses ORM calls from a thread with a running loop unless told this is
    # deliberate. Only for as long as Playwright runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Tab:
    """A Playwright page on the live server, with every console error it has logged."""

    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)
    # Statuses the test expects for the page itself (a form re-shown with its errors
    # answers 400), which Chromium logs as a failed resource.
    expected_document_statuses: set[int] = field(default_factory=set)

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        return response

    def assert_no_console_errors(self):
        assert not self.errors, "The browser reported errors:\n" + "\n".join(self.errors)

    def log_in(self, user):
        """Log `user` in by cookie; the tab stays where it is."""
        add_session_cookie(self.page.context, self.base_url, user)


def add_session_cookie(context, base_url, user):
    """A session for `user` made on the server (as a login would), its cookie in `context`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": base_url,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


@pytest.fixture
def open_tab(browser, live_server):
    """open_tab("phone" | "desktop", timezone_id="UTC", service_worker=False) -> Tab in a
    fresh context (its own cookies), its clock in `timezone_id`.

    The site's service worker runs only where asked for (tests/browser/test_offline.py):
    elsewhere it would fill its cache from the live server in every test, for nothing."""
    contexts = []

    def open_(viewport="desktop", timezone_id="UTC", service_worker=False):
        context = browser.new_context(
            **VIEWPORTS[viewport],
            base_url=live_server.url,
            locale="en-GB",
            timezone_id=timezone_id,
            service_workers="allow" if service_worker else "block",
        )
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        contexts.append(context)
        page = context.new_page()
        tab = Tab(page=page, base_url=live_server.url)

        def on_console(message):
            location = message.location or {}
            # Chromium asks for /favicon.ico on pages that name no icon (Django's own
            # admin pages); that request is the browser's, not the page's.
            expected = any(
                f"status of {status} " in message.text and location.get("url") == page.url
                for status in tab.expected_document_statuses
            )
            if (
                message.type == "error"
                and not location.get("url", "").endswith(FAVICON_PROBE)
                and not expected
            ):
                tab.errors.append(
                    f"console error on {page.url}: {message.text} ({location.get('url', '')})"
                )

        page.on("console", on_console)
        page.on("pageerror", lambda error: tab.errors.append(f"page error on {page.url}: {error}"))
        return tab

    yield open_
    for context in contexts:
        context.close()


def log_in(tab, username, password):
    """Log in through the real login form and land on the journal (other tests: Tab.log_in)."""
    page = tab.page
    tab.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/journal/")


def field(page, label):
    """A form control by its label, as crispy renders it (with a * when required)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def group(page, legend):
    """A fieldset of big choice buttons, found by its legend as a person reads it."""
    return page.get_by_role("group", name=legend)


# Each chart on the page: its id, its size on screen and how many marks (dots, bars,
# bands, lines) it holds.
CHART_STATE = """
() => [...document.querySelectorAll("svg.chart-svg")].map((chart) => {
  const box = chart.getBoundingClientRect();
  const marks = chart.querySelectorAll("circle, rect, polyline").length;
  return { id: chart.id, width: box.width, height: box.height, marks };
})
"""


def expect_every_chart_drawn(page: Page):
    """Every chart comes drawn in the page (SVG from journal/chart_drawings.py), with no
    script to wait for: each takes room on screen and has marks in it. Returns them."""
    charts = page.evaluate(CHART_STATE)
    assert charts, f"no chart on {page.url}"
    undrawn = [c for c in charts if not (c["width"] > 100 and c["height"] > 30 and c["marks"])]
    assert not undrawn, f"charts not drawn on {page.url}: {undrawn}"
    return charts


def sign_up(tab, username, password):
    page = tab.page
    tab.goto("/accounts/signup/")
    field(page, "Username").fill(username)
    field(page, "Email").fill(f"{username}@example.com")
    field(page, "Password").fill(password)
    field(page, "Password confirmation").fill(password)
    page.get_by_role("checkbox", name="I agree that BackCare may store").check()
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    # The live server runs in this process: its emails are in Django's test outbox.
    body = next(m.body for m in reversed(mail.outbox) if m.to == [f"{username}@example.com"])
    link = next(line for line in body.splitlines() if "/confirm/" in line).strip()
    tab.goto(link[link.index("/accounts/") :])
    field(page, "The password you chose").fill(password)
    page.get_by_role("button", name="Open my journal").click()
    page.wait_for_url("**/journal/")


class LiveRequests:
    """How many requests the live server is still answering.

    A page can still be asking for something (a resource, a prefetch) when its test ends:
    closing the browser stops the browser waiting, not the server's thread answering it,
    and the test database is flushed as the test ends. On SQLite's shared in-memory
    database a flush meeting a request in flight stops at "database table is locked", so
    every browser test waits, after its browser contexts close, for the live server to
    finish. Counted from Django's request signals, sent by the live server's WSGI
    handler; the test client's requests, sent by a handler of its own, are left out.
    """

    def __init__(self):
        self.in_flight = 0
        self.changed = threading.Condition()

    @staticmethod
    def live(sender):
        return isinstance(sender, type) and issubclass(sender, WSGIHandler)

    def started(self, sender, **kwargs):
        if self.live(sender):
            with self.changed:
                self.in_flight += 1

    def finished(self, sender, **kwargs):
        if self.live(sender):
            with self.changed:
                self.in_flight = max(0, self.in_flight - 1)
                self.changed.notify_all()

    def wait_until_answered(self, timeout=30):
        with self.changed:
            return self.changed.wait_for(lambda: self.in_flight == 0, timeout)


LIVE_REQUESTS = LiveRequests()
request_started.connect(LIVE_REQUESTS.started, dispatch_uid="browser-live-requests")
request_finished.connect(LIVE_REQUESTS.finished, dispatch_uid="browser-live-requests")


RESTORE_STARTING_ROWS = pytest.StashKey()


@pytest.fixture(scope="session")
def starting_rows(django_db_setup, django_db_blocker):
    """What the test database starts with (the migrations' rows: groups, permissions; the
    guidance content django_db_setup loads), read once before any browser test runs."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def guidance_content(request, transactional_db, starting_rows, django_db_blocker):
    """The rows the test database starts with, present in every browser test and in every
    test that runs after one on the same worker.

    Transactional tests flush the database when they finish, and serialized_rollback
    cannot bring the rows back here: while Playwright runs, its event loop is marked as
    running in the main thread, so Django keeps database connections per context, and the
    connection the test case sees is not the one that holds the snapshot taken when the
    test database was made. So pytest_runtest_teardown below puts them back once the
    flush is done, from the copy `starting_rows` read.
    """

    def restore():
        with django_db_blocker.unblock():
            # The flush made the content types and permissions again under new ids.
            ContentType.objects.all().delete()
            connection.creation.deserialize_db_from_string(starting_rows)
            ContentType.objects.clear_cache()

    request.node.stash[RESTORE_STARTING_ROWS] = restore
    assert Trigger.objects.exists(), "the starting content is missing"


@pytest.fixture(autouse=True)
def live_requests_answered(guidance_content):
    """Set up after the database (so torn down before its flush) and before the test's
    browser contexts (so torn down after they close): the flush waits for the live
    server to answer what the closed pages were still asking for."""
    yield
    assert LIVE_REQUESTS.wait_until_answered(), "the live server is still answering a request"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After the test's own teardown, which flushed the database: tests that need no
    # browser (run after this one by pytest-xdist) find the migrations' rows again.
    result = yield
    restore = item.stash.get(RESTORE_STARTING_ROWS, None)
    if restore is not None:
        restore()
    return result
