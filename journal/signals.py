from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from guidance.models import RedFlag, Trigger

from .caching import journal_changed
from .models import Episode, RemedyUse


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


# --- Every change to a journal gives it a new version (journal.caching) -------------------
# Signals catch saves and deletes however they are made; bulk_create sends none, so bulk
# writers call journal_changed themselves.


def _whole_account_going(origin) -> bool:
    # Deleting an account deletes its profile too: there is no version left to replace,
    # and replacing it once per episode would make deleting a long journal slow.
    model = getattr(origin, "model", type(origin))
    return model is get_user_model()


@receiver(post_save, sender=Episode)
@receiver(post_delete, sender=Episode)
def episode_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and not _whole_account_going(origin):
        journal_changed(instance.user_id)


@receiver(post_save, sender=RemedyUse)
@receiver(post_delete, sender=RemedyUse)
def remedy_use_changed(sender, instance, raw=False, origin=None, **kwargs):
    if not raw and not _whole_account_going(origin):
        owners = Episode.objects.filter(pk=instance.episode_id).values_list("user_id", flat=True)
        journal_changed(*owners)


@receiver(m2m_changed, sender=Episode.triggers.through)
@receiver(m2m_changed, sender=Episode.red_flags.through)
def episode_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        journal_changed(instance.user_id)
        return
    # From the trigger's or red flag's side: the episodes in pk_set or, on clear, every
    # episode that had it.
    episodes = Episode.objects.filter(pk__in=pk_set) if pk_set else instance.episodes.all()
    journal_changed(*episodes.values_list("user_id", flat=True).distinct())
