"""Keep each event's held-seat counters (``SeatCount``) present and true outside the services."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import HOLDING, Attendance, Event, SeatCount


@receiver(post_save, sender=Event, dispatch_uid="events-seat-count-row")
def create_seat_count(sender, instance, created, raw=False, **kwargs):
    """Every new event gets its counter row, so that the first registration finds it."""
    if created and not raw:
        SeatCount.objects.get_or_create(event=instance)


@receiver(post_delete, sender=Attendance, dispatch_uid="events-seat-count-after-delete")
def recount_after_delete(sender, instance, **kwargs):
    """A held seat deleted with its registration (in the admin, say) is free again."""
    if instance.status in HOLDING:
        from .services.seats import recount_after_delete

        recount_after_delete(instance.event_id)
