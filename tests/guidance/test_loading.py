"""manage.py load_guidance: content files in, staff edits kept, all or nothing."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guidance.content_files import read_articles, read_vocabulary
from guidance.models import Article, CareThresholds, RedFlag, Remedy, RiskFactor, Trigger

pytestmark = pytest.mark.django_db

ARTICLE = """\
+++
slug = "{slug}"
title = "{title}"
section = "about"
order = 1
summary = "A summary."
written_on = 2026-12-02
sources = ["NHS: Back pain | https://www.nhs.uk/conditions/back-pain/"]
+++
## A heading

{body}
"""

VOCABULARY = """\
[thresholds]
see_doctor_after_days = 14
symptom_free_gap_days = 3
recurrence_bouts = 3
recurrence_window_days = 90
severe_pain_level = 8
severe_pain_days = 2
not_improving_after_days = 7

[[trigger]]
slug = "test-load-trigger"
name = "{trigger_name}"
description = "A trigger."
article = "test-load-article"

[[red_flag]]
slug = "test-load-flag"
name = "A test warning sign"
question = "Do you have it?"
urgency = "emergency"
advice = "Call the emergency number."
"""


@pytest.fixture
def content(tmp_path):
    """Write a small content folder; returns a function to rewrite it."""

    def write(title="Loaded article", body="First words.", trigger_name="Test load trigger"):
        (tmp_path / "articles").mkdir(exist_ok=True)
        (tmp_path / "articles" / "test-load-article.md").write_text(
            ARTICLE.format(slug="test-load-article", title=title, body=body)
        )
        (tmp_path / "vocabulary.toml").write_text(VOCABULARY.format(trigger_name=trigger_name))
        return tmp_path

    return write


def load(content_dir):
    out = StringIO()
    call_command("load_guidance", content_dir=str(content_dir), stdout=out)
    return out.getvalue()


def test_creates_what_is_missing_then_changes_nothing(content):
    folder = content()

    first = load(folder)
    second = load(folder)

    assert "3 created" in first  # the article, the trigger and the red flag
    assert "0 created, 0 updated" in second
    article = Article.objects.get(slug="test-load-article")
    assert article.status == Article.Status.PUBLISHED
    assert article.last_reviewed == date(2026, 12, 2)
    assert article.next_review_due == date(2027, 12, 2)
    assert article.sources == "NHS: Back pain | https://www.nhs.uk/conditions/back-pain/"
    assert Trigger.objects.get(slug="test-load-trigger").article == article
    assert RedFlag.objects.get(slug="test-load-flag").urgency == "emergency"


def test_updates_rows_nobody_has_edited(content):
    load(content())

    report = load(content(title="Corrected title", body="Corrected words."))

    article = Article.objects.get(slug="test-load-article")
    assert article.title == "Corrected title"
    assert "Corrected words." in article.body
    assert "1 updated" in report
    assert article.history.latest().history_change_reason == "Loaded from the content files"


def test_keeps_what_staff_edited_and_says_so(content, editor_client):
    load(content())
    article = Article.objects.get(slug="test-load-article")
    trigger = Trigger.objects.get(slug="test-load-trigger")
    # A staff edit goes through the admin, so the history records who made it.
    editor_client.post(
        f"/admin/guidance/trigger/{trigger.pk}/change/",
        {
            "name": "Renamed by staff",
            "slug": trigger.slug,
            "description": trigger.description,
            "article": article.pk,
            "order": 0,
            "active": "on",
        },
    )

    report = load(content(trigger_name="Renamed by the file"))

    trigger.refresh_from_db()
    assert trigger.name == "Renamed by staff"
    assert "Not updated, edited by staff since the last load: trigger test-load-trigger" in report


def test_old_migration_content_is_brought_up_to_date():
    # What migration 0002 used to write: rows with a history entry made by no one.
    old = Article.objects.get(slug="what-is-a-back-spasm")
    Article.objects.filter(pk=old.pk).update(body="Chronic pain has a cause underneath it.")
    old.refresh_from_db()
    old._change_reason = "Starting content"
    old.save()

    load_output = StringIO()
    call_command("load_guidance", stdout=load_output)

    old.refresh_from_db()
    assert "cause underneath" not in old.body
    assert "0 created, 1 updated" in load_output.getvalue()


def test_a_bad_file_loads_nothing_and_says_why(content):
    folder = content()
    (folder / "vocabulary.toml").write_text(
        VOCABULARY.format(trigger_name="Fine").replace('urgency = "emergency"', 'urgency = "soon"')
    )

    with pytest.raises(
        CommandError, match=r"Nothing was loaded\. red_flag test-load-flag: urgency"
    ):
        load(folder)

    assert not Article.objects.filter(slug="test-load-article").exists()
    assert not Trigger.objects.filter(slug="test-load-trigger").exists()


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("", "must start with a '+++' line"),
        ("+++\nslug = 'x'\n", "the front matter has no closing '+++' line"),
        ("+++\nslug = \n+++\n", "front matter is not valid TOML"),
        ("+++\nslug = 'x'\n+++\n", "front matter lacks"),
    ],
)
def test_broken_front_matter_is_named(tmp_path, front_matter, message):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "broken.md").write_text(front_matter + "Body")
    (tmp_path / "vocabulary.toml").write_text("")

    with pytest.raises(CommandError, match=re.escape(f"broken.md: {message}")):
        load(tmp_path)


def test_unknown_article_in_vocabulary_is_named(content):
    folder = content()
    (folder / "vocabulary.toml").write_text(
        VOCABULARY.format(trigger_name="x").replace(
            'article = "test-load-article"', 'article = "no-such-page"'
        )
    )

    with pytest.raises(CommandError, match="names article 'no-such-page', which has no file"):
        load(folder)


def test_the_real_content_is_loaded_in_full():
    articles = read_articles()
    vocabulary = read_vocabulary()

    assert Article.objects.published().count() >= len(articles) >= 15
    for table, model in [
        ("trigger", Trigger),
        ("remedy", Remedy),
        ("red_flag", RedFlag),
        ("risk_factor", RiskFactor),
    ]:
        slugs = {entry["slug"] for entry in vocabulary[table]}
        assert set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True)) == slugs
    thresholds = CareThresholds.current()
    assert (thresholds.not_improving_after_days, thresholds.severe_pain_days) == (7, 2)


def test_loading_the_real_content_again_changes_nothing():
    out = StringIO()
    call_command("load_guidance", stdout=out)

    assert "0 created, 0 updated" in out.getvalue()
