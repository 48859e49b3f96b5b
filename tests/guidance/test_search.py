"""Guidance search: whole words, stemming, ranking, and a highlighted, escaped snippet."""

import pytest
from django.urls import reverse

from guidance.models import Article
from guidance.search import search_articles, search_terms

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("guidance:index")


def found(query, *articles):
    """Slugs of ``articles`` that the search finds for ``query``, in rank order."""
    scope = Article.objects.filter(pk__in=[article.pk for article in articles])
    return [article.slug for article in search_articles(scope, query)]


def test_a_word_is_not_found_inside_another_word():
    notice = ArticleFactory(slug="notice", body="Take notice of how you feel.")
    ice = ArticleFactory(slug="ice", body="Hold an ice pack on the sore spot.")

    assert found("ice", notice, ice) == ["ice"]


def test_plural_and_singular_find_each_other():
    article = ArticleFactory(slug="spasms", body="Most spasms settle within days.")

    assert found("spasm", article) == ["spasms"]


def test_a_question_in_everyday_words_finds_results():
    article = ArticleFactory(slug="now", body="What to do during a back spasm.")

    assert found("spasm right now", article) == ["now"]


def test_title_matches_rank_above_body_matches():
    in_body = ArticleFactory(slug="in-body", title="Everyday life", body="Heat can help.")
    in_title = ArticleFactory(slug="in-title", title="Heat and cold", body="Warmth helps.")

    assert found("heat", in_body, in_title) == ["in-title", "in-body"]


def test_phrase_ranks_above_scattered_words():
    scattered = ArticleFactory(slug="scattered", body="Pain at night. Sleep is hard. Back rest.")
    phrase = ArticleFactory(slug="phrase", body="Back pain at night needs a doctor's advice.")

    assert found("back pain", scattered, phrase)[0] == "phrase"


@pytest.mark.parametrize(
    "query", ['" OR body:*', "NEAR(a b)", "ice AND", "-", "a' OR 1=1 --", '""', "*", "^ice"]
)
def test_search_syntax_from_the_user_is_only_words(client, query):
    ArticleFactory(body="Hold an ice pack.")

    response = client.get(INDEX, {"q": query})

    assert response.status_code == 200


def test_search_terms_drop_punctuation():
    assert search_terms('ice" OR (heat*') == ["ice", "heat"]
    assert search_terms("what now") == ["what", "now"]  # nothing but filler: keep it all


def test_results_page_shows_a_highlighted_escaped_snippet(client):
    ArticleFactory(
        title="Zebra page",
        body="Some <b>bold</b> **words** before the zebrafish example and after it.",
    )

    html = client.get(INDEX, {"q": "zebrafish"}).content.decode()

    assert "1 result for" in html
    assert "<mark>zebrafish</mark>" in html
    assert "<b>bold</b>" not in html
    assert "**" not in html


def test_drafts_are_never_found(client):
    ArticleFactory(title="Secret draft", body="quokka", status=Article.Status.DRAFT)

    html = client.get(INDEX, {"q": "quokka"}).content.decode()

    assert "0 results" in html
    assert "Secret draft" not in html


def test_edited_article_is_found_by_its_new_words(client):
    article = ArticleFactory(body="Nothing special.")
    article.body = "Now it mentions a capybara."
    article.save()

    assert "<mark>capybara</mark>" in client.get(INDEX, {"q": "capybara"}).content.decode()
    article.delete()
    assert "0 results" in client.get(INDEX, {"q": "capybara"}).content.decode()


def test_starting_content_answers_a_person_in_pain(client):
    html = client.get(INDEX, {"q": "spasm right now"}).content.decode()

    assert "0 results" not in html
    assert "<mark>" in html


def test_filler_words_do_not_outrank_the_subject():
    filler = ArticleFactory(slug="filler", title="Scans", body="The right thing to do now.")
    subject = ArticleFactory(slug="subject", title="During a spasm", body="Move gently.")

    assert found("spasm right now", filler, subject) == ["subject"]


def test_snippet_drops_markdown_list_marks():
    article = ArticleFactory(body="Get help:\n\n- numbness in both legs\n- a fever")

    snippet = search_articles(Article.objects.filter(pk=article.pk), "numbness")[0].search_snippet

    assert "- " not in snippet
    assert "<mark>numbness</mark> in both legs" in snippet
