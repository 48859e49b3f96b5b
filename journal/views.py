"""The journal: a person's own episodes, and how they compare with the care rules.

Every view reaches episodes through ``Episode.objects.for_user(request.user)``, so
another person's episode is a 404, never a leak.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import login_required_warn_unsaved, wants_json
from guidance.levels import CareLevel

from . import chart_drawings, services
from .assessment import assess
from .caching import cached, journal_state
from .forms import (
    EaseForm,
    EpisodeFilterForm,
    EpisodeForm,
    QuickLogForm,
    ReadingForm,
    RemediesForm,
    WarningSignsForm,
)
from .joined import joined_per_episode, split_sorted
from .models import Episode, PersonalRemedyUse, RemedyUse
from .periods import short_date
from .prepared import PreparedQuery
from .still_going import ease_choices, ongoing_episodes, with_checks
from .versions import EpisodeChanged, lock_unchanged

EPISODES_PER_PAGE = 25
RECENT_EPISODES = 5


@dataclass(frozen=True)
class EpisodeRow:
    """One line of an episode table, its words worked out here rather than in the template
    (a page of rows formats faster in Python)."""

    url: str
    started: str
    severity: int
    where: str
    triggers: str
    ongoing: bool
    lasted: str


# Trigger names are staff-edited words, or a person's own (journal.personal refuses
# control characters in those); a control character never occurs in them.
_NAME_SEPARATOR = "\x1f"


def _short_moment(moment) -> str:
    """12 Mar 2026, 14:05: what Django's "j M Y, H:i" gives, without its per-call lookups."""
    return f"{short_date(moment)}, {moment:%H:%M}"


def with_trigger_names(episodes):
    """Episodes with their trigger names, reviewed and their own, joined in the same query
    (`trigger_names`, `own_trigger_names`)."""
    return episodes.annotate(
        trigger_names=joined_per_episode(
            Episode.triggers.through, "trigger__name", _NAME_SEPARATOR
        ),
        own_trigger_names=joined_per_episode(
            Episode.personal_triggers.through, "personaltrigger__name", _NAME_SEPARATOR
        ),
    )


def episode_rows(episodes) -> list[EpisodeRow]:
    """Table rows for episodes read through `with_trigger_names`."""
    rows = []
    for episode in episodes:
        where = episode.get_location_display()
        if episode.side:
            where += f" ({episode.get_side_display().lower()})"
        triggers = split_sorted(episode.trigger_names, _NAME_SEPARATOR, key=str.casefold)
        triggers += split_sorted(episode.own_trigger_names, _NAME_SEPARATOR, key=str.casefold)
        rows.append(
            EpisodeRow(
                url=episode.get_absolute_url(),
                started=_short_moment(timezone.localtime(episode.started_at)),
                severity=episode.severity,
                where=where,
                triggers=", ".join(triggers),
                ongoing=episode.is_ongoing,
                lasted=""
                if episode.is_ongoing
                else timeuntil(episode.ended_at, episode.started_at),
            )
        )
    return rows


# The dashboard's latest episodes with their trigger names, its SQL written once.
_LATEST = PreparedQuery(
    Episode,
    lambda user_id: with_trigger_names(Episode.objects.filter(user_id=user_id))[:RECENT_EPISODES],
)


def _posted(request):
    """The posted data, or None on a GET: a POST with nothing in it is still an answer."""
    return request.POST if request.method == "POST" else None


def _user_episode(request, pk):
    return get_object_or_404(Episode.objects.for_user(request.user), pk=pk)


def _with_details(episodes):
    return episodes.prefetch_related(
        "triggers",
        "personal_triggers",
        "red_flags",
        "readings",
        Prefetch("remedy_uses", queryset=RemedyUse.objects.select_related("remedy")),
        Prefetch(
            "personal_remedy_uses", queryset=PersonalRemedyUse.objects.select_related("remedy")
        ),
    )


