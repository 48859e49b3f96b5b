import re
from datetime import timedelta
from html import unescape

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from guidance.models import Article, CareThresholds, Remedy

from .factories import ArticleFactory, RedFlagFactory, RemedyFactory, TriggerFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:guidance_article_changelist")
THRESHOLDS_CHANGE = reverse("admin:guidance_carethresholds_change", args=[1])


def change_url(article):
    return reverse("admin:guidance_article_change", args=[article.pk])


def thresholds_form(**changes):
    data = {
        "see_doctor_after_days": 14,
        "symptom_free_gap_days": 3,
        "recurrence_bouts": 3,
        "recurrence_window_days": 90,
        "severe_pain_level": 8,
        "severe_pain_days": 2,
        "not_improving_after_days": 7,
    }
    data.update(changes)
    return data


# What a content editor can reach -------------------------------------------------


def test_content_editor_sees_guidance_and_nothing_else_in_the_admin(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()

    assert "Guidance" in html
    assert reverse("admin:guidance_article_changelist") in html
    assert "Journal" not in html
    assert "Authentication and Authorization" not in html
    assert "/admin/auth/" not in html


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/"]
)
def test_content_editor_cannot_reach_users_or_groups(editor_client, url):
    assert editor_client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/admin/journal/",
        "/admin/journal/episode/",
        "/admin/journal/personaltrigger/",
        "/admin/journal/personalremedy/",
        "/admin/journal/personalremedyuse/",
    ],
)
def test_journal_data_is_not_in_the_admin(editor_client, url):
    assert editor_client.get(url).status_code == 404


def test_no_journal_model_is_registered_in_the_admin():
    from django.apps import apps
    from django.contrib import admin

    journal_models = apps.get_app_config("journal").get_models()
    assert not [model for model in journal_models if admin.site.is_registered(model)]


def test_people_who_are_not_staff_are_sent_to_the_admin_login(user_client):
    response = user_client.get(ARTICLES)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:guidance_article_changelist",
        "admin:guidance_trigger_changelist",
        "admin:guidance_remedy_changelist",
        "admin:guidance_redflag_changelist",
        "admin:guidance_article_add",
        "admin:guidance_trigger_add",
        "admin:guidance_remedy_add",
        "admin:guidance_redflag_add",
    ],
)
def test_content_editor_can_open_every_guidance_list_and_form(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 200


# Editing an article ---------------------------------------------------------------


def test_content_editor_edits_an_article_and_the_site_shows_it(editor_client, editor, article_form):
    article = Article.objects.published().get(slug="what-is-a-back-spasm")
    versions = article.history.count()

    response = editor_client.post(
        change_url(article), article_form(article, summary="A freshly edited summary.")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "A freshly edited summary."
    public = Client().get(article.get_absolute_url()).content.decode()
    assert "A freshly edited summary." in public
    assert article.history.count() == versions + 1
    latest = article.history.latest()
    assert latest.history_user == editor
    assert latest.history_type == "~"


def test_next_review_due_must_be_after_last_review(editor_client, article_form):
    article = ArticleFactory(summary="Unchanged")

    response = editor_client.post(
        change_url(article),
        article_form(
            article,
            summary="Should not be saved",
            last_reviewed="2026-11-03",
            next_review_due="2026-11-03",
        ),
    )

    assert response.status_code == 200
    assert "The next review must be due after the last review date." in response.content.decode()
    article.refresh_from_db()
    assert article.summary == "Unchanged"


def test_content_editor_can_add_an_article(editor_client, editor, article_form):
    draft = ArticleFactory.build(title="Brand new", slug="brand-new", status="draft")

    response = editor_client.post(reverse("admin:guidance_article_add"), article_form(draft))

    assert response.status_code == 302
    created = Article.objects.get(slug="brand-new")
    assert created.history.get().history_user == editor


def test_history_page_lists_the_editor_and_offers_revert(editor_client, editor, article_form):
    article = ArticleFactory(title="Before")
    editor_client.post(change_url(article), article_form(article, title="After"))
    first_version = article.history.earliest()

    history = editor_client.get(reverse("admin:guidance_article_history", args=[article.pk]))
    version = editor_client.get(
        reverse("admin:guidance_article_simple_history", args=[article.pk, first_version.pk])
    )

    assert history.status_code == 200
    assert editor.username in history.content.decode()
    assert version.status_code == 200
    assert 'value="Revert"' in version.content.decode()
    assert 'value="Before"' in version.content.decode()


def test_reverting_restores_an_earlier_version(editor_client, article_form):
    article = ArticleFactory(title="Before")
    editor_client.post(change_url(article), article_form(article, title="After"))
    first_version = article.history.earliest()
    old = first_version.instance

    response = editor_client.post(
        reverse("admin:guidance_article_simple_history", args=[article.pk, first_version.pk]),
        article_form(old),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Before"
    assert article.history.count() == 3


# History pages never answer 500 -------------------------------------------------

HISTORY_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ),
    key=lambda model: model._meta.label,
)
TOO_BIG_FOR_THE_DATABASE = "9" * 30

# (object id, history id or None for the history list); "{pk}" is a row that exists,
# "{version}" one of its history entries, "{other_version}" another row's entry.
BAD_HISTORY_ADDRESSES = {
    "list-letters": ("abc", None),
    "list-change-page-path": ("{pk}/change", None),
    "list-no-such-row": ("987654321", None),
    "list-negative": ("-1", None),
    "list-too-big": (TOO_BIG_FOR_THE_DATABASE, None),
    "version-letters": ("{pk}", "abc"),
    "version-decimal": ("{pk}", "1.5"),
    "version-no-such-entry": ("{pk}", "987654321"),
    "version-too-big": ("{pk}", TOO_BIG_FOR_THE_DATABASE),
    "version-of-another-row": ("{pk}", "{other_version}"),
    "row-letters-with-real-version": ("abc", "{version}"),
    "no-such-row-with-real-version": ("987654321", "{version}"),
}


def test_every_history_admin_is_walked():
    labels = {model._meta.label for model in HISTORY_MODELS}

    assert labels >= {
        "guidance.Article",
        "guidance.Trigger",
        "guidance.Remedy",
        "guidance.RedFlag",
        "guidance.CareThresholds",
    }


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda model: model._meta.label)
@pytest.mark.parametrize(
    ("object_id", "history_id"),
    BAD_HISTORY_ADDRESSES.values(),
    ids=BAD_HISTORY_ADDRESSES.keys(),
)
def test_history_pages_for_a_bad_or_missing_id_are_404(admin_client, model, object_id, history_id):
    # The starting content gives every history-enabled model a row with history.
    row = model._default_manager.order_by("pk").first()
    assert row is not None
    other_entries = model.history.exclude(**{model._meta.pk.attname: row.pk})
    other_version = other_entries.first().history_id if other_entries.exists() else 987654321
    names = {
        "pk": row.pk,
        "version": row.history.earliest().history_id,
        "other_version": other_version,
    }
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    if history_id is None:
        url = reverse(f"{info}_history", args=[object_id.format(**names)])
    else:
        url = reverse(
            f"{info}_simple_history",
            args=[object_id.format(**names), history_id.format(**names)],
        )

    response = admin_client.get(url)

    assert response.status_code == 404, url


