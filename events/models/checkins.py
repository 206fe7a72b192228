"""Arrivals: a delegate checked in at an event, or at one of its sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .programme import Session
from .registrations import Registration
from .week import Event


class CheckIn(models.Model):
    """One arrival, at an event (``session`` empty) or at one of its sessions, recorded once.

    An offline desk gives each scan its own ``scan_id``: a scan sent again after a lost answer is
    recognised and not recorded twice, and a second desk's scan of the same badge meets the
    unique constraint and is reported as a duplicate.
    """

    wagtail_reference_index_ignore = True  # written by the thousand at the doors, referred to by nothing

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="checkins")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("event"))
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="checkins", verbose_name=_("session")
    )
    at = models.DateTimeField(_("checked in at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    device = models.CharField(_("desk"), max_length=64, blank=True, help_text=_("The offline desk that scanned it."))
    scan_id = models.CharField(max_length=64, null=True, blank=True, unique=True)
    override_reason = models.CharField(_("reason for accepting it outside the dates"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "event"], condition=models.Q(session__isnull=True), name="one_arrival_per_event"
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=models.Q(session__isnull=False),
                name="one_arrival_per_session",
            ),
        ]
        indexes = [models.Index(fields=["event", "session"])]

    def __str__(self) -> str:
        return f"{self.registration.person_label} @ {self.session or self.event}"