def _warn_about_red_flags(request, episode, already_shown=frozenset()):
    """Put the advice for each warning sign at the top of the next page, unless that page
    already gives it (`already_shown`: slugs)."""
    flags = sorted(
        (flag for flag in episode.red_flags.all() if flag.slug not in already_shown),
        key=lambda flag: flag.level.rank,
        reverse=True,
    )
    for flag in flags:
        if flag.level == CareLevel.EMERGENCY:
            messages.error(
                request,
                f"{flag.name}: {flag.advice} Call your local emergency number now.",
                extra_tags="red-flag",
            )
        elif flag.level.cannot_wait:
            messages.error(request, f"{flag.name}: {flag.advice}", extra_tags="red-flag")
        else:
            messages.warning(request, f"{flag.name}: {flag.advice}")


def _red_flags_on_dashboard(user) -> frozenset[str]:
    """The warning signs whose advice the dashboard's assessment gives (the current
    bout's, and any that cannot wait reported today); the assessment is cached, so the
    dashboard that follows reuses it."""
    return frozenset(reason.red_flag for reason in assess(user).reasons if reason.red_flag)


def _follow_up(request, episodes):
    """The episode just quick-logged (``?logged=<id>``), for the optional questions after it."""
    logged = request.GET.get("logged", "")
    if not logged.isascii() or not logged.isdigit() or len(logged) > 18:
        return None
    return episodes.ongoing().filter(pk=int(logged)).first()


def _render_dashboard(request, quick_form, status=200):
    user = request.user
    episodes = Episode.objects.for_user(user)
    # The open episodes and the latest few change only with the journal: kept under its
    # version (journal.caching), so a dashboard viewed again reads neither.
    state = journal_state(user)
    ongoing = with_checks(
        cached(user, state, "dashboard-ongoing", (), lambda: ongoing_episodes(episodes)),
        timezone.now(),
    )
    recent = cached(
        user, state, "dashboard-recent", (), lambda: episode_rows(_LATEST.rows(user.pk))
    )
    context = {
        "assessment": assess(user, state=state),
        "ongoing": ongoing,
        "unconfirmed": [episode for episode in ongoing if episode.needs_check],
        "ongoing_places": {episode.location for episode in ongoing},
        "recent": recent,
        "quick_form": quick_form,
        # "About you" is offered until it is answered or skipped.
        "ask_about_you": state is not None and state.about_you_open,
        "follow_up": _follow_up(request, episodes),
        "asked": request.GET.get("asked", ""),
    }
    return render(request, "journal/dashboard.html", context, status=status)


@login_required_warn_unsaved
def dashboard(request):
    return _render_dashboard(request, QuickLogForm())


def _moment(moment) -> str:
    """Tue 08:14, in the person's zone: how the journal names a recent moment."""
    return f"{timezone.localtime(moment):%a %H:%M}"


KEPT_FOR_SOMEONE_ELSE = (
    "This log was kept on this phone by someone else. It will be sent when they log in."
)


def _quick_log_message(outcome, episode, severity, when):
    """What a quick log did, in words: (a messages level, the sentence)."""
    where = episode.get_location_display().lower()
    if outcome == services.QUICK_LOG_NEW:
        start = f"at {_moment(when)}" if when else "now"
        return messages.SUCCESS, f"Logged: {where}, {severity}/10, starting {start}."
    if outcome == services.QUICK_LOG_READING:
        return messages.SUCCESS, (
            f"Added to the {where} episode going on since {_moment(episode.started_at)}: "
            f"{severity}/10 {'at ' + _moment(when) if when else 'now'} "
            f"(worst {episode.severity}/10). One episode, not two."
        )
    return messages.INFO, (
        f"Already logged at {_moment(when or timezone.now())}: {where}, {severity}/10. "
        "One episode, not two."
    )


