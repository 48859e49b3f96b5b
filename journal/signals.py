from django.conf import settings
from django.db.models import ProtectedError
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from guidance.models import RedFlag, Trigger

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    # Every account has a profile, however it was made (signup, admin, createsuperuser).
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


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
