"""Vocabulary recorded in journals is never deleted from under them."""

from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from guidance.models import RedFlag, Trigger


@receiver(pre_delete, sender=Trigger)
@receiver(pre_delete, sender=RedFlag)
def keep_recorded_vocabulary(sender, instance, **kwargs):
    # Deleting would silently remove it from people's episodes (the M2M rows cascade);
    # the admin only offers "inactive" for these, and this guards every other path.
    if instance.episodes.exists():
        raise ProtectedError(
            f"{instance} is recorded in journals; make it inactive instead of deleting it.",
            set(),
        )
