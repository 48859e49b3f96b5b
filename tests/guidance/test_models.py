from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from guidance.models import Article, CareThresholds, Remedy
from guidance.search import search_articles

from .factories import ArticleFactory, RemedyFactory

pytestmark = pytest.mark.django_db


def test_published_leaves_out_drafts():
    published = ArticleFactory(status=Article.Status.PUBLISHED)
    draft = ArticleFactory(status=Article.Status.DRAFT)

    public = Article.objects.published()

    assert published in public
    assert draft not in public


def test_search_looks_in_title_summary_and_body_ignoring_case():
    by_title = ArticleFactory(title="Zebrafish stretches")
    by_summary = ArticleFactory(summary="All about zebrafish.")
    by_body = ArticleFactory(body="Imagine a ZEBRAFISH.")
    unrelated = ArticleFactory()

    found = set(search_articles(Article.objects.all(), "zebrafish"))

    assert found == {by_title, by_summary, by_body}
    assert unrelated not in found


def test_by_section_follows_the_reading_order_of_the_section_choices():
    mine = Article.objects.filter(
        pk__in=[
            ArticleFactory(section=Article.Section.OUTLOOK, title="Later").pk,
            ArticleFactory(section=Article.Section.ABOUT, title="B", order=2).pk,
            ArticleFactory(section=Article.Section.ABOUT, title="A", order=1).pk,
            ArticleFactory(section=Article.Section.SEE_A_DOCTOR, title="Doctor").pk,
        ]
    )

    grouped = mine.by_section()

    assert [section for section, _ in grouped] == [
        Article.Section.ABOUT,
        Article.Section.SEE_A_DOCTOR,
        Article.Section.OUTLOOK,
    ]
    assert [a.title for a in grouped[0][1]] == ["A", "B"]
    assert grouped[0][0].label == "What a back spasm is"


@pytest.mark.parametrize(
    ("days_from_today", "overdue"),
    [(-1, True), (0, False), (1, False)],
    ids=["due-yesterday", "due-today", "due-tomorrow"],
)
def test_review_is_overdue_only_once_the_due_date_has_passed(days_from_today, overdue):
    today = timezone.localdate()
    article = ArticleFactory(
        last_reviewed=today - timedelta(days=400),
        next_review_due=today + timedelta(days=days_from_today),
    )

    assert article.is_overdue is overdue
    assert (article in Article.objects.overdue()) is overdue


def test_next_review_must_be_after_the_last_review():
    article = ArticleFactory.build(last_reviewed=date(2026, 3, 3), next_review_due=date(2026, 3, 3))

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert error.value.message_dict["next_review_due"] == [
        "The next review must be due after the last review date."
    ]


def test_source_list_reads_titles_and_addresses_and_skips_blank_lines():
    article = ArticleFactory.build(
        sources="  NHS: Back pain | https://www.nhs.uk/ \n\n\nAn old line without an address\n"
    )

    assert article.source_list() == [
        ("NHS: Back pain", "https://www.nhs.uk/"),
        ("An old line without an address", ""),
    ]


def test_a_medicine_needs_a_caution_note():
    remedy = RemedyFactory.build(kind=Remedy.Kind.MEDICINE, caution="  ")

    with pytest.raises(ValidationError) as error:
        remedy.full_clean()

    assert "caution" in error.value.message_dict


def test_vocabulary_active_leaves_out_retired_entries():
    active = RemedyFactory(active=True)
    retired = RemedyFactory(active=False)

    assert active in Remedy.objects.active()
    assert retired not in Remedy.objects.active()


def test_care_thresholds_keep_a_single_row():
    CareThresholds.objects.all().delete()

    CareThresholds(see_doctor_after_days=10).save()
    CareThresholds(see_doctor_after_days=12).save()

    assert CareThresholds.objects.count() == 1
    assert CareThresholds.current().see_doctor_after_days == 12


def test_care_thresholds_default_when_no_row_exists():
    CareThresholds.objects.all().delete()

    assert CareThresholds.current().see_doctor_after_days == 14
