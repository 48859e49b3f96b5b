"""SQLite's full-text index of articles (FTS5), kept in step by triggers.

PostgreSQL needs no table: its full-text search runs on the article columns directly.
"""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE guidance_article_fts USING fts5(
        title, summary, body,
        content='guidance_article', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER guidance_article_fts_insert AFTER INSERT ON guidance_article BEGIN
        INSERT INTO guidance_article_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END""",
    """CREATE TRIGGER guidance_article_fts_delete AFTER DELETE ON guidance_article BEGIN
        INSERT INTO guidance_article_fts(guidance_article_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
    END""",
    """CREATE TRIGGER guidance_article_fts_update AFTER UPDATE ON guidance_article BEGIN
        INSERT INTO guidance_article_fts(guidance_article_fts, rowid, title, summary, body)
        VALUES ('delete', old.id, old.title, old.summary, old.body);
        INSERT INTO guidance_article_fts(rowid, title, summary, body)
        VALUES (new.id, new.title, new.summary, new.body);
    END""",
    "INSERT INTO guidance_article_fts(guidance_article_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS guidance_article_fts_insert",
    "DROP TRIGGER IF EXISTS guidance_article_fts_delete",
    "DROP TRIGGER IF EXISTS guidance_article_fts_update",
    "DROP TABLE IF EXISTS guidance_article_fts",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("guidance", "0009_risk_factors")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