def test_history_pages_still_open_for_a_real_row_and_version(admin_client):
    article = ArticleFactory()
    version = article.history.get()

    listing = admin_client.get(reverse("admin:guidance_article_history", args=[article.pk]))
    detail = admin_client.get(
        reverse("admin:guidance_article_simple_history", args=[article.pk, version.pk])
    )

    assert listing.status_code == 200
    assert detail.status_code == 200


def test_a_deleted_articles_history_stays_viewable(admin_client):
    article = ArticleFactory(title="Since deleted")
    article_id = article.pk
    article.delete()

    response = admin_client.get(reverse("admin:guidance_article_history", args=[article_id]))

    assert response.status_code == 200
    assert "Since deleted" in response.content.decode()


# The review workflow -------------------------------------------------------------


def test_overdue_filter_and_column(editor_client):
    today = timezone.localdate()
    overdue = ArticleFactory(
        title="Long overdue page",
        last_reviewed=today - timedelta(days=500),
        next_review_due=today - timedelta(days=1),
    )
    current = ArticleFactory(title="Freshly reviewed page")

    only_overdue = editor_client.get(ARTICLES, {"overdue": "yes"}).content.decode()
    not_overdue = editor_client.get(ARTICLES, {"overdue": "no"}).content.decode()
    everything = editor_client.get(ARTICLES).content.decode()

    assert overdue.title in only_overdue
    assert current.title not in only_overdue
    assert current.title in not_overdue
    assert overdue.title not in not_overdue
    assert "Review overdue" in everything
    assert "Review due" in everything


def test_admin_change_form_has_no_inline_script(editor_client):
    article = ArticleFactory()

    html = editor_client.get(change_url(article)).content.decode()

    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    assert not re.search(r"\son[a-z]+=", html)


# Vocabularies ---------------------------------------------------------------------


def test_medicine_without_caution_is_rejected(editor_client):
    response = editor_client.post(
        reverse("admin:guidance_remedy_add"),
        {
            "name": "Mystery pills",
            "slug": "mystery-pills",
            "kind": "medicine",
            "description": "Pills.",
            "caution": "",
            "evidence": "None.",
            "order": 0,
            "active": "on",
        },
    )

    assert response.status_code == 200
    assert "A medicine needs a caution note." in response.content.decode()
    assert not Remedy.objects.filter(slug="mystery-pills").exists()


def test_editing_a_remedy_is_recorded_in_its_history(editor_client, editor):
    remedy = RemedyFactory()

    editor_client.post(
        reverse("admin:guidance_remedy_change", args=[remedy.pk]),
        {
            "name": remedy.name,
            "slug": remedy.slug,
            "kind": remedy.kind,
            "description": "A clearer description.",
            "caution": "",
            "evidence": remedy.evidence,
            "order": 5,
            "active": "on",
        },
    )

    remedy.refresh_from_db()
    assert remedy.description == "A clearer description."
    assert remedy.history.latest().history_user == editor


