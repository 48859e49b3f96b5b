"""Take staff login names off the public review line.

"Mark reviewed today" used to fall back to the login name of a staff account without a
full name, and the article page showed it, in its text and its structured data. Such a
review line now names the person by full name, or the editorial team when the account
has none, as the action does today. The change enters the article's history.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

EDITORIAL_TEAM = "BackCare editorial team"
REASON = "Login name replaced on the public review line"


def replace_login_names(apps, schema_editor):
    Article = apps.get_model("guidance", "Article")
    HistoricalArticle = apps.get_model("guidance", "HistoricalArticle")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    reviewers = Article.objects.values_list("reviewed_by", flat=True).distinct()
    public_names = {
        user.username: f"{user.first_name} {user.last_name}".strip() or EDITORIAL_TEAM
        for user in User.objects.filter(username__in=list(reviewers))
    }
    now = timezone.now()
    copied = [field.attname for field in Article._meta.concrete_fields]
    for article in Article.objects.filter(reviewed_by__in=list(public_names)):
        article.reviewed_by = public_names[article.reviewed_by][:200]
        article.updated_at = now
        # update(), not save(): one history entry, written here, whichever models run this.
        Article.objects.filter(pk=article.pk).update(
            reviewed_by=article.reviewed_by, updated_at=now
        )
        HistoricalArticle.objects.create(
            **{attname: getattr(article, attname) for attname in copied},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0005_help_text_says_where_content_appears"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Nothing to undo: the login names should never have been public.
    operations = [migrations.RunPython(replace_login_names, migrations.RunPython.noop)]
