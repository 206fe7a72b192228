from __future__ import annotations

from django_tasks import task


@task()
def send_pending_notifications() -> dict:
    """Send every queued email, batch after batch: one waiting task stands for all the changes
    made since it was queued (portal/task_queue.py). At the first refusal the run stops; what
    is left waits for the next run, so retries are spread out in time."""
    from portal.task_queue import enqueue_later

    from .models import Notification
    from .notifications import BATCH, notifications_send_pending

    total_sent = total_failed = 0
    while True:
        sent, failed = notifications_send_pending(limit=BATCH)
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if failed or sent < BATCH:
            break
    # Mails waiting out a backoff get a run of their own when the first of them is due.
    waiting = Notification.objects.filter(sent_at=None, failed_at=None, next_attempt_at__isnull=False)
    if (next_due := waiting.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()) is not None:
        enqueue_later(send_pending_notifications, next_due)
    return {"sent": total_sent, "failed": total_failed}
