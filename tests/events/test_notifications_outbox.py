"""The mail outbox: one connection a batch, backoff after failures, failed mail kept and listed
for staff with a retry, counted on /healthz; nothing silently dropped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from events.models import Notification
from events.notifications import MAX_ATTEMPTS, notifications_send_pending, retry_delay
from tests.events import factories as f
from tests.events.broken_mail import CountingBackend

pytestmark = pytest.mark.django_db
BROKEN = "tests.events.broken_mail.BrokenBackend"
REFUSING = "tests.events.broken_mail.RefusingBackend"


def queued(n: int = 1) -> list[Notification]:
    event = f.event()
    registrations = [f.registered(f.delegate(), event) for _ in range(n)]
    Notification.objects.all().delete()
    return [Notification.objects.create(kind=Notification.Kind.APPROVED, registration=r) for r in registrations]


def time_passes(notification: Notification) -> None:
    Notification.objects.filter(pk=notification.pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


def test_each_failure_waits_twice_as_long_and_the_last_marks_it_failed():
    (notification,) = queued()
    waits = []
    with override_settings(EMAIL_BACKEND=BROKEN):
        for attempt in range(1, MAX_ATTEMPTS + 1):
            before = timezone.now()
            assert notifications_send_pending() == (0, 1)
            notification.refresh_from_db()
            assert notification.attempts == attempt
            waits.append(notification.next_attempt_at - before)
            assert notifications_send_pending() == (0, 0)  # not tried again before its time
            time_passes(notification)
    assert [round(w.total_seconds() / 60) for w in waits[:4]] == [1, 2, 4, 8]
    assert retry_delay(30) == dt.timedelta(hours=6)  # never more than six hours apart
    assert notification.failed_at is not None and notification.sent_at is None
    assert "ConnectionRefusedError" in notification.last_error
    assert Notification.objects.filter(pk=notification.pk).exists()  # kept, not dropped
    assert notifications_send_pending() == (0, 0)  # failed mail is not retried by the worker…
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        call_command("send_event_reminders", "--pending-only")  # …but the operator's command does
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.failed_at is None
    assert len(mail.outbox) == 1


def test_an_outage_costs_one_attempt_for_the_batch_not_one_per_mail():
    notifications = queued(5)
    with override_settings(EMAIL_BACKEND=BROKEN):
        assert notifications_send_pending() == (0, 1)
    attempts = sorted(
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).values_list("attempts", flat=True)
    )
    assert attempts == [0, 0, 0, 0, 1]


def test_a_refused_message_does_not_stop_the_others():
    queued(3)
    with override_settings(EMAIL_BACKEND=REFUSING):  # refuses only the first recipient it sees
        sent, failed = notifications_send_pending()
    assert (sent, failed) == (2, 1)


def test_a_batch_sends_through_one_connection():
    queued(4)
    CountingBackend.reset()
    with override_settings(EMAIL_BACKEND="tests.events.broken_mail.CountingBackend"):
        assert notifications_send_pending() == (4, 0)
    assert CountingBackend.opened == 1 and CountingBackend.sent == 4


def test_staff_see_failed_mail_and_send_it_again(client, django_capture_on_commit_callbacks):
    notification, other = queued(2)
    Notification.objects.filter(pk=notification.pk).update(
        attempts=MAX_ATTEMPTS, failed_at=timezone.now(), last_error="SMTPServerDisconnected: gone"
    )
    health = client.get("/healthz").json()
    assert health["mail"] == {"waiting": 1, "failed": 1}

    client.force_login(f.delegate(role="event_manager"))
    listing = client.get(reverse("wagtailsnippets_events_notification:list"))
    assert listing.status_code == 200
    text = listing.content.decode()
    assert notification.registration.user.email in text and "failed" in text and "SMTPServerDisconnected" in text

    url = reverse("wagtail_bulk_action", args=("events", "notification", "send_again"))
    confirm = client.get(url, {"id": notification.pk, "next": "/admin/"})
    assert confirm.status_code == 200 and notification.registration.user.email in confirm.content.decode()
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url + f"?id={notification.pk}&next=/admin/", {})
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.failed_at is None  # sent at once (tests run tasks at once)
    assert client.get("/healthz").json()["mail"]["failed"] == 0


def test_delegates_cannot_open_the_outbox(client):
    client.force_login(f.delegate())
    assert client.get(reverse("wagtailsnippets_events_notification:list")).status_code in (302, 403)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_plain_text_mail_carries_no_html_escapes(language):
    event = f.event(
        name={"en": "Heads of NCB Officers' Conference", "fr": "Conférence « Officers' » des chefs de BCN"},
    )
    user = f.delegate(language=language)
    f.registered(user, event)
    mail.outbox.clear()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        notifications_send_pending()
    messages = [m for m in mail.outbox if m.to == [user.email]]
    assert messages
    for message in messages:
        for part in (message.subject, message.body):
            assert "&#x27;" not in part and "&amp;" not in part and "&quot;" not in part and "&#" not in part
    assert any("Officers' " in m.body for m in messages)
