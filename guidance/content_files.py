"""Reading the starting content files: Markdown articles with TOML front matter, and
one TOML vocabulary file. Pure parsing; nothing here touches the database."""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FRONT_MATTER_FENCE = "+++"
ARTICLE_KEYS = {"slug", "title", "section", "order", "summary", "written_on", "sources"}
VOCABULARY_TABLES = ("trigger", "remedy", "red_flag", "risk_factor")


class ContentError(ValueError):
    """A content file that cannot be loaded, with the file and the reason."""


@dataclass
class ArticleFile:
    slug: str
    title: str
    section: str
    order: int
    summary: str
    written_on: date
    sources: list[str]
    body: str
    path: Path = field(repr=False)


def read_article(path):
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentError(f"{path.name}: must start with a '+++' line of TOML front matter.")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "+++")
    except StopIteration:
        raise ContentError(f"{path.name}: the front matter has no closing '+++' line.") from None
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: front matter is not valid TOML ({error}).") from error
    missing = ARTICLE_KEYS - meta.keys()
    if missing:
        raise ContentError(f"{path.name}: front matter lacks {', '.join(sorted(missing))}.")
    unknown = meta.keys() - ARTICLE_KEYS
    if unknown:
        raise ContentError(f"{path.name}: unknown front matter keys {', '.join(sorted(unknown))}.")
    if not isinstance(meta["written_on"], date):
        raise ContentError(f"{path.name}: written_on must be a TOML date such as 2026-12-02.")
    body = "\n".join(lines[end + 1 :]).strip() + "\n"
    return ArticleFile(**meta, body=body, path=path)


def read_articles(content_dir=CONTENT_DIR):
    paths = sorted((Path(content_dir) / "articles").glob("*.md"))
    articles = [read_article(path) for path in paths]
    seen = {}
    for article in articles:
        if article.slug in seen:
            raise ContentError(
                f"{article.path.name}: slug {article.slug!r} is also used by "
                f"{seen[article.slug].name}."
            )
        seen[article.slug] = article.path
    return articles


def read_vocabulary(content_dir=CONTENT_DIR):
    """{"thresholds": {...}, "trigger": [...], "remedy": [...], ...} from vocabulary.toml."""
    path = Path(content_dir) / "vocabulary.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: not valid TOML ({error}).") from error
    unknown = data.keys() - {"thresholds", *VOCABULARY_TABLES}
    if unknown:
        raise ContentError(f"{path.name}: unknown tables {', '.join(sorted(unknown))}.")
    vocabulary = {"thresholds": data.get("thresholds", {})}
    for table in VOCABULARY_TABLES:
        entries = data.get(table, [])
        slugs = [entry.get("slug") for entry in entries]
        if None in slugs:
            raise ContentError(f"{path.name}: every [[{table}]] needs a slug.")
        duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
        if duplicates:
            raise ContentError(
                f"{path.name}: [[{table}]] slugs used twice: {', '.join(sorted(duplicates))}."
            )
        vocabulary[table] = entries
    return vocabulary
