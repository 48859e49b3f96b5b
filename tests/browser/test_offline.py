"""The installed app on a phone: check-ins pushed to it, and with no connection a quick log
kept, an article read, then the log sent and stored once."""

import json

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from guidance.models import Article
from journal.models import Episode

from .conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.django_db(transaction=True)

# Resolves once the worker has kept its copies and looks after the page (wait_for_function
# would evaluate a string, which the page's CSP refuses).
UNDER_THE_WORKER = """() => navigator.serviceWorker.ready.then(() =>
  navigator.serviceWorker.controller ||
  new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done)))"""

PUT_A_MARKER = """async () => {
  const [name] = await caches.keys();
  await (await caches.open(name)).put("/marker", new Response("kept"));
}"""
# Resolves once the copies have been emptied and filled again (the marker gone, the
# offline page back), so no request of the worker's is still on its way.
COPIES_RENEWED = """async () => {
  for (let tries = 0; tries < 100; tries += 1) {
    const names = await caches.keys();
    const has = async (url) => (await Promise.all(names.map(async (name) =>
      Boolean(await (await caches.open(name)).match(url))))).includes(true);
    if (!(await has("/marker")) && (await has("/offline/"))) {
      return true;
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}"""


# The notifications the worker has shown, as (title, body, address), once there are any.
SHOWN = """async (waitMs) => {
  const registration = await navigator.serviceWorker.ready;
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    const shown = await registration.getNotifications();
    if (shown.length) {
      shown.forEach((notification) => notification.close());
      return shown.map((notification) =>
        [notification.title, notification.body, notification.data.url]);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return [];
}"""
# A busy machine can be slow to wake the worker, and DevTools then and again drops a
# message it delivers to a worker still starting: each message is sent up to this many
# times, waiting this long for it each time.
PUSH_TRIES = 3
PUSH_WAIT_MS = 8000


def push(page, base_url, payload):
    """What the worker shows for a push message carrying ``payload`` (as DevTools sends
    one), as [(title, body, address)]."""
    cdp = page.context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(
            r for r in event["registrations"] if not r.get("isDeleted")
        ),
    )
    cdp.send("ServiceWorker.enable")
    while not registrations:
        page.wait_for_timeout(20)
    shown = []
    for _ in range(PUSH_TRIES):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": base_url,
                "registrationId": registrations[-1]["registrationId"],
                "data": payload,
            },
        )
        shown = [tuple(notification) for notification in page.evaluate(SHOWN, PUSH_WAIT_MS)]
        if shown:
            break
    cdp.detach()
    return shown


def installability_errors(browser, base_url, profile):
    """What Chromium says stops it installing the site (its own checks of the manifest,
    icons and worker), in a profile of its own: a fresh context counts as incognito,
    which is never installable."""
    context = browser.browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(base_url + "/")
        page.evaluate(UNDER_THE_WORKER)
        cdp = context.new_cdp_session(page)
        return cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    finally:
        context.close()


def test_check_ins_then_offline_quick_log_and_article_then_stored_once(
    browser, live_server, tmp_path, open_tab, user
):
    assert installability_errors(browser, live_server.url, tmp_path) == []
    tab = open_tab("phone", service_worker=True)
    page = tab.page
    page.context.grant_permissions(["notifications"])
    tab.log_in(user)
    tab.goto("/journal/")
    page.evaluate(UNDER_THE_WORKER)

    # A check-in pushed to the phone: its words, or the usual title when they cannot be
    # read; its address only if it is the site's own.
    journal = tab.base_url + "/journal/"
    message = {"title": "How is your back?", "body": "Two taps.", "url": "/journal/history/"}
    assert push(page, tab.base_url, json.dumps(message)) == [
        ("How is your back?", "Two taps.", tab.base_url + "/journal/history/")
    ]
    assert push(page, tab.base_url, "not json") == [("Your BackCare check-in", "", journal)]
    elsewhere = {"title": "Hello", "url": "https://elsewhere.example/"}
    assert push(page, tab.base_url, json.dumps(elsewhere)) == [("Hello", "", journal)]

    page.context.set_offline(True)
    before = timezone.now()
    quick = page.locator("section", has=page.get_by_role("heading", name="It's happening now"))
    quick.get_by_role("group", name="How bad is it now?").get_by_text("6", exact=True).tap()
    quick.get_by_role("group", name="Where?").get_by_text("Lower back", exact=True).tap()
    quick.get_by_role("button", name="Log it now").tap()
    waiting = page.get_by_role("status")
    expect(waiting).to_contain_text("Saved on this phone; it will be sent when you're back online.")
    expect(waiting).to_contain_text("1 log waiting to send")
    assert not Episode.objects.exists()

    # The warning signs, read with no connection.
    article = Article.objects.warning_signs_page()
    tab.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator("#warning-signs")).to_be_visible()

    # Back online: the log is sent from the page being read.
    back_online = timezone.now()
    with page.expect_response("**/journal/log-now/") as sent:
        page.context.set_offline(False)
    assert sent.value.status == 201

    tab.goto("/journal/")
    expect(page.get_by_text("Lower back, worst 6/10")).to_be_visible()
    expect(page.get_by_text("waiting to send")).to_have_count(0)
    episode = Episode.objects.get(user=user)
    # It started when it was logged, not when it arrived.
    assert before <= episode.started_at <= back_online

    # A connection too weak to carry a log while the phone believes it is online: the
    # worker keeps the log and shows the offline page; once the connection carries again,
    # it is sent and stored once.
    errors_before = len(tab.errors)
    page.context.route("**/journal/log-now/", lambda route: route.abort("internetdisconnected"))
    tab.goto("/journal/")
    quick.get_by_role("group", name="How bad is it now?").get_by_text("8", exact=True).tap()
    quick.get_by_role("group", name="Where?").get_by_text("Neck", exact=True).tap()
    quick.get_by_role("button", name="Log it now").tap()
    expect(page).to_have_url(tab.base_url + "/offline/")
    expect(waiting).to_contain_text("Saved on this phone; it will be sent when you're back online.")
    expect(waiting).to_contain_text("1 log waiting to send")
    assert Episode.objects.filter(user=user).count() == 1
    page.context.unroute("**/journal/log-now/")
    with page.expect_response("**/journal/log-now/") as sent:
        page.evaluate("() => window.dispatchEvent(new Event('online'))")
    assert sent.value.status == 201
    assert sorted(Episode.objects.filter(user=user).values_list("location", flat=True)) == [
        "lower",
        "neck",
    ]
    # The failed tries are the only complaints the browser made meanwhile.
    assert all("log-now" in error for error in tab.errors[errors_before:]), tab.errors
    del tab.errors[errors_before:]

    # Logging out empties the worker's copies (a marker put in them is gone); the next
    # page fills them again, as anybody's.
    page.evaluate(PUT_A_MARKER)
    page.get_by_role("button", name="Open the menu").tap()
    page.get_by_role("button", name=user.username).tap()
    page.get_by_role("button", name="Log out").tap()
    expect(page).to_have_url(tab.base_url + "/")
    assert page.evaluate(COPIES_RENEWED)
    tab.assert_no_console_errors()
