"""The three journeys of issue 6, driven through Chromium: what a person sees and does."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from guidance.models import Article, Trigger
from journal.management.commands.seed_demo import DEMO_PASSWORD
from journal.models import Episode

from .conftest import CONTENT_EDITORS, expect_every_chart_drawn, field, group, log_in, sign_up

pytestmark = pytest.mark.django_db(transaction=True)

TRIGGER = "Heavy lifting or overuse"
REMEDY = "Heat (warm bath, heat pad or hot-water bottle)"


def test_phone_sign_up_log_an_episode_see_day_one_and_ease_it(open_tab, password):
    tab = open_tab("phone")
    page = tab.page
    sign_up(tab, "robin", password)
    expect(page.get_by_text("Welcome to BackCare")).to_be_visible()
    expect(page.get_by_role("heading", name="No current bout")).to_be_visible()

    # On a phone the menu is folded behind the toggler.
    page.get_by_role("button", name="Open the menu").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log an episode").click()
    page.wait_for_url("**/journal/episodes/new/")
    expect(page.get_by_role("heading", level=1, name="Log an episode")).to_be_visible()

    # A few minutes ago, as the person's clock (UTC, the profile's default) shows it.
    started = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=5)
    field(page, "When did it start?").fill(started.strftime("%Y-%m-%dT%H:%M"))
    group(page, "How bad was it at its worst?").get_by_text("7", exact=True).click()
    expect(page.get_by_role("radio", name="7", exact=True)).to_be_checked()
    group(page, "Where is the pain?").get_by_text("Lower back", exact=True).click()
    expect(page.get_by_role("radio", name="Lower back")).to_be_checked()
    page.get_by_role("checkbox", name=TRIGGER).check()
    field(page, "Other trigger").fill("Gardening")  # one of their own, not in the list
    page.get_by_text("Remedies you tried").click()  # the list is folded away at first
    page.get_by_label(REMEDY).select_option(label="Much better")
    field(page, "Other remedy").fill("Foam roller")
    page.get_by_label("How much did it help?").select_option(label="A little better")
    page.get_by_role("button", name="Save episode").click()

    page.wait_for_url("**/journal/")
    expect(page.get_by_role("status").filter(has_text="Episode saved.")).to_be_visible()
    day = (datetime.now(UTC).date() - started.date()).days + 1  # 2 only just past midnight
    expect(page.get_by_role("heading", name=f"Day {day} of 14")).to_be_visible()
    still_going = page.locator("section", has=page.get_by_role("heading", name="Still going"))
    expect(still_going).to_contain_text("Lower back, worst 7/10")

    episode = Episode.objects.get(user__username="robin")
    assert episode.started_at == started
    assert list(episode.triggers.values_list("name", flat=True)) == [TRIGGER]
    assert [(use.remedy.name, use.effect) for use in episode.remedy_uses.all()] == [(REMEDY, 2)]
    assert list(episode.personal_triggers.values_list("name", flat=True)) == ["Gardening"]
    assert [(u.remedy.name, u.effect) for u in episode.personal_remedy_uses.all()] == [
        ("Foam roller", 1)
    ]

    still_going.get_by_role("link", name="It eased…").click()
    page.get_by_role("button", name="Just now").click()
    page.wait_for_url("**/journal/")
    expect(page.get_by_text("Glad it has eased.")).to_be_visible()
    expect(page.get_by_role("heading", name="Still going")).to_have_count(0)
    recent = page.get_by_role("table", name="Episodes, newest first")
    expect(recent.get_by_role("row")).to_have_count(2)  # the header and the episode
    expect(recent).not_to_contain_text("Ongoing")
    episode.refresh_from_db()
    assert episode.ended_at is not None

    # "It's happening now": two taps and a button.
    quick = page.locator("section", has=page.get_by_role("heading", name="It's happening now"))
    group(quick, "How bad is it now?").get_by_text("4", exact=True).tap()
    group(quick, "Where?").get_by_text("Neck", exact=True).tap()
    quick.get_by_role("button", name="Log it now").tap()
    page.wait_for_url("**/journal/?logged=*")
    expect(page.get_by_text("Logged: neck, 4/10, starting now.")).to_be_visible()
    expect(still_going).to_contain_text("Neck, worst 4/10")
    expect(recent.get_by_role("row").filter(has_text="Neck")).to_contain_text("Ongoing")
    assert Episode.objects.filter(user__username="robin", ended_at__isnull=True).count() == 1
    tab.assert_no_console_errors()


def test_staff_edit_an_article_summary_in_the_admin_and_see_it_on_the_site(open_tab, password):
    editors = Group.objects.filter(name=CONTENT_EDITORS).first()
    if editors is None:
        pytest.skip(f'The "{CONTENT_EDITORS}" group (made by a guidance migration) is missing')
    editor = get_user_model().objects.create_user(
        "editor", email="editor@example.com", password=password, is_staff=True
    )
    editor.groups.add(editors)
    article = Article.objects.get(slug="what-is-a-back-spasm")
    summary = "A back spasm is a muscle in your back that tightens by itself. Edited in the admin."

    tab = open_tab("desktop")
    page = tab.page
    tab.goto("/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Guidance content")).to_be_visible()

    page.get_by_role("link", name="Articles", exact=True).first.click()
    page.get_by_role("link", name=article.title, exact=True).click()
    page.wait_for_url(f"**/admin/guidance/article/{article.pk}/change/")
    page.get_by_label("Summary").fill(summary)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    tab.goto("/guidance/")
    entry = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=article.title, exact=True)
    )
    expect(entry).to_contain_text(summary)
    entry.get_by_role("link", name=article.title, exact=True).click()
    page.wait_for_url(f"**/guidance/{article.slug}/")
    expect(page.get_by_role("heading", level=1, name=article.title)).to_be_visible()
    expect(page.locator(".lead")).to_have_text(summary)
    expect(page.locator(".article-body h2").first).to_be_visible()
    article.refresh_from_db()
    assert article.summary == summary
    assert article.history.first().history_user == editor
    tab.assert_no_console_errors()


def test_history_charts_are_all_drawn_for_a_season_of_episodes(open_tab):
    call_command("seed_demo", "--username", "demo", "--days", "120", stdout=io.StringIO())
    assert Trigger.objects.exists()  # the demo draws on the guidance vocabulary
    episode_count = Episode.objects.filter(user__username="demo").count()

    tab = open_tab("desktop")
    page = tab.page
    log_in(tab, "demo", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.wait_for_url("**/journal/history/")
    page.get_by_role("navigation", name="Range").get_by_role("link", name="All").click()
    page.wait_for_url("**/journal/history/?range=all")

    expect(page.locator("#range-label")).to_contain_text(f"{episode_count} episodes")
    cards = page.locator(".chart-card")
    expect(cards).to_have_count(6)
    for title in ["Pain over time", "How long each bout lasted", "What helped"]:
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    charts = expect_every_chart_drawn(page)
    assert [chart["id"] for chart in charts] == [
        "chart-pain",
        "chart-bouts",
        "chart-frequency",
        "chart-triggers",
        "chart-remedies",
        "chart-locations",
    ]

    # The numbers behind a chart, in its table: the demo has one bout past two weeks.
    bouts = page.locator(".chart-card", has=page.get_by_role("heading", name="How long each bout"))
    bouts.get_by_text("Show the numbers as a table").click()
    table = bouts.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("cell", name="Yes", exact=True)).not_to_have_count(0)
    tab.assert_no_console_errors()
