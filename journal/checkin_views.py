"""The check-in page a check-in email or notification opens: one tap says how bad it is
now, or that it has gone."""

from django.shortcuts import render
from django.utils import timezone

from accounts.decorators import login_required_warn_unsaved

from .assessment import assess
from .charts import number_word
from .checkins import heads_up_day
from .forms import QuickLogForm
from .models import CheckinSent, Episode
from .still_going import ongoing_with_checks


@login_required_warn_unsaved
def checkin(request):
    episodes = Episode.objects.for_user(request.user)
    ongoing = ongoing_with_checks(episodes, timezone.now())
    sent = CheckinSent.objects.filter(user=request.user, local_date=timezone.localdate()).first()
    kind = sent.kind if sent else CheckinSent.Kind.DAILY
    assessment = assess(request.user)
    heads_up = (
        kind == CheckinSent.Kind.HEADS_UP
        and assessment.current_bout is not None
        and assessment.current_bout.ongoing
        and assessment.bout_days == heads_up_day(assessment.threshold_days)
    )
    return render(
        request,
        "journal/checkin.html",
        {
            "ongoing": ongoing,
            "still_going_asked": kind == CheckinSent.Kind.STILL_GOING,
            "heads_up": heads_up,
            "assessment": assessment,
            "days_left": number_word(assessment.days_left or 0),
            "quick_form": QuickLogForm(),
        },
    )
