"""Queueing "work through what is waiting" tasks after a commit: one per window, no query per commit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events.tasks import send_pending_notifications
from portal import task_queue

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def commit_and_count_queries(django_capture_on_commit_callbacks) -> int:
    """One transaction that asks for the task; the queries its commit callback made."""
    with django_capture_on_commit_callbacks() as callbacks:
        task_queue.enqueue_after_commit(send_pending_notifications)
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    return len(queries)


def queued():
    return DBTaskResult.objects.filter(task_path=send_pending_notifications.module_path, status=TaskResultStatus.READY)


@override_settings(TASKS=DATABASE_QUEUE, TASK_COALESCE_MS=500)
def test_a_rush_of_commits_queues_one_task_and_asks_the_queue_once(django_capture_on_commit_callbacks):
    before = timezone.now()
    assert commit_and_count_queries(django_capture_on_commit_callbacks) == 2  # look, then queue
    counts = [commit_and_count_queries(django_capture_on_commit_callbacks) for _ in range(20)]
    assert counts == [0] * 20  # the task queued 500 ms ahead has not started: it will see them
    task = queued().get()
    assert before + dt.timedelta(milliseconds=450) <= task.run_after <= timezone.now() + dt.timedelta(seconds=0.5)


@override_settings(TASKS=DATABASE_QUEUE, TASK_COALESCE_MS=500)
def test_once_the_start_time_has_come_the_queue_is_asked_again(django_capture_on_commit_callbacks, monkeypatch):
    commit_and_count_queries(django_capture_on_commit_callbacks)
    later = timezone.now() + dt.timedelta(seconds=1)
    monkeypatch.setattr(task_queue.timezone, "now", lambda: later)
    # Due and not started yet (the worker is busy): it will still read this commit, nothing queued.
    assert commit_and_count_queries(django_capture_on_commit_callbacks) == 1
    assert queued().count() == 1
    # It started (it may have read its work already): the next commit queues a new one.
    queued().update(status=TaskResultStatus.RUNNING)
    assert commit_and_count_queries(django_capture_on_commit_callbacks) == 2
    assert queued().count() == 1


@override_settings(TASKS=DATABASE_QUEUE, TASK_COALESCE_MS=500)
def test_a_retry_due_much_later_does_not_hold_new_work_back(django_capture_on_commit_callbacks):
    send_pending_notifications.using(run_after=timezone.now() + dt.timedelta(minutes=10)).enqueue()  # back-off
    commit_and_count_queries(django_capture_on_commit_callbacks)
    starts = sorted(queued().values_list("run_after", flat=True))
    assert len(starts) == 2 and starts[0] <= timezone.now() + dt.timedelta(seconds=0.5)


@override_settings(TASKS=DATABASE_QUEUE, TASK_COALESCE_MS=0)
def test_without_a_window_every_commit_checks_and_one_task_waits(django_capture_on_commit_callbacks):
    counts = [commit_and_count_queries(django_capture_on_commit_callbacks) for _ in range(3)]
    assert counts == [2, 1, 1]
    assert queued().count() == 1
