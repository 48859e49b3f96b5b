"""Every write to a journal, each giving it a new version in the same transaction.

The journal's cached pages are keyed by ``Profile.journal_version`` (journal.caching), so
this module is the one owner of that key: views, the import, the demo data and account
deletion change episodes only through the functions here, and each one calls
``journal_changed`` inside its transaction, which also rebuilds the journal's summary
(journal.summaries). A reader then sees either the old episodes with the old version and
summary or the new ones with the new.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.models import Profile

from .models import (
    Episode,
    PainReading,
    PersonalRemedy,
    PersonalRemedyUse,
    PersonalTrigger,
    RemedyUse,
)
from .personal import find_or_add
from .summaries import journal_changed


def _keep_peak(episode):
    """Make the episode's severity the highest of its readings (call inside the write)."""
    peak = episode.readings.aggregate(peak=Max("severity"))["peak"]
    if peak is not None and peak != episode.severity:
        episode.severity = peak
        Episode.objects.filter(pk=episode.pk).update(severity=peak)


def _save_readings(episode, old_start, worst):
    """Keep the readings in step with an episode saved from its form.

    A new episode gets one reading at its start. On an edit the reading taken at the old
    start moves with the start, and a changed worst pain is written to the highest reading
    (EpisodeForm has checked that no other reading is higher).
    """
    readings = list(episode.readings.all())
    if not readings:
        PainReading.objects.create(episode=episode, taken_at=episode.started_at, severity=worst)
        return
    for reading in readings:
        if reading.taken_at == old_start and old_start != episode.started_at:
            reading.taken_at = episode.started_at
            reading.save(update_fields=["taken_at"])
    peak = max(readings, key=lambda r: (r.severity, r.taken_at))
    if peak.severity != worst:
        peak.severity = worst
        peak.save(update_fields=["severity"])
    _keep_peak(episode)


@transaction.atomic
def episode_save(*, user, form):
    """Save a valid EpisodeForm for ``user`` with its readings and remedy uses.

    The owner always comes from the request, never from posted data.
    """
    # The form has already put the new start on the instance; the old one is in the table.
    old_start = (
        Episode.objects.filter(pk=form.instance.pk).values_list("started_at", flat=True).first()
    )
    episode = form.save(commit=False)
    episode.user = user
    episode.save()
    form.save_m2m()
    _save_readings(episode, old_start, form.cleaned_data["severity"])
    if form.new_own_trigger:
        episode.personal_triggers.add(
            find_or_add(PersonalTrigger, user=user, name=form.new_own_trigger)
        )
    answers = _with_new_own_remedies(user, form.remedy_answers())
    episode.remedy_uses.exclude(remedy__in=list(answers.reviewed)).delete()
    episode.personal_remedy_uses.exclude(remedy__in=list(answers.own)).delete()
    _write_remedy_answers(episode, answers)
    journal_changed(user.pk, episodes=[episode.pk])
    return episode


def _with_new_own_remedies(user, answers):
    """The answers with each newly named remedy added as the person's own (call inside
    the write)."""
    for name, effect in answers.new_own.items():
        answers.own[find_or_add(PersonalRemedy, user=user, name=name)] = effect
    answers.new_own = {}
    return answers


def _write_remedy_answers(episode, answers):
    for remedy, effect in answers.reviewed.items():
        RemedyUse.objects.update_or_create(
            episode=episode, remedy=remedy, defaults={"effect": effect}
        )
    for remedy, effect in answers.own.items():
        PersonalRemedyUse.objects.update_or_create(
            episode=episode, remedy=remedy, defaults={"effect": effect}
        )


# A second "Log it now" saying the same within this long is the first one again: a double
# tap, or a form sent twice on a slow connection.
QUICK_LOG_REPEAT_WINDOW = datetime.timedelta(minutes=2)

QUICK_LOG_NEW = "new"  # a new episode, starting now
QUICK_LOG_READING = "reading"  # a reading added to the episode going on in the same place
QUICK_LOG_REPEAT = "repeat"  # the same as a moment ago: nothing added


def _episode_for(user, location, at):
    """The person's episode in that place going on at ``at``, else the one going on now."""
    mine = Episode.objects.for_user(user).filter(location=location).order_by("-started_at", "-id")
    covering = mine.filter(started_at__lte=at).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=at)
    )
    return covering.first() or mine.ongoing().first()


