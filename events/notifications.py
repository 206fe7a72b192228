"""Sending the queued notifications, in each person's language. Failures stay queued."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Attendance, Notification

logger = logging.getLogger("liaison.events")
MAX_ATTEMPTS = 12
BATCH = 200


def _message(notification: Notification) -> tuple[str, str, str, str]:
    """(recipient, language, subject, body)."""
    if notification.invitation_id:
        invitation = notification.invitation
        recipient, language, name = invitation.email, settings.LANGUAGE_CODE, ""
        context = {"invitation": invitation, "week": invitation.week}
    else:
        registration = notification.registration
        user = registration.user
        recipient, language, name = user.email, user.preferred_language or settings.LANGUAGE_CODE, user.get_full_name()
        attendance = None
        if notification.event_id:  # the attendances came with the batch (prefetched)
            attendance = next((a for a in registration.attendances.all() if a.event_id == notification.event_id), None)
        context = {
            "registration": registration,
            "week": registration.week,
            "event": notification.event,
            "attendance": attendance,
        }
    context.update(name=name, site_url=settings.WAGTAILADMIN_BASE_URL, language=language)
    with translation.override(language):
        subject = render_to_string(f"events/email/{notification.kind}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{notification.kind}.txt", context)
    return recipient, language, f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body


def notifications_send_pending(limit: int = BATCH) -> tuple[int, int]:
    """Send unsent notifications. Returns (sent, failed this run)."""
    sent = failed = 0
    queue = (
        Notification.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .exclude(registration__isnull=False, registration__user__isnull=True)  # anonymised: nobody to tell
        .select_related("registration__user", "registration__week", "invitation__week", "event")
        # Every email lists or names the delegate's events: two queries per batch, not per email.
        .prefetch_related(Prefetch("registration__attendances", queryset=Attendance.objects.select_related("event")))
    )
    for notification in queue[:limit]:
        try:
            recipient, _language, subject, body = _message(notification)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        except Exception as exc:  # the mail server is down or refused: keep it for the next run
            failed += 1
            logger.warning("Notification %s not sent (attempt %s): %s", notification.pk, notification.attempts + 1, exc)
            Notification.objects.filter(pk=notification.pk).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:2000]
            )
            continue
        Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now(), attempts=F("attempts") + 1)
        sent += 1
    return sent, failed
