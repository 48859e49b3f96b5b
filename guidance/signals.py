"""Every saved or deleted piece of guidance content gives the content a new version."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from simple_history.models import HistoricalChanges

from .models import ContentVersion


def content_changed(sender, using=None, **kwargs):
    ContentVersion.bump(using=using)


def links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        ContentVersion.bump(using=using)


def connect(app_config):
    """Watch every content model of the app, those added later included. History rows
    are written with the change they record, which already gives a new version."""
    for model in app_config.get_models():
        if model is ContentVersion or issubclass(model, HistoricalChanges):
            continue
        uid = f"guidance-content-{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                links_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}"
            )
