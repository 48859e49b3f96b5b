"""How hard a page is to read: the Flesch-Kincaid school grade of its text.

Plain Python with a vowel-group syllable count, close enough to tell a grade-6 page from
a grade-11 one. Markdown is read as a reader sees it: headings and list items end a
sentence, link addresses and markup are not words.
"""

import re

# The school grade guidance is written for (at most): plain enough for most adults.
PLAIN_GRADE = 8

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[#*_`>|]+")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n\s*\n|\n(?=\s*(?:[-+*]|\d+\.)\s)")
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().replace("\u2019", "'").split("'")[0]
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # a silent final e: "take", "spine"
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "helped", "tightened"
    return max(count, 1)


def grade_level(markdown_text: str) -> float:
    """Flesch-Kincaid grade level of a Markdown text (0.0 for a text with no words)."""
    text = _MARKUP.sub(" ", _LINK.sub(r"\1", markdown_text))
    sentences = [part for part in _SENTENCE_END.split(text) if _WORD.search(part)]
    words = _WORD.findall(text)
    if not words:
        return 0.0
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllable_count / len(words) - 15.59
