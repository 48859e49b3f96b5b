"""Public guidance pages: the index with search, and one article with its review line."""

from django.shortcuts import get_object_or_404, render

from .forms import ArticleSearchForm
from .levels import CareLevel
from .markdown import render_markdown
from .models import Article, CareThresholds, RedFlag
from .search import search_articles


def can_preview_drafts(user):
    return user.is_active and user.is_staff and user.has_perm("guidance.view_article")


def article_index(request):
    form = ArticleSearchForm(request.GET)
    query = form.query()
    context = {"form": form, "query": query}
    if query:
        context["results"] = search_articles(Article.objects.published(), query)
    else:
        context["sections"] = Article.objects.published().by_section()
    return render(request, "guidance/article_index.html", context)


def article_detail(request, slug):
    # Staff preview drafts; everyone else gets the one public gate.
    if can_preview_drafts(request.user):
        articles = Article.objects.all()
    else:
        articles = Article.objects.published()
    article = get_object_or_404(articles, slug=slug)
    previous_article, next_article = _neighbours(article)
    context = {
        "article": article,
        "is_draft": article.status != Article.Status.PUBLISHED,
        "body_html": render_markdown(article.body),
        "triggers": article.triggers.active(),
        "remedies": article.remedies.active(),
        "previous_article": previous_article,
        "next_article": next_article,
        "json_ld": _medical_web_page(request, article),
        "can_edit": request.user.is_staff and request.user.has_perm("guidance.change_article"),
    }
    if article.section == Article.Section.SEE_A_DOCTOR and article == (
        Article.objects.warning_signs_page()
    ):
        # Rendered from the rules the journal applies, never copied into the article text.
        context["red_flag_groups"] = _red_flags_by_urgency()
        context["thresholds"] = CareThresholds.current()
    return render(request, "guidance/article_detail.html", context)


def _neighbours(article):
    """The published articles before and after this one in reading order."""
    reading_list = list(
        Article.objects.published().in_reading_order().values("pk", "slug", "title")
    )
    position = next((i for i, row in enumerate(reading_list) if row["pk"] == article.pk), None)
    if position is None:  # a draft being previewed
        return None, None
    previous_article = reading_list[position - 1] if position > 0 else None
    next_article = reading_list[position + 1] if position + 1 < len(reading_list) else None
    return previous_article, next_article


def _red_flags_by_urgency():
    """[(level, [red flags])], most urgent first, levels without a flag left out."""
    groups = {level: [] for level in CareLevel}
    for flag in RedFlag.objects.active():
        groups[flag.level].append(flag)
    return [(level, flags) for level, flags in groups.items() if flags]


def _medical_web_page(request, article):
    """schema.org MedicalWebPage data for search engines.

    It claims a review only when a clinician signed off the text as it stands now.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.summary,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "inLanguage": "en-GB",
        "dateModified": article.updated_at.isoformat(),
        "citation": [url for _, url in article.source_list() if url],
    }
    if article.is_clinically_reviewed and not article.changed_since_clinical_review:
        data["lastReviewed"] = article.clinically_reviewed_on.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    return data
