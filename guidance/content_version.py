"""The version of guidance content: one token, replaced by every write to the content.

Saves and deletes of single objects replace it through guidance.signals; bulk writes,
which send no signals, through ``ContentQuerySet``, the base of every content model's
queryset.
"""

import uuid

from django.db import models, transaction


class ContentVersion(models.Model):
    """One row whose token is replaced by every write to guidance content.

    The journal keys what it caches by it, so a staff edit shows at once. A random token,
    not a counter: a database restored from a backup brings back a token whose cached
    values match it.
    """

    token = models.CharField(max_length=32, default="")

    class Meta:
        default_permissions = ()  # kept by the site itself, never edited by staff

    def __str__(self):
        return f"Guidance content version {self.token}"

    @classmethod
    def bump(cls, using=None):
        token = uuid.uuid4().hex
        rows = cls.objects.using(using)
        if not rows.filter(pk=1).update(token=token):
            rows.update_or_create(pk=1, defaults={"token": token})


class ContentQuerySet(models.QuerySet):
    """Bulk writes, which send no signals, give the content a new version too (saves and
    deletes of single objects do through guidance.signals)."""

    def _then_bump(self, write, *args, **kwargs):
        with transaction.atomic(using=self.db):
            result = write(*args, **kwargs)
            ContentVersion.bump(using=self.db)
        return result

    def update(self, **kwargs):
        return self._then_bump(super().update, **kwargs)

    def delete(self):
        return self._then_bump(super().delete)

    def bulk_create(self, *args, **kwargs):
        return self._then_bump(super().bulk_create, *args, **kwargs)

    def bulk_update(self, *args, **kwargs):
        return self._then_bump(super().bulk_update, *args, **kwargs)
