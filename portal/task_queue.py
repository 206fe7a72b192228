"""Queueing background tasks without piling up duplicates.

Some tasks only say "work through whatever is waiting" (send the queued emails, apply the
pending index updates). Queueing one per change meant, during a registration rush, a task row
per request and a worker busy running tasks that found nothing left to do. With the database
queue, such a task is queued only when none is already waiting to start: a waiting task has
not read its work yet, so it will also see the change that would have queued the next one.
Other task backends (immediate in development and tests) queue every time.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend


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
    """Once the current transaction commits, queue ``task`` unless it is already waiting.

    Each call adds one check at commit; after the first has queued the task, the others find
    it waiting. The task itself must work through everything waiting, not one batch.
    """
    transaction.on_commit(lambda: enqueue_unless_waiting(task))


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
