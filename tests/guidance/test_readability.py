"""Guidance is written at school grade 8 or below, and the admin says each page's grade."""

import pytest
from django.urls import reverse

from guidance.content_files import read_articles
from guidance.readability import PLAIN_GRADE, grade_level, syllables

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

EASY = "Heat helps. Walk a bit each day. Rest in short spells, not in bed."
HARD = (
    "Radiofrequency denervation, considered following specialist multidisciplinary "
    "assessment, interrupts nociceptive transmission originating predominantly from "
    "degenerative facet articulations characterised by persistent inflammatory "
    "hypersensitivity."
)


@pytest.mark.parametrize(
    ("word", "count"),
    [("heat", 1), ("take", 1), ("helped", 1), ("doctor", 2), ("emergency", 4), ("bubble", 2)],
)
def test_syllables_are_counted_by_vowel_groups(word, count):
    assert syllables(word) == count


def test_plain_text_scores_low_and_jargon_scores_high():
    assert grade_level(EASY) < 3
    assert grade_level(HARD) > 20
    assert grade_level("") == 0.0


def test_markdown_links_and_list_items_are_read_as_a_reader_sees_them():
    with_markup = "## Moving\n\n- [Walk](/guidance/walk/) a bit\n- Rest in short spells"
    plain = "Moving. Walk a bit. Rest in short spells."

    assert grade_level(with_markup) == pytest.approx(grade_level(plain))


@pytest.mark.parametrize("article", read_articles(), ids=lambda a: a.slug)
def test_every_starting_article_is_at_most_grade_8(article):
    assert grade_level(article.body) <= PLAIN_GRADE


def test_admin_form_shows_the_reading_level(editor_client):
    article = ArticleFactory(body=HARD)

    html = editor_client.get(
        reverse("admin:guidance_article_change", args=[article.pk])
    ).content.decode()

    assert "above the grade 8 the guidance aims for" in html
