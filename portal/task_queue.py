"""Queueing background tasks without piling up duplicates.

Some tasks only say "work through whatever is waiting" (send the queued emails, apply the
pending index updates). Queueing one per change meant, during a registration rush, a task row
per request and a worker busy running tasks that found nothing left to do. With the database
queue, such a task is queued only when none is already waiting to start: a waiting task has
not read its work yet, so it will also see the change that would have queued the next one.
Other task backends (immediate in development and tests) queue every time.

After a commit (``enqueue_after_commit``) even that check is mostly skipped: the task is queued
to start ``TASK_COALESCE_MS`` later (500 ms), and until then this process knows a task is
waiting that will read whatever it commits — so in a rush each process asks the queue about
twice a second, not once per request, and mail leaves at most half a second later.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

# (backend, queue, task) → the time before which a task this process knows of has not started.
_covered_until: dict[tuple[str, str, str], dt.datetime] = {}
_covered_lock = threading.Lock()
# A commit this close to the task's start is not counted as covered (clock reading, scheduling).
_MARGIN = dt.timedelta(milliseconds=50)


def enqueue_unless_waiting(task) -> None:
    """Queue ``task`` (no arguments) unless the same task is already waiting to start."""
    backend = task.get_backend()
    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().filter(
            task_path=task.module_path, queue_name=task.queue_name, backend_name=backend.alias
        )
        if waiting.exists():
            return
    task.enqueue()


def enqueue_after_commit(task) -> None:
    """Once the current transaction commits, make sure a ``task`` that has not started yet is
    queued: it will see what was committed. The task must work through everything waiting.

    With the database queue, the task is queued to start ``TASK_COALESCE_MS`` from now; commits
    of this process before then need no query at all (a waiting task cannot have read its work
    before it starts). Other backends: as ``enqueue_unless_waiting``.
    """
    transaction.on_commit(lambda: _enqueue_coalesced(task))


def enqueue_later(task, when) -> None:
    """Queue ``task`` to start at ``when``, unless one is already queued to start by then.

    Backends that cannot defer (immediate, in development and tests) queue nothing: there the
    retry waits for the next change or for the management command."""
    backend = task.get_backend()
    if not backend.supports_defer:
        return
    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult, TaskResultStatus  # re-exported from django_tasks

        queued = DBTaskResult.objects.filter(
            task_path=task.module_path,
            queue_name=task.queue_name,
            backend_name=backend.alias,
            status=TaskResultStatus.READY,
            run_after__lte=when,
        )
        if queued.exists():
            return
    task.using(run_after=when).enqueue()


def _enqueue_coalesced(task) -> None:
    backend = task.get_backend()
    window = dt.timedelta(milliseconds=settings.TASK_COALESCE_MS)
    if not (isinstance(backend, DatabaseBackend) and backend.supports_defer and window):
        enqueue_unless_waiting(task)
        return
    from django_tasks_db.models import DBTaskResult, TaskResultStatus, get_date_max

    key = (backend.alias, task.queue_name, task.module_path)
    now = timezone.now()
    with _covered_lock:
        covered = _covered_until.get(key)
    if covered is not None and now < covered - _MARGIN:
        return
    # A task that has not started (queued by any process) will read this commit; one due to start
    # after now also covers the commits still to come until it starts. A retry queued for much
    # later (``enqueue_later``'s back-off) is not waited for: the new work goes sooner.
    waiting = DBTaskResult.objects.filter(
        task_path=task.module_path,
        queue_name=task.queue_name,
        backend_name=backend.alias,
        status=TaskResultStatus.READY,
    )
    earliest = waiting.order_by("run_after").values_list("run_after", flat=True).first()
    if earliest is None or (earliest != get_date_max() and earliest > now + window):
        earliest = now + window
        task.using(run_after=earliest).enqueue()
    if earliest != get_date_max() and earliest > now:  # (the maximum date means "start now")
        with _covered_lock:
            _covered_until[key] = earliest
