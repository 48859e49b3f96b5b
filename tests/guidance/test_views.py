import json
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance.models import Article, CareThresholds, RedFlag

from .factories import ArticleFactory, RedFlagFactory, RemedyFactory, TriggerFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("guidance:index")


def detail_url(article):
    return reverse("guidance:article_detail", args=[article.slug])


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


# The index ---------------------------------------------------------------------


def test_index_groups_published_articles_by_section_in_reading_order(client):
    ArticleFactory(section=Article.Section.OUTLOOK, title="Looking ahead soon")
    ArticleFactory(section=Article.Section.ABOUT, title="Spasms explained simply")

    html = client.get(INDEX).content.decode()

    positions = [html.find(f'id="section-{value}"') for value in Article.Section.values]
    assert all(position > 0 for position in positions)
    assert positions == sorted(positions)
    assert html.find("Spasms explained simply") < html.find('id="section-symptoms"')
    assert html.find("Looking ahead soon") > html.find('id="section-outlook"')
    assert "A short plain summary." in html


def test_index_hides_drafts(client):
    ArticleFactory(title="Unfinished thoughts", status=Article.Status.DRAFT)

    response = client.get(INDEX)

    assert "Unfinished thoughts" not in response.content.decode()


def test_index_has_a_labelled_search_box(client):
    html = client.get(INDEX).content.decode()

    assert '<form method="get" action="/guidance/" role="search"' in html
    assert '<label for="id_q" class="form-label">Search the guidance</label>' in html
    assert 'name="q" id="id_q"' in html


def test_search_finds_words_in_the_body(client):
    ArticleFactory(title="Hidden match", body="The word quokka appears once.")
    ArticleFactory(title="Draft match", body="quokka", status=Article.Status.DRAFT)

    response = client.get(INDEX, {"q": "Quokka"})

    html = response.content.decode()
    assert "1 result for “Quokka”" in html
    assert "Hidden match" in html
    assert "Draft match" not in html


def test_search_counts_several_results(client):
    ArticleFactory(title="Wombat one", summary="wombat")
    ArticleFactory(title="Wombat two", summary="wombat")

    response = client.get(INDEX, {"q": "wombat"})

    assert "2 results for “wombat”" in response.content.decode()


