"""Staff editing of guidance content. Every change is kept by django-simple-history."""

from . import articles, history, staff, thresholds, vocabulary

__all__ = ["articles", "history", "staff", "thresholds", "vocabulary"]