@login_required_warn_unsaved(after_login="journal:dashboard")
@require_POST
def quick_log(request):
    """ "Log it now", from the form; or, asking for JSON, a log the phone kept offline."""
    form = QuickLogForm(request.POST)
    as_json = wants_json(request)
    if as_json and request.POST.get("owner", str(request.user.pk)) != str(request.user.pk):
        # Kept on a phone shared with someone else: it waits there for its owner.
        return JsonResponse({"message": KEPT_FOR_SOMEONE_ELSE}, status=409)
    if not form.is_valid():
        if as_json:
            errors = [error for field in form.errors.values() for error in field]
            return JsonResponse({"message": " ".join(errors)}, status=400)
        return _render_dashboard(request, form, status=400)
    data = form.cleaned_data
    episode, outcome = services.episode_quick_log(
        user=request.user,
        severity=data["severity"],
        location=data["location"],
        separate=data["separate"],
        when=data["logged_at"],
        client_key=data["client_key"],
    )
    level, text = _quick_log_message(outcome, episode, data["severity"], data["logged_at"])
    if as_json:
        status = 201 if outcome == services.QUICK_LOG_NEW else 200
        return JsonResponse({"outcome": outcome, "message": text}, status=status)
    messages.add_message(request, level, text)
    if outcome == services.QUICK_LOG_REPEAT:
        return redirect("journal:dashboard")
    return redirect(f"{reverse('journal:dashboard')}?logged={episode.pk}")


def _after_episode_action(request, episode):
    if request.POST.get("next") == "detail":
        return redirect(episode)
    return redirect("journal:dashboard")


@login_required_warn_unsaved(after_login="journal:dashboard")
@require_POST
def reading_add(request, pk):
    episode = _user_episode(request, pk)
    form = ReadingForm(request.POST)
    if not episode.is_ongoing:
        messages.error(
            request,
            "That episode has already eased, so nothing was added. "
            "To change its worst pain, edit the episode.",
        )
    elif not form.is_valid():
        messages.error(request, f"Nothing was added: {form.errors['severity'][0]}")
    else:
        severity = form.cleaned_data["severity"]
        services.reading_add(episode=episode, severity=severity)
        if request.POST.get("still_going"):
            messages.success(request, f"Thanks. Still going, {severity}/10 now.")
        else:
            messages.success(request, f"Added: {severity}/10 now.")
    return _after_episode_action(request, episode)


