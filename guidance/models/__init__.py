"""Reviewed knowledge: articles, the vocabularies the journal offers, and the rules.

Staff edit everything here in the admin; django-simple-history keeps every change.
"""

from ..content_version import ContentQuerySet, ContentVersion
from .articles import (
    CLINICAL_REVIEWERS,
    EDITORIAL_TEAM,
    READING_ORDER,
    REVIEW_INTERVAL,
    Article,
    ArticleQuerySet,
    normalise_newlines,
    parse_source,
    validate_sources,
)
from .staff import StaffProfile
from .thresholds import CareThresholds
from .vocabulary import RedFlag, Remedy, RiskFactor, Trigger, Vocabulary, VocabularyQuerySet

__all__ = [
    "CLINICAL_REVIEWERS",
    "EDITORIAL_TEAM",
    "READING_ORDER",
    "REVIEW_INTERVAL",
    "Article",
    "ArticleQuerySet",
    "CareThresholds",
    "ContentQuerySet",
    "ContentVersion",
    "RedFlag",
    "Remedy",
    "RiskFactor",
    "StaffProfile",
    "Trigger",
    "Vocabulary",
    "VocabularyQuerySet",
    "normalise_newlines",
    "parse_source",
    "validate_sources",
]