@transaction.atomic
def episode_quick_log(
    *, user, severity, location, separate=False, when=None, client_key=None
) -> tuple[Episode, str]:
    """ "Log it now": (the episode, what happened: QUICK_LOG_NEW, _READING or _REPEAT).

    An episode going on in the same place gets a reading rather than a second episode,
    unless the person says this one is ``separate``. A log kept on the phone while it was
    offline arrives later with the time it was made (``when``) and the phone's
    ``client_key``: the episode it starts carries the key, so sending it again finds that
    episode, and a reading it added is found again by its time and pain.
    """
    # Taking the profile's row lock makes two of the same person's quick logs take turns
    # (SQLite's write lock already does), so both cannot miss each other.
    Profile.objects.select_for_update().filter(user=user).first()
    if client_key is not None:
        sent = Episode.objects.for_user(user).filter(client_key=client_key).first()
        if sent is not None:
            return sent, QUICK_LOG_REPEAT
    at = when or timezone.now()
    recently = {
        "taken_at__gte": at - QUICK_LOG_REPEAT_WINDOW,
        "taken_at__lte": at + QUICK_LOG_REPEAT_WINDOW,
    }
    ongoing = _episode_for(user, location, at)
    if ongoing is not None and not separate:
        if ongoing.readings.filter(severity=severity, **recently).exists():
            return ongoing, QUICK_LOG_REPEAT
        if at < ongoing.started_at:
            # Logged on the phone before this episode was begun elsewhere: it began then.
            Episode.objects.filter(pk=ongoing.pk).update(started_at=at)
        reading_add(episode=ongoing, severity=severity, when=at)
        ongoing.refresh_from_db(fields=["severity", "started_at"])
        return ongoing, QUICK_LOG_READING
    if (
        ongoing is not None
        and ongoing.started_at >= recently["taken_at__gte"]
        and ongoing.severity == severity
    ):
        return ongoing, QUICK_LOG_REPEAT
    try:
        # A savepoint: the same key sent twice at once is refused by the database's
        # unique constraint, and the first one's episode is the answer.
        with transaction.atomic():
            episode = Episode.objects.create(
                user=user,
                started_at=at,
                severity=severity,
                location=location,
                client_key=client_key,
            )
    except IntegrityError:
        if client_key is None:
            raise
        return Episode.objects.for_user(user).get(client_key=client_key), QUICK_LOG_REPEAT
    PainReading.objects.create(episode=episode, taken_at=at, severity=severity)
    journal_changed(user.pk, episodes=[episode.pk])  # its CSV line written now
    return episode, QUICK_LOG_NEW


@transaction.atomic
def reading_add(*, episode, severity, when=None) -> PainReading:
    """Add a "how bad is it now" reading to an episode; its worst pain follows."""
    reading = PainReading.objects.create(
        episode=episode, taken_at=when or timezone.now(), severity=severity
    )
    _keep_peak(episode)
    journal_changed(episode.user_id, episodes=[episode.pk])
    return reading


@transaction.atomic
def episode_add_red_flags(*, episode, red_flags):
    """Add warning signs reported after a quick log (ones already noted stay)."""
    episode.red_flags.add(*red_flags)
    journal_changed(episode.user_id, episodes=[episode.pk])


@transaction.atomic
def episode_set_remedy_effects(*, episode, answers):
    """Record how much each remedy tried helped (a RemedyAnswers); others stay as they were."""
    _write_remedy_answers(episode, _with_new_own_remedies(episode.user, answers))
    journal_changed(episode.user_id, episodes=[episode.pk])


@transaction.atomic
def episode_end(*, episode, when=None):
    """Mark an ongoing episode as eased; never before it started."""
    when = when or timezone.now()
    episode.ended_at = max(when, episode.started_at)
    episode.save(update_fields=["ended_at", "updated_at"])
    journal_changed(episode.user_id, episodes=[episode.pk])
    return episode


@transaction.atomic
def episode_delete(*, episode):
    """Delete one episode with its remedy uses and links."""
    episode.delete()  # its CSV line goes with it
    journal_changed(episode.user_id, episodes=())


