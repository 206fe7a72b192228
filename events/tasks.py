from __future__ import annotations

from django_tasks import task


@task()
def send_pending_notifications() -> dict:
    """Send queued emails; those the mail server refuses wait for the next run."""
    from .notifications import notifications_send_pending

    sent, failed = notifications_send_pending()
    return {"sent": sent, "failed": failed}