def _back_to_follow_up(episode, asked):
    """The dashboard, with the other question after a quick log still one tap away."""
    query = f"?logged={episode.pk}&asked={asked}" if episode.is_ongoing else ""
    return redirect(reverse("journal:dashboard") + query)


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def episode_warning_signs(request, pk):
    episode = _user_episode(request, pk)
    form = WarningSignsForm(_posted(request), episode=episode)
    if request.method == "POST" and "none" in request.POST:
        messages.success(request, "Thanks: no warning signs.")
        return _back_to_follow_up(episode, "signs")
    if request.method == "POST" and form.is_valid():
        flags = form.cleaned_data["red_flags"]
        services.episode_add_red_flags(episode=episode, red_flags=flags)
        if flags:
            _warn_about_red_flags(request, episode, _red_flags_on_dashboard(request.user))
        else:
            messages.success(request, "Thanks: no warning signs.")
        return _back_to_follow_up(episode, "signs")
    return render(
        request,
        "journal/episode_warning_signs.html",
        {"episode": episode, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def episode_remedies(request, pk):
    episode = _user_episode(request, pk)
    form = RemediesForm(_posted(request), episode=episode)
    if request.method == "POST" and form.is_valid():
        answers = form.remedy_answers()
        services.episode_set_remedy_effects(episode=episode, answers=answers)
        messages.success(
            request, "Saved what you are trying." if answers else "Nothing tried yet: that is fine."
        )
        return redirect("journal:dashboard")  # the last of the questions
    return render(
        request,
        "journal/episode_remedies.html",
        {"episode": episode, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _filter_form_key(user, query):
    """What the filter bar's HTML depends on: the filters asked for and the trigger list."""
    state = journal_state(user)
    return (state.guidance_version if state else None, query.urlencode())


@login_required_warn_unsaved
def episode_list(request):
    episodes = Episode.objects.for_user(request.user)
    form = EpisodeFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        episodes = form.filter(episodes)
    elif form.is_bound:
        episodes = episodes.none()
    page = Paginator(with_trigger_names(episodes), EPISODES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "journal/episode_list.html",
        {
            "filter_form": form,
            "filter_key": _filter_form_key(request.user, query),
            "page": page,
            "rows": episode_rows(page.object_list),
            "query": query.urlencode(),
        },
    )


@login_required_warn_unsaved
def episode_detail(request, pk):
    episode = get_object_or_404(_with_details(Episode.objects.for_user(request.user)), pk=pk)
    readings = list(episode.readings.all())
    course = ""
    if len(readings) > 1:
        course = chart_drawings.draw_course(
            [f"{timezone.localtime(r.taken_at):%a %d %b %H:%M}" for r in readings],
            [r.severity for r in readings],
        )
    return render(
        request,
        "journal/episode_detail.html",
        {"episode": episode, "readings": readings, "course": course},
    )


def _episode_form_view(request, episode, template_title):
    form = EpisodeForm(request.POST or None, instance=episode)
    if request.method == "POST" and form.is_valid():
        new = episode.pk is None
        try:
            with transaction.atomic():
                if not new:
                    lock_unchanged(episode=episode, version=form.cleaned_data["version"])
                episode = services.episode_save(user=request.user, form=form)
        except EpisodeChanged:
            return _changed_since_opened(request, episode.pk, template_title)
        messages.success(request, "Episode saved.")
        if new:
            # The dashboard's assessment says what the new episode means.
            _warn_about_red_flags(request, episode, _red_flags_on_dashboard(request.user))
            return redirect("journal:dashboard")
        _warn_about_red_flags(request, episode)
        return redirect(episode)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "journal/episode_form.html",
        {"form": form, "episode": episode, "title": template_title},
        status=status,
    )


def _changed_since_opened(request, pk, template_title):
    """The form again, drawn from the episode as it is now; what was sent is not saved."""
    episode = _user_episode(request, pk)
    return render(
        request,
        "journal/episode_form.html",
        {
            "form": EpisodeForm(instance=episode),
            "episode": episode,
            "title": template_title,
            "changed_since_opened": True,
        },
        status=409,
    )


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def episode_create(request):
    return _episode_form_view(request, Episode(user=request.user), "Log an episode")


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def episode_update(request, pk):
    return _episode_form_view(request, _user_episode(request, pk), "Edit episode")


@login_required_warn_unsaved
@require_http_methods(["GET", "POST"])
def episode_delete(request, pk):
    episode = _user_episode(request, pk)
    if request.method == "POST":
        services.episode_delete(episode=episode)
        messages.success(request, "Episode deleted.")
        return redirect("journal:episode_list")
    return render(request, "journal/episode_confirm_delete.html", {"episode": episode})


@login_required_warn_unsaved(after_login="journal:dashboard")
@require_http_methods(["GET", "POST"])
def episode_end(request, pk):
    """ "It eased": when, asked with a few quick choices (now, earlier today, yesterday, a
    time of their own); ``ended_at`` is read in the person's time zone."""
    episode = _user_episode(request, pk)
    if not episode.is_ongoing:
        messages.info(request, "That episode had already ended.")
        return _after_episode_action(request, episode)
    last_reading_at = episode.readings.aggregate(last=Max("taken_at"))["last"]
    form = EaseForm(_posted(request), episode=episode, last_reading_at=last_reading_at)
    if request.method == "POST" and form.is_valid():
        services.episode_end(episode=episode, when=form.cleaned_data["ended_at"])
        ended = timezone.localtime(episode.ended_at)
        messages.success(
            request,
            f"Glad it has eased. The episode is marked as ended on "
            f"{ended:%a} {ended.day} {ended:%b} at {ended:%H:%M}.",
        )
        return _after_episode_action(request, episode)
    return render(
        request,
        "journal/episode_end.html",
        {
            "episode": episode,
            "form": form,
            "choices": ease_choices(episode, last_reading_at, timezone.localtime()),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=400 if request.method == "POST" else 200,
    )
