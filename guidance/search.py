"""Full-text search of published articles: whole words, ranked, with a highlighted snippet.

One function for both databases: SQLite's FTS5 index (migration 0010) or PostgreSQL's
full-text search. Both stem words ("spasms" finds "spasm") and never match inside a
word ("ice" does not find "notice").
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_TERMS = 12
# Private-use marks around a match, so the snippet can be escaped before it is marked.
MATCH_START, MATCH_END = "\ue000", "\ue001"
_WORD = re.compile(r"[^\W_]+")
_MARKDOWN_LINK_TAIL = re.compile(r"\]\([^)\s]*\)?")
_MARKDOWN_MARKS = re.compile(r"[*_#`>\[\]|]+")
_LIST_MARK = re.compile(r"(^|\s)[-+]\s")


# Words that say how a person asks, not what about ("what helps my back right now"):
# they would otherwise rank pages by rare filler words over the subject.
FILLER_WORDS = frozenset(
    [
        "a",
        "about",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "or",
        "our",
        "out",
        "please",
        "really",
        "right",
        "should",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "today",
        "too",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def search_terms(query):
    """The words of a query, lower-cased, at most MAX_TERMS; punctuation is dropped, and
    filler words too unless the query has nothing else."""
    words = [word.lower() for word in _WORD.findall(query)]
    subject = [word for word in words if word not in FILLER_WORDS]
    return (subject or words)[:MAX_TERMS]


def search_articles(articles, query):
    """Articles from ``articles`` matching ``query``, best first, each with a
    ``search_snippet`` (safe HTML, matches in <mark>)."""
    terms = search_terms(query)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _search_postgresql(articles, terms)
    return _search_sqlite(articles, terms)


def _search_sqlite(articles, terms):
    # Each word as its own quoted string (no FTS5 operators from the user), any of them
    # may match; the whole query as a phrase too, so pages with the phrase rank first.
    alternatives = [f'"{term}"' for term in terms]
    if len(terms) > 1:
        alternatives.insert(0, '"' + " ".join(terms) + '"')
    match = " OR ".join(alternatives)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, snippet(guidance_article_fts, -1, %s, %s, '…', 16) "
            "FROM guidance_article_fts WHERE guidance_article_fts MATCH %s "
            "ORDER BY bm25(guidance_article_fts, 10.0, 4.0, 1.0)",
            [MATCH_START, MATCH_END, match],
        )
        ranked = cursor.fetchall()
    found = {article.pk: article for article in articles.filter(pk__in=[r[0] for r in ranked])}
    results = []
    for pk, snippet in ranked:
        if pk in found:
            found[pk].search_snippet = highlighted(snippet)
            results.append(found[pk])
    return results


def _search_postgresql(articles, terms):
    # Any of the words may match; pages holding the words as a phrase rank higher.
    query = SearchQuery(" | ".join(terms), search_type="raw", config="english")
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    rank = SearchRank(vector, query)
    if len(terms) > 1:
        phrase = SearchQuery(" <-> ".join(terms), search_type="raw", config="english")
        rank = rank + SearchRank(vector, phrase)
    matches = (
        articles.annotate(
            search_rank=rank,
            snippet=SearchHeadline(
                "body",
                query,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                max_words=30,
                min_words=15,
            ),
        )
        .filter(search_rank__gt=0)
        .order_by("-search_rank", "title")
    )
    results = list(matches)
    for article in results:
        article.search_snippet = highlighted(article.snippet)
    return results


def highlighted(snippet):
    """A snippet of Markdown as plain escaped text with its matches in <mark>."""
    text = _MARKDOWN_LINK_TAIL.sub("", snippet)
    text = _MARKDOWN_MARKS.sub("", text)
    text = _LIST_MARK.sub(r"\1", text)
    text = " ".join(text.split())
    html = escape(text).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags added
