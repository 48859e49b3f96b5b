"""Clinical sign-off: only clinical reviewers sign, pages never claim a review that did
not happen, and a later edit says so until signed off again."""

import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guidance.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:guidance_article_changelist")


def sign_off_url(article):
    return reverse("admin:guidance_article_sign_off", args=[article.pk])


def change_url(article):
    return reverse("admin:guidance_article_change", args=[article.pk])


def public_page(article):
    """(review line text, JSON-LD dict, whole page) as an anonymous visitor sees them."""
    html = Client().get(article.get_absolute_url()).content.decode()
    line = re.search(r'<p class="review-line[^"]*">(.*?)</p>', html, re.S).group(1)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return " ".join(line.split()), json.loads(blocks[0]), html


def test_unreviewed_article_says_so_and_claims_no_review():
    article = ArticleFactory(last_reviewed=date(2026, 12, 2), next_review_due=date(2027, 12, 2))

    line, json_ld, _ = public_page(article)

    assert line.startswith("Not yet reviewed by a clinician.")
    assert "Written from NICE and NHS guidance on 2 December 2026" in line
    assert "reviewedBy" not in json_ld
    assert "lastReviewed" not in json_ld


def test_starting_content_claims_no_clinical_review():
    for article in Article.objects.published():
        line, json_ld, _ = public_page(article)
        assert line.startswith("Not yet reviewed by a clinician."), article.slug
        assert "reviewedBy" not in json_ld
        assert article.reviewed_by == ""
        assert article.clinical_reviewer is None


def test_clinician_signs_off_from_the_change_form(clinician_client, clinician):
    article = ArticleFactory()
    today = timezone.localdate()

    form_page = clinician_client.get(change_url(article)).content.decode()
    response = clinician_client.post(sign_off_url(article))

    assert "sign-off-button" in form_page
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.clinical_reviewer == clinician
    assert article.clinically_reviewed_on == today
    assert article.reviewed_by == "Anna Smith, GP"
    assert article.next_review_due == today + timedelta(days=365)
    assert article.history.latest().history_user == clinician
    line, json_ld, html = public_page(article)
    assert line.startswith(f"Reviewed by Anna Smith, GP on {today:%-d %B %Y}")
    assert json_ld["reviewedBy"] == {"@type": "Person", "name": "Anna Smith, GP"}
    assert json_ld["lastReviewed"] == today.isoformat()
    assert "asmith" not in html


def test_clinician_signs_off_several_with_the_admin_action(clinician_client, clinician):
    first, second, untouched = ArticleFactory(), ArticleFactory(), ArticleFactory()

    response = clinician_client.post(
        ARTICLES, {"action": "sign_off", "_selected_action": [first.pk, second.pk]}
    )

    assert response.status_code == 302
    for article in (first, second):
        article.refresh_from_db()
        assert article.clinical_reviewer == clinician
    untouched.refresh_from_db()
    assert untouched.clinical_reviewer is None
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(
        m.startswith("2 articles signed off as reviewed by Anna Smith, GP") for m in messages
    )


def test_content_editor_has_no_sign_off_and_cannot_forge_one(editor_client):
    article = ArticleFactory()

    changelist = editor_client.get(ARTICLES).content.decode()
    form_page = editor_client.get(change_url(article)).content.decode()
    by_action = editor_client.post(
        ARTICLES, {"action": "sign_off", "_selected_action": [article.pk]}
    )
    by_button = editor_client.post(sign_off_url(article))

    assert 'value="sign_off"' not in changelist
    assert "mark_reviewed_today" not in changelist
    assert "sign-off-button" not in form_page
    assert by_action.status_code in (200, 302)
    assert by_button.status_code == 302
    messages = [str(m) for m in get_messages(by_button.wsgi_request)]
    assert any("Only members of the Clinical reviewers group" in m for m in messages)
    article.refresh_from_db()
    assert article.clinical_reviewer is None
    assert article.clinically_reviewed_on is None