def journal_page(person):
    """The journal's episode form, where a person picks triggers, remedies and signs."""
    journal = Client()
    journal.force_login(person)
    return journal.get(reverse("journal:episode_create")).content.decode()


def admin_help_text(html, field):
    match = re.search(rf'id="id_{field}_helptext">(.*?)</div>\s*</div>', html, re.S)
    assert match, f"no help text for {field}"
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


@pytest.mark.parametrize(
    ("factory", "add_url"),
    [
        (TriggerFactory, "admin:guidance_trigger_add"),
        (RemedyFactory, "admin:guidance_remedy_add"),
    ],
    ids=["trigger", "remedy"],
)
def test_description_help_text_says_where_people_see_it(editor_client, user, factory, add_url):
    article = ArticleFactory()
    entry = factory(article=article, description="A description only the article shows.")

    article_page = Client().get(article.get_absolute_url()).content.decode()
    journal_form = journal_page(user)
    help_text = admin_help_text(editor_client.get(reverse(add_url)).content.decode(), "description")

    assert entry.description in article_page
    assert entry.name in journal_form
    assert entry.description not in journal_form
    assert "on the page of the guidance article" in help_text
    assert "The journal lists" in help_text
    assert "by name only" in help_text
    assert "checkbox" not in help_text


def test_red_flag_help_texts_say_where_people_see_each_part(editor_client, user):
    flag = RedFlagFactory(
        name="A distinctive warning sign",
        question="Have you had this distinctive sign?",
        advice="Distinctive advice for this sign.",
    )
    doctor_page = (
        Client().get(Article.objects.warning_signs_page().get_absolute_url()).content.decode()
    )
    journal_form = journal_page(user)
    admin_form = editor_client.get(reverse("admin:guidance_redflag_add")).content.decode()

    assert flag.name in doctor_page
    assert flag.advice in doctor_page
    assert flag.question not in doctor_page
    assert flag.question in journal_form
    assert "episode form" in admin_help_text(admin_form, "question")
    assert "Shown only there" in admin_help_text(admin_form, "question")
    assert "'When to see a doctor' page" in admin_help_text(admin_form, "advice")
    assert "'When to see a doctor' page" in admin_help_text(admin_form, "name")


# Care thresholds: one row ------------------------------------------------------------


def test_thresholds_list_goes_straight_to_the_single_row(editor_client):
    response = editor_client.get(reverse("admin:guidance_carethresholds_changelist"))

    assert response.status_code == 302
    assert response["Location"] == THRESHOLDS_CHANGE


def test_thresholds_cannot_be_added_twice_or_deleted(editor_client):
    add = editor_client.get(reverse("admin:guidance_carethresholds_add"))
    delete = editor_client.get(reverse("admin:guidance_carethresholds_delete", args=[1]))

    assert add.status_code == 403
    assert delete.status_code == 403
    assert CareThresholds.objects.count() == 1


def test_thresholds_change_is_saved_with_history(editor_client, editor):
    response = editor_client.post(THRESHOLDS_CHANGE, thresholds_form(see_doctor_after_days=21))

    assert response.status_code == 302
    thresholds = CareThresholds.objects.get()
    assert thresholds.see_doctor_after_days == 21
    assert thresholds.history.latest().history_user == editor


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("see_doctor_after_days", 0, "Enter a whole number from 1 to 90 days."),
        ("see_doctor_after_days", 91, "Enter a whole number from 1 to 90 days."),
        ("symptom_free_gap_days", 31, "Enter a whole number from 1 to 30 days."),
        ("recurrence_bouts", 1, "Enter a whole number from 2 to 20 bouts."),
        ("recurrence_window_days", 400, "Enter a whole number from 1 to 365 days."),
        ("severe_pain_level", 11, "Enter a whole number from 1 to 10 on the 0 to 10 pain scale."),
    ],
    ids=["days-zero", "days-91", "gap-31", "bouts-1", "window-400", "pain-11"],
)
def test_thresholds_out_of_range_are_rejected_clearly(editor_client, field, value, message):
    response = editor_client.post(THRESHOLDS_CHANGE, thresholds_form(**{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    thresholds = CareThresholds.objects.get()
    assert getattr(thresholds, field) != value
    assert thresholds.see_doctor_after_days == 14


@pytest.mark.django_db
def test_article_list_in_admin_follows_reading_order(admin_client):
    response = admin_client.get("/admin/guidance/article/")
    titles = [str(article) for article in response.context["cl"].result_list]
    sections = [Article.objects.get(title=title).section for title in titles]
    order = list(Article.Section.values)
    assert sections == sorted(sections, key=order.index)
    assert sections[0] == "about"


def test_each_threshold_says_where_its_number_comes_from(editor_client):
    html = editor_client.get(THRESHOLDS_CHANGE).content.decode()

    for field in (
        "see_doctor_after_days",
        "symptom_free_gap_days",
        "recurrence_bouts",
        "recurrence_window_days",
        "severe_pain_level",
        "severe_pain_days",
        "not_improving_after_days",
    ):
        assert "BackCare's own rule of thumb" in admin_help_text(html, field), field
    assert "NHS" in admin_help_text(html, "not_improving_after_days")
