"""Background work during a registration rush: one waiting task, not one per request.

With the database task queue (production), every registration used to queue a task to send
emails and two more to update Wagtail's reference index. These tests run that queue.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from events.models import Attendance, Event, Invitation, Notification, Registration, Roundtable
from events.services.registrations import registration_submit
from events.tasks import send_pending_notifications
from portal import task_queue
from search.models import PendingIndexUpdate
from search.tasks import process_pending_index_updates
from tests.events import factories as f

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def submit(user, event):
    """Register as one request does: its own transaction, committed (on-commit work runs)."""
    with committed():
        return registration_submit(user=user, week=event.week, events=[event], data=f.registration_data(user))


@contextmanager
def committed():
    """What a commit does to on-commit callbacks, inside the test's never-committed transaction:
    run the ones registered in the block, then forget them."""
    connection = transaction.get_connection()
    start = len(connection.run_on_commit)
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield
    del connection.run_on_commit[start:]


def waiting(task):
    """Queued and not started (due now, or in the next ``TASK_COALESCE_MS``)."""
    return DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)


def when_due():
    """Let the queued tasks' start time come (``TASK_COALESCE_MS`` after their commit)."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_rush_of_registrations_queues_one_sending_task_and_every_email_goes():
    event = f.event(capacity=2)
    users = [f.delegate(country=c) for c in ("FR", "SN", "BR", "JP")]
    before = set(DBTaskResult.objects.values_list("pk", flat=True))  # the event's own index updates
    for user in users:
        submit(user, event)
    # Four confirmations (they give the waiting-list positions too) and one task to send them.
    queued_mail = Notification.objects.filter(registration__week=event.week)
    assert queued_mail.filter(sent_at__isnull=True).count() == 4
    assert waiting(send_pending_notifications).count() == 1
    queued = DBTaskResult.objects.exclude(pk__in=before)
    assert list(queued.values_list("task_path", flat=True)) == [send_pending_notifications.module_path]

    when_due()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert queued_mail.filter(sent_at__isnull=True).count() == 0
    ours = {u.email for u in users}
    received = sorted(m.to[0] for m in mail.outbox if m.to[0] in ours)
    assert received == sorted(u.email for u in users)


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_task_already_started_does_not_stop_the_next_one_being_queued():
    # A running task may have read its emails already: a later registration needs a new one.
    event = f.event()
    submit(f.delegate(), event)
    when_due()
    DBTaskResult.objects.filter(task_path=send_pending_notifications.module_path).update(
        status=TaskResultStatus.RUNNING
    )
    task_queue._covered_until.clear()  # its start time has passed (when_due moved it to now)
    submit(f.delegate(country="SN"), event)
    assert waiting(send_pending_notifications).count() == 1
    assert DBTaskResult.objects.filter(task_path=send_pending_notifications.module_path).count() == 2


@override_settings(TASKS=DATABASE_QUEUE)
def test_index_updates_of_several_changes_share_one_waiting_task():
    events = []
    for _ in range(3):  # each change in its own transaction, as in the admin
        with committed():
            events.append(f.event())
    for event in events:
        with committed():
            event.name = {**event.name.translations, "en": event.name.translations["en"] + " (renamed)"}
            event.save()
    assert PendingIndexUpdate.objects.filter(source="event", unit__in=[str(e.pk) for e in events]).count() == 3
    assert waiting(process_pending_index_updates).count() == 1
    assert DBTaskResult.objects.filter(task_path=process_pending_index_updates.module_path).count() == 1


def test_personal_data_stays_out_of_the_reference_index_but_programme_links_do_not():
    for model in (Registration, Attendance, Invitation):
        assert not ReferenceIndex.is_indexed(model), model
    # Roundtables link to the conclusions they led to: Wagtail's "usage" of a conclusion shows them.
    assert ReferenceIndex.is_indexed(Roundtable)
    assert ReferenceIndex.is_indexed(Event)


@override_settings(TASKS=DATABASE_QUEUE)
def test_one_registration_asks_for_the_sending_task_once(django_capture_on_commit_callbacks):
    event = f.event(capacity=0)  # seat decided under the lock; the confirmation written before it
    with django_capture_on_commit_callbacks() as callbacks:
        registration = registration_submit(
            user=(user := f.delegate()), week=event.week, events=[event], data=f.registration_data(user)
        )
    kinds = sorted(Notification.objects.filter(registration=registration).values_list("kind", flat=True))
    assert kinds == ["submitted"]  # one email for one submission, with the waiting-list position
    assert len(callbacks) == 1


@override_settings(TASKS=DATABASE_QUEUE)
def test_one_task_run_sends_everything_waiting_not_just_one_batch():
    # One task now stands for many changes: it must not stop after its first batch of 200.
    registration = f.registered(f.delegate(), f.event())
    Notification.objects.bulk_create(
        [Notification(kind=Notification.Kind.SUBMITTED, registration=registration) for _ in range(450)]
    )
    with committed():
        other = submit(f.delegate(country="SN"), registration.attendances.get().event)
    assert waiting(send_pending_notifications).count() == 1
    when_due()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    ours = Notification.objects.filter(registration__in=[registration, other])
    assert ours.count() > 450 and not ours.filter(sent_at__isnull=True).exists()


@override_settings(TASKS=DATABASE_QUEUE, EMAIL_BACKEND="tests.events.broken_mail.BrokenBackend")
def test_a_mail_outage_stops_the_run_at_once_keeps_every_email_and_schedules_the_retry():
    registration = f.registered(f.delegate(), f.event())
    Notification.objects.bulk_create(
        [Notification(kind=Notification.Kind.SUBMITTED, registration=registration) for _ in range(450)]
    )
    before = Notification.objects.filter(registration=registration, sent_at__isnull=True).count()
    assert send_pending_notifications.call() == {"sent": 0, "failed": 1}
    queued = Notification.objects.filter(registration=registration, sent_at__isnull=True)
    assert queued.count() == before
    assert queued.filter(attempts=1).count() == 1  # the outage cost one attempt, not one per email
    tried = queued.get(attempts=1)
    retry = DBTaskResult.objects.filter(task_path=send_pending_notifications.module_path, status=TaskResultStatus.READY)
    assert retry.filter(run_after=tried.next_attempt_at).count() == 1  # a run of its own when it is due
    send_pending_notifications.call()  # a second run before then does not queue another
    assert retry.filter(run_after__gt=timezone.now()).count() == 1


def test_one_index_task_run_applies_every_read_not_just_the_first(monkeypatch):
    monkeypatch.setattr("search.indexing.READ", 2)  # as if more than 10,000 updates were waiting
    events = [f.event() for _ in range(5)]
    assert PendingIndexUpdate.objects.filter(source="event", unit__in=[str(e.pk) for e in events]).count() == 5
    result = process_pending_index_updates.call()
    assert result["waiting"] == 0 and result["applied"] >= 5
    assert not PendingIndexUpdate.objects.exists()