def test_editor_cannot_set_the_review_fields_by_posting_them(
    editor_client, clinician, article_form
):
    article = ArticleFactory()
    data = article_form(
        article,
        reviewed_by="Dr Fake, GP",
        clinical_reviewer=clinician.pk,
        clinically_reviewed_on="2026-01-01",
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.reviewed_by == ""
    assert article.clinical_reviewer is None
    assert article.clinically_reviewed_on is None


def test_superuser_outside_the_group_cannot_sign_off(admin_client):
    article = ArticleFactory()

    admin_client.post(sign_off_url(article))

    article.refresh_from_db()
    assert article.clinical_reviewer is None


def test_reviewer_without_a_full_name_is_asked_for_one(client, clinician):
    clinician.first_name = clinician.last_name = ""
    clinician.save()
    client.force_login(clinician)
    article = ArticleFactory()

    response = client.post(sign_off_url(article))

    article.refresh_from_db()
    assert article.clinical_reviewer is None
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Add your first and last name" in m for m in messages)


def test_sign_off_is_post_only(clinician_client):
    article = ArticleFactory()

    response = clinician_client.get(sign_off_url(article))

    assert response.status_code == 405
    article.refresh_from_db()
    assert article.clinical_reviewer is None


@pytest.mark.parametrize("field", ["title", "summary", "body"])
def test_edit_after_sign_off_says_changed_until_signed_again(clinician_client, editor, field):
    editor_client = Client()
    editor_client.force_login(editor)
    article = ArticleFactory()
    clinician_client.post(sign_off_url(article))
    article.refresh_from_db()

    setattr(article, field, getattr(article, field) + " Edited.")
    article.save()

    _, json_ld, html = public_page(article)
    changelist = editor_client.get(ARTICLES).content.decode()
    assert "changed since its last clinical review" in html
    assert "Changed since its last clinical review" in changelist
    assert "reviewedBy" not in json_ld  # the text as it stands was not reviewed
    assert article.history.count() >= 3  # created, signed off, edited: all kept

    clinician_client.post(sign_off_url(article))
    _, json_ld, html = public_page(article)
    assert "changed since its last clinical review" not in html
    assert json_ld["reviewedBy"]["name"] == "Anna Smith, GP"


def test_editing_only_the_order_keeps_the_sign_off(clinician_client):
    article = ArticleFactory()
    clinician_client.post(sign_off_url(article))
    article.refresh_from_db()

    article.order = 5
    article.save()

    _, json_ld, html = public_page(article)
    assert "changed since its last clinical review" not in html
    assert "reviewedBy" in json_ld


def test_overdue_column_reads_the_right_way_round(editor_client):
    today = timezone.localdate()
    overdue = ArticleFactory(
        title="Long overdue page",
        last_reviewed=today - timedelta(days=500),
        next_review_due=today - timedelta(days=3),
    )
    ArticleFactory(title="Current page", next_review_due=today + timedelta(days=200))

    html = editor_client.get(ARTICLES, {"q": "page"}).content.decode()

    rows = {
        title: row
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
        for title in ("Long overdue page", "Current page")
        if title in row
    }
    assert f"Overdue since {overdue.next_review_due:%-d %b %Y}" in rows["Long overdue page"]
    assert "Overdue" not in rows["Current page"]
    for row in rows.values():
        assert "icon-yes" not in row and "icon-no" not in row


def test_history_shows_the_whole_changed_line_of_the_body(editor_client):
    long_line = "A sentence that is long enough to be cut short by the default display. " * 3
    article = ArticleFactory(body=f"## Start\n\n{long_line}\n\nKeep this line.\n\nOld ending.")
    article.body = article.body.replace("Old ending.", "A new and completely different ending.")
    article.save()

    html = editor_client.get(
        reverse("admin:guidance_article_history", args=[article.pk])
    ).content.decode()

    assert "<del>- Old ending.</del>" in html
    assert "<ins>+ A new and completely different ending.</ins>" in html
    assert "chars]" not in html


def test_saving_unchanged_form_records_no_change(editor_client, article_form):
    article = ArticleFactory(
        sources="NHS: Back pain | https://www.nhs.uk/\nWHO | https://www.who.int/"
    )
    data = article_form(  # line endings as a browser sends a textarea's
        article,
        body=article.body.replace("\n", "\r\n"),
        sources=article.sources.replace("\n", "\r\n"),
    )

    editor_client.post(change_url(article), data)

    latest, previous = article.history.all()[:2]
    assert latest.diff_against(previous).changed_fields == []


def test_sources_must_be_title_and_https_address(editor_client, article_form):
    article = ArticleFactory()
    data = article_form(
        article, sources="NHS: Back pain | https://www.nhs.uk/\nJust a title with no address"
    )

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "Line 2 should read" in response.content.decode()
    article.refresh_from_db()
    assert "Just a title" not in article.sources


def test_sources_are_links_on_the_page():
    article = ArticleFactory(
        sources="NICE NG59: Low back pain and sciatica | https://www.nice.org.uk/guidance/ng59"
    )

    _, json_ld, html = public_page(article)

    assert (
        '<a href="https://www.nice.org.uk/guidance/ng59" rel="noopener">'
        "NICE NG59: Low back pain and sciatica</a>" in html
    )
    assert json_ld["citation"] == ["https://www.nice.org.uk/guidance/ng59"]


def test_last_review_cannot_be_in_the_future(editor_client, article_form):
    article = ArticleFactory()
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = article_form(
        article,
        last_reviewed=tomorrow.isoformat(),
        next_review_due=(tomorrow + timedelta(days=365)).isoformat(),
    )

    response = editor_client.post(change_url(article), data)

    assert "The last review cannot be in the future." in response.content.decode()
    article.refresh_from_db()
    assert article.last_reviewed != tomorrow
