"""Loading the content files into the database without overwriting staff's edits."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from .content_files import CONTENT_DIR, ContentError, read_articles, read_vocabulary
from .models import Article, CareThresholds, RedFlag, Remedy, RiskFactor, Trigger

CHANGE_REASON = "Loaded from the content files"
REVIEW_INTERVAL = timedelta(days=365)
VOCABULARY_MODELS = {
    "trigger": Trigger,
    "remedy": Remedy,
    "red_flag": RedFlag,
    "risk_factor": RiskFactor,
}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_staff_edits: list[str] = field(default_factory=list)


def edited_by_staff(row):
    """True when the newest change to ``row`` was made by a person (in the admin),
    not by a migration or this loader, which record no user."""
    latest = row.history.order_by("-history_date", "-history_id").first()
    return latest is not None and latest.history_user_id is not None


@transaction.atomic
def load_guidance(content_dir=CONTENT_DIR):
    """Create what is missing and update what staff have not changed since the last load.

    All or nothing: a content error raises ContentError and saves nothing.
    """
    report = LoadReport()
    articles = {}
    for article_file in read_articles(content_dir):
        values = {
            "title": article_file.title,
            "section": article_file.section,
            "order": article_file.order,
            "summary": article_file.summary.strip(),
            "body": article_file.body,
            "sources": "\n".join(article_file.sources),
            "status": Article.Status.PUBLISHED,
            "last_reviewed": article_file.written_on,
            "next_review_due": article_file.written_on + REVIEW_INTERVAL,
        }
        articles[article_file.slug] = _load_row(
            Article,
            {"slug": article_file.slug},
            values,
            report,
            label=f"article {article_file.slug}",
        )

    vocabulary = read_vocabulary(content_dir)
    for table, model in VOCABULARY_MODELS.items():
        for entry in vocabulary[table]:
            values = {key: value for key, value in entry.items() if key != "slug"}
            if "article" in values:
                slug = values["article"]
                if slug not in articles:
                    raise ContentError(
                        f"vocabulary.toml: [[{table}]] {entry['slug']!r} names article "
                        f"{slug!r}, which has no file."
                    )
                values["article"] = articles[slug]
            key = {"slug": entry["slug"]}
            _load_row(model, key, values, report, label=f"{table} {entry['slug']}")

    if vocabulary["thresholds"]:
        _load_row(
            CareThresholds, {"pk": 1}, vocabulary["thresholds"], report, label="care thresholds"
        )
    return report


def _load_row(model, key, values, report, *, label):
    """Create, update or leave the row of ``model`` whose fields match ``key``."""
    row = model.objects.filter(**key).first()
    if row is None:
        row = model(**key)
        outcome = report.created
    elif all(getattr(row, name) == value for name, value in values.items()):
        report.unchanged.append(label)
        return row
    elif edited_by_staff(row):
        report.kept_staff_edits.append(label)
        return row
    else:
        outcome = report.updated
    _assign(row, values, label)
    _save(row, label)
    outcome.append(label)
    return row


def _assign(row, values, label):
    for name, value in values.items():
        if name not in {f.name for f in row._meta.concrete_fields}:
            raise ContentError(f"{label}: unknown field {name!r}.")
        setattr(row, name, value)


def _save(row, label):
    try:
        row.full_clean(exclude=["created_at"] if isinstance(row, Article) else None)
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise ContentError(f"{label}: {problems}") from error
    row._change_reason = CHANGE_REASON
    row.save()