def test_search_without_a_hit_says_so_kindly(client):
    response = client.get(INDEX, {"q": "xylophonic"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "0 results for “xylophonic”" in html
    assert "Nothing in the guidance matches those words yet." in html
    assert 'id="section-' not in html


def test_search_query_is_escaped(client):
    response = client.get(INDEX, {"q": "<b>bold</b>"})

    html = response.content.decode()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_index_query_count_does_not_grow_with_articles(client):
    ArticleFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    ArticleFactory.create_batch(10, section=Article.Section.PREVENTION)
    with CaptureQueriesContext(connection) as many:
        client.get(INDEX)

    assert len(many) == len(few)


# One article -------------------------------------------------------------------


def test_article_shows_body_review_line_sources_and_education_note(client):
    article = ArticleFactory(
        title="Heat or ice",
        body="## Which first\n\nUse a **cold pack** first.",
        last_reviewed=date(2026, 11, 3),
        next_review_due=date(2027, 11, 1),
        sources="NHS: Back pain\nWHO fact sheet | https://www.who.int/news-room/fact-sheets",
    )

    html = client.get(detail_url(article)).content.decode()

    assert "<h1>Heat or ice</h1>" in html
    assert "<h2>Which first</h2>" in html
    assert "<strong>cold pack</strong>" in html
    assert (
        "Not yet reviewed by a clinician. Written from NICE and NHS guidance on "
        "3 November 2026 · Next check due 1 November 2027" in html
    )
    assert "<li>NHS: Back pain</li>" in html
    assert 'href="https://www.who.int/news-room/fact-sheets"' in html
    assert "For education only." in html
    assert "<title>Heat or ice · BackCare</title>" in html
    assert '<meta name="description" content="A short plain summary.">' in html


def test_overdue_article_says_so(client):
    today = timezone.localdate()
    overdue = ArticleFactory(
        last_reviewed=today - timedelta(days=400), next_review_due=today - timedelta(days=1)
    )
    current = ArticleFactory()

    assert "overdue for review" in client.get(detail_url(overdue)).content.decode()
    assert "overdue for review" not in client.get(detail_url(current)).content.decode()


def test_article_body_is_sanitised_on_the_page(client):
    article = ArticleFactory(body='Hi <script>alert("body")</script><img src=x onerror="boom()">')

    html = client.get(detail_url(article)).content.decode()

    assert 'alert("body")' not in html
    assert "onerror" not in html
    assert "boom()" not in html


def test_article_lists_its_active_triggers_and_remedies(client):
    article = ArticleFactory()
    TriggerFactory(name="Lifting the shopping", description="Heavy bags.", article=article)
    TriggerFactory(name="Retired trigger", article=article, active=False)
    TriggerFactory(name="Someone else's trigger")
    RemedyFactory(
        name="Ibuprofen gel",
        kind="medicine",
        caution="Ask a pharmacist first.",
        evidence="Helps some people for a short time.",
        article=article,
    )
    RemedyFactory(name="Retired remedy", article=article, active=False)

    html = client.get(detail_url(article)).content.decode()

    assert "Lifting the shopping" in html
    assert "Heavy bags." in html
    assert "Ibuprofen gel" in html
    assert "Medicine" in html
    assert "Ask a pharmacist first." in html
    assert "Helps some people for a short time." in html
    for absent in ["Retired trigger", "Someone else&#x27;s trigger", "Retired remedy"]:
        assert absent not in html


def test_unknown_article_is_404(client):
    assert client.get(reverse("guidance:article_detail", args=["no-such-page"])).status_code == 404


def test_prev_and_next_links_follow_reading_order(client):
    Article.objects.all().delete()
    first = ArticleFactory(section=Article.Section.ABOUT, title="First read")
    middle = ArticleFactory(section=Article.Section.CAUSES, title="Middle read")
    last = ArticleFactory(section=Article.Section.OUTLOOK, title="Last read")

    html = client.get(detail_url(middle)).content.decode()

    assert f'<a rel="prev" href="{detail_url(first)}">' in html
    assert f'<a rel="next" href="{detail_url(last)}">' in html
    assert 'rel="prev"' not in client.get(detail_url(first)).content.decode()


# Drafts ------------------------------------------------------------------------


@pytest.fixture
def draft():
    return ArticleFactory(title="Work in progress", status=Article.Status.DRAFT)


def test_draft_is_404_for_anonymous_visitors(client, draft):
    assert client.get(detail_url(draft)).status_code == 404


def test_draft_is_404_for_logged_in_people(user_client, draft):
    assert user_client.get(detail_url(draft)).status_code == 404


def test_draft_is_404_for_staff_without_guidance_permissions(client, make_user, draft):
    client.force_login(make_user("intern", is_staff=True))

    assert client.get(detail_url(draft)).status_code == 404


def test_content_editor_can_preview_a_draft(editor_client, draft):
    response = editor_client.get(detail_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft preview" in html
    assert '<meta name="robots" content="noindex">' in html


def test_published_article_has_no_draft_badge_for_staff(editor_client):
    article = ArticleFactory()

    assert "Draft preview" not in editor_client.get(detail_url(article)).content.decode()


# When to see a doctor: rendered from the rules ----------------------------------


@pytest.fixture
def see_a_doctor():
    return ArticleFactory(section=Article.Section.SEE_A_DOCTOR, slug="test-see-a-doctor")


def test_see_a_doctor_page_shows_red_flags_grouped_by_urgency(client, see_a_doctor):
    RedFlag.objects.all().delete()
    RedFlagFactory(name="Sign to book", urgency=RedFlag.Urgency.SEE_DOCTOR, order=1)
    RedFlagFactory(name="Sign for today", urgency=RedFlag.Urgency.URGENT, order=2)
    RedFlagFactory(
        name="Sign for emergency",
        urgency=RedFlag.Urgency.EMERGENCY,
        advice="Call for help right now.",
        order=3,
    )

    html = client.get(detail_url(see_a_doctor)).content.decode()

    emergency = html.index("alert-danger red-flag-group red-flag-emergency")
    urgent = html.index("alert-danger red-flag-group red-flag-urgent")
    book = html.index("alert-warning red-flag-group red-flag-see_doctor")
    assert emergency < html.index("Sign for emergency") < urgent
    assert urgent < html.index("Sign for today") < book < html.index("Sign to book")
    assert "call your emergency number now" in html
    assert "Call for help right now." in html


def test_see_a_doctor_page_follows_a_changed_red_flag(client, see_a_doctor):
    flag = RedFlagFactory(name="Original wording", urgency=RedFlag.Urgency.URGENT)
    assert "Original wording" in client.get(detail_url(see_a_doctor)).content.decode()

    flag.name = "Reviewed wording"
    flag.save()
    html = client.get(detail_url(see_a_doctor)).content.decode()
    assert "Reviewed wording" in html
    assert "Original wording" not in html

    flag.active = False
    flag.save()
    assert "Reviewed wording" not in client.get(detail_url(see_a_doctor)).content.decode()


def test_see_a_doctor_page_states_the_threshold_from_care_thresholds(client, see_a_doctor):
    CareThresholds.objects.update_or_create(pk=1, defaults={"see_doctor_after_days": 14})
    assert "if a bout of back spasms lasts longer than 14 days" in (
        client.get(detail_url(see_a_doctor)).content.decode()
    )

    CareThresholds.objects.filter(pk=1).update(
        see_doctor_after_days=21, not_improving_after_days=5, severe_pain_days=3
    )
    html = client.get(detail_url(see_a_doctor)).content.decode()
    assert "if a bout of back spasms lasts longer than 21 days" in html
    assert "no better after 5 days of self-care, or it is getting worse" in html
    assert "(8 out of 10 or more) lasts longer than 3 days" in html
    assert "longer than 14 days" not in html


def test_other_sections_do_not_show_the_red_flags(client):
    RedFlagFactory(name="A distinctive warning sign")
    article = ArticleFactory(section=Article.Section.PREVENTION)

    html = client.get(detail_url(article)).content.decode()

    assert "A distinctive warning sign" not in html
    assert "if a bout of back spasms lasts longer" not in html


# Structured data ------------------------------------------------------------------


def test_article_has_medical_web_page_json_ld(client):
    article = ArticleFactory(
        title="Heat or ice",
        summary="Which to use, and when.",
        last_reviewed=date(2026, 11, 3),
        next_review_due=date(2027, 11, 1),
    )

    html = client.get(detail_url(article)).content.decode()

    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Heat or ice"
    assert data["description"] == "Which to use, and when."
    assert "lastReviewed" not in data  # no clinician has signed it off
    assert "reviewedBy" not in data
    assert data["url"] == f"http://testserver{detail_url(article)}"
    assert html.index("application/ld+json") < html.index("</head>")


def test_json_ld_cannot_break_out_of_its_script_block(client):
    title = "</script><script>alert('pwned')</script> & more"
    article = ArticleFactory(title=title)

    html = client.get(detail_url(article)).content.decode()

    assert "<script>alert(" not in html
    assert json_ld(html)["name"] == title


@pytest.mark.parametrize("name", ["index", "detail", "see_a_doctor"])
def test_public_pages_have_no_inline_script(client, name, see_a_doctor):
    article = ArticleFactory(body='<a href="#" onclick="x()">x</a>')
    url = {"index": INDEX, "detail": detail_url(article), "see_a_doctor": detail_url(see_a_doctor)}

    html = client.get(url[name]).content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/ld+json"' in tag
    assert not re.search(r"\son[a-z]+=", html)
    assert not re.search(r"\sstyle=", html)


@pytest.mark.django_db
def test_starting_articles_say_education_only_once(client):
    html = client.get("/guidance/self-care-at-home/").content.decode()
    assert html.count("For education only.") == 1
    assert "general information to help you understand" not in html


def test_only_the_first_see_a_doctor_article_lists_every_warning_sign(client):
    children = Article.objects.published().get(slug="back-pain-in-children-and-teenagers")
    main = Article.objects.published().get(slug="when-to-see-a-doctor")

    children_html = client.get(children.get_absolute_url()).content.decode()
    main_html = client.get(main.get_absolute_url()).content.decode()

    assert Article.objects.warning_signs_page() == main
    assert 'id="warning-signs"' in main_html
    assert "Difficulty starting or stopping peeing" in main_html
    assert 'id="warning-signs"' not in children_html
