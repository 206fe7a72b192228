"""Background work of the search app (django-tasks: immediate in dev/tests, a worker in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def process_pending_index_updates() -> dict:
    """Apply waiting index updates; whatever the engine refuses stays queued for the next run."""
    from .indexing import index_pending

    applied, waiting = index_pending()
    return {"applied": applied, "waiting": waiting}
