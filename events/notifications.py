"""Sending the queued notifications, in each person's language.

A batch opens one SMTP connection and sends its mails through it. A mail the server refuses
waits before its next try, longer each time (1, 2, 4 … minutes, at most six hours); when the
connection itself fails, the batch stops there, so an outage costs one attempt, not one per
waiting mail. After ``MAX_ATTEMPTS`` a mail is marked failed: it stays in the outbox, listed for
staff with a retry action and counted on /healthz.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import smtplib
import socket

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.mail import portal_email

from .ical import registration_calendar
from .models import Attendance, Notification

logger = logging.getLogger("liaison.events")
MAX_ATTEMPTS = 10  # with the backoff below, about 8½ hours of trying
BATCH = 200
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=6)
# The connection to the mail server failed (not this one message): stop the batch.
CONNECTION_ERRORS = (smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected, socket.timeout, ConnectionError)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long a mail waits after its ``attempts``-th failed try."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def due(now=None):
    """Mails to send now: not sent, not given up, and not waiting out a backoff."""
    now = now or timezone.now()
    return Notification.objects.filter(sent_at__isnull=True, failed_at__isnull=True).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def outbox_counts() -> dict[str, int]:
    """Waiting and failed mails, for /healthz and the admin."""
    unsent = Notification.objects.filter(sent_at__isnull=True)
    return {"waiting": unsent.filter(failed_at__isnull=True).count(), "failed": unsent.exclude(failed_at=None).count()}


def notifications_retry(notifications) -> int:
    """Staff send failed (or waiting) mails again: a fresh round of attempts, starting now."""
    count = Notification.objects.filter(pk__in=[n.pk for n in notifications], sent_at__isnull=True).update(
        failed_at=None, next_attempt_at=None, attempts=0
    )
    from portal.task_queue import enqueue_after_commit

    from .tasks import send_pending_notifications

    enqueue_after_commit(send_pending_notifications)
    return count


# Mails that confirm places carry the delegate's events as an .ics calendar.
WITH_CALENDAR = {Notification.Kind.SUBMITTED, Notification.Kind.APPROVED, Notification.Kind.PROMOTED}


def message_for(notification: Notification, connection=None):
    """The mail for ``notification``: plain text and HTML in the recipient's language, links to
    the site they used, and the .ics of their events where it confirms places."""
    recipient, language, subject, body = _message(notification)
    site_url = notification.site_url or settings.WAGTAILADMIN_BASE_URL
    attachments = []
    if notification.kind in WITH_CALENDAR and notification.registration_id:
        content = registration_calendar(notification.registration, language)
        attachments.append(("liaison-events.ics", content, "text/calendar; charset=utf-8"))
    return portal_email(
        subject=subject,
        text=body,
        to=[recipient],
        language=language,
        site_url=site_url,
        attachments=attachments,
        connection=connection,
    )


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
    site_url = (notification.site_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    context.update(name=name, site_url=site_url, language=language)
    with translation.override(language):
        subject = render_to_string(f"events/email/{notification.kind}_subject.txt", context, using="text").strip()
        body = render_to_string(f"events/email/{notification.kind}.txt", context, using="text")
    return recipient, language, f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body


def _record_failure(notification: Notification, exc: Exception, now) -> None:
    attempts = notification.attempts + 1
    logger.warning("Notification %s not sent (attempt %s): %s", notification.pk, attempts, exc)
    Notification.objects.filter(pk=notification.pk).update(
        attempts=attempts,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        next_attempt_at=now + retry_delay(attempts),
        failed_at=now if attempts >= MAX_ATTEMPTS else None,
    )


def notifications_send_pending(limit: int = BATCH, *, include_failed: bool = False) -> tuple[int, int]:
    """Send the mails that are due. Returns (sent, failed this run).

    ``include_failed`` also gives failed mails and those waiting out a backoff one more try
    (``send_event_reminders --pending-only``, run by an operator after an outage).
    """
    now = timezone.now()
    queue = Notification.objects.filter(sent_at__isnull=True) if include_failed else due(now)
    queue = (
        queue.exclude(registration__isnull=False, registration__user__isnull=True)  # anonymised: nobody to tell
        .select_related("registration__user", "registration__week", "invitation__week", "event")
        # Every email lists or names the delegate's events: two queries per batch, not per email.
        .prefetch_related(Prefetch("registration__attendances", queryset=Attendance.objects.select_related("event")))
    )
    batch = list(queue[:limit])
    if not batch:
        return 0, 0
    sent = failed = 0
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # the mail server is unreachable: one attempt counted, the rest wait
        _record_failure(batch[0], exc, now)
        return 0, 1
    try:
        for notification in batch:
            try:
                message_for(notification, connection=connection).send()
            except CONNECTION_ERRORS as exc:
                _record_failure(notification, exc, now)
                failed += 1
                break  # the others were not tried: they keep their place
            except Exception as exc:  # this message was refused: the others go on
                _record_failure(notification, exc, now)
                failed += 1
                continue
            Notification.objects.filter(pk=notification.pk).update(
                sent_at=timezone.now(), attempts=F("attempts") + 1, failed_at=None, next_attempt_at=None
            )
            sent += 1
    finally:
        with contextlib.suppress(Exception):  # a connection that broke cannot be closed politely
            connection.close()
    return sent, failed
