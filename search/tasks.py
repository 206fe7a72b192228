"""Background work of the search app (django-tasks: immediate in dev/tests, a worker in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def process_pending_index_updates() -> dict:
    """Apply waiting index updates, read after read: one waiting task stands for all the changes
    made since it was queued. Whatever the engine refuses stays queued for the next run."""
    from .indexing import READ, index_pending

    total = 0
    while True:
        applied, waiting = index_pending(limit=READ)
        total += applied
        if applied < READ or not waiting:  # all done, or the engine refused some
            return {"applied": total, "waiting": waiting}


@task()
def rebuild_search_index() -> dict:
    """Build the index again from the database: queued when the embedded index is found
    missing or damaged, so search comes back by itself."""
    from .indexing import rebuild

    return {"documents": rebuild()}