@transaction.atomic
def episodes_delete_all(*, user):
    """Empty a person's journal (the demo account is reset this way)."""
    Episode.objects.for_user(user).delete()
    journal_changed(user.pk, episodes=())


@transaction.atomic
def account_delete(*, user):
    """Delete an account with its whole journal and its profile.

    The profile that holds the journal's version goes too, so there is no version left
    to replace: nothing cached under it can be reached again.
    """
    user.delete()  # episodes, remedy uses, share links and the profile go (CASCADE)


BULK_BATCH_SIZE = 500


@transaction.atomic
def episodes_bulk_add(*, user, drafts):
    """Add many episodes with their triggers, red flags and remedies in a few queries.

    Each draft has the episode's fields plus ``trigger_ids``, ``red_flag_ids``,
    ``remedy_effects`` ({remedy_id: effect} or (remedy_id, effect) pairs) and optionally
    ``readings`` ((taken_at, severity) pairs, the highest equal to its severity),
    ``own_trigger_ids`` and ``own_remedy_effects`` ((personal remedy id, effect) pairs)
    for the person's own. Callers have validated them (the CSV import, the demo data);
    ids must exist and be the person's.
    """
    drafts = list(drafts)
    episodes = Episode.objects.bulk_create(
        [
            Episode(
                user=user,
                started_at=draft.started_at,
                ended_at=draft.ended_at,
                severity=draft.severity,
                location=draft.location,
                side=draft.side,
                notes=draft.notes,
            )
            for draft in drafts
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    trigger_links, flag_links, uses, readings = [], [], [], []
    own_trigger_links, own_uses = [], []
    for episode, draft in zip(episodes, drafts, strict=True):
        trigger_links += [
            Episode.triggers.through(episode_id=episode.pk, trigger_id=pk)
            for pk in draft.trigger_ids
        ]
        flag_links += [
            Episode.red_flags.through(episode_id=episode.pk, redflag_id=pk)
            for pk in draft.red_flag_ids
        ]
        uses += [
            RemedyUse(episode_id=episode.pk, remedy_id=pk, effect=effect)
            for pk, effect in dict(draft.remedy_effects).items()
        ]
        own_trigger_links += [
            Episode.personal_triggers.through(episode_id=episode.pk, personaltrigger_id=pk)
            for pk in getattr(draft, "own_trigger_ids", ())
        ]
        own_uses += [
            PersonalRemedyUse(episode_id=episode.pk, remedy_id=pk, effect=effect)
            for pk, effect in dict(getattr(draft, "own_remedy_effects", ())).items()
        ]
        # A draft without readings of its own has one at its start, at its worst pain.
        taken = getattr(draft, "readings", None) or [(draft.started_at, draft.severity)]
        readings += [
            PainReading(episode_id=episode.pk, taken_at=taken_at, severity=severity)
            for taken_at, severity in taken
        ]
    Episode.triggers.through.objects.bulk_create(trigger_links, batch_size=BULK_BATCH_SIZE)
    Episode.red_flags.through.objects.bulk_create(flag_links, batch_size=BULK_BATCH_SIZE)
    RemedyUse.objects.bulk_create(uses, batch_size=BULK_BATCH_SIZE)
    PainReading.objects.bulk_create(readings, batch_size=BULK_BATCH_SIZE)
    Episode.personal_triggers.through.objects.bulk_create(
        own_trigger_links, batch_size=BULK_BATCH_SIZE
    )
    PersonalRemedyUse.objects.bulk_create(own_uses, batch_size=BULK_BATCH_SIZE)
    journal_changed(user.pk, episodes=())  # the first export writes the new lines
    return episodes


@transaction.atomic
def personal_rename(*, entry, name):
    """Rename one of a person's own triggers or remedies; every episode naming it follows."""
    entry.name = name
    entry.save(update_fields=["name"])
    journal_changed(entry.user_id)  # rows name it own:Name: all the person's lines go


@transaction.atomic
def personal_set_active(*, entry, active):
    """Retire one of a person's own triggers or remedies (no longer offered; the episodes
    naming it keep it), or bring it back."""
    entry.active = active
    entry.save(update_fields=["active"])
    journal_changed(entry.user_id, episodes=())  # the episodes naming it keep it
