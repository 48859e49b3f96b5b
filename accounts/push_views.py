"""This person's devices for check-in notifications: one added from static/js/push.js,
one removed from Settings."""

from django.contrib import messages
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .decorators import login_required_warn_unsaved
from .models import PushSubscription
from .push import SubscriptionError, parse_subscription, push_configured


@require_POST
def push_subscribe(request):
    """Store the subscription a browser's PushManager gave (JSON); answers in JSON."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": "You have been logged out. Log in again, then turn notifications on."},
            status=401,
        )
    if not push_configured():
        return JsonResponse({"error": "Notifications are not set up on this site."}, status=404)
    try:
        subscription = parse_subscription(request.body)
    except SubscriptionError as error:
        return JsonResponse({"error": f"Notifications were not turned on: {error}"}, status=400)
    with transaction.atomic():
        # A browser has one endpoint whoever is logged in: the latest person to turn
        # notifications on in it is the one they are for.
        device, created = PushSubscription.objects.update_or_create(
            endpoint=subscription.endpoint,
            defaults={
                "user": request.user,
                "p256dh": subscription.p256dh,
                "auth": subscription.auth,
                "label": subscription.label,
            },
        )
    # Shown by the Settings page that static/js/push.js reloads.
    messages.success(request, f"Check-in notifications are on for “{device}”.")
    return JsonResponse(
        {"message": "Notifications are on for this device.", "device": str(device)},
        status=201 if created else 200,
    )


@login_required_warn_unsaved(after_login="accounts:account_settings")
@require_POST
def push_device_remove(request, pk):
    device = get_object_or_404(PushSubscription, pk=pk, user=request.user)
    device.delete()
    messages.success(request, f"Removed “{device}”: it gets no more check-in notifications.")
    return redirect("accounts:account_settings")
