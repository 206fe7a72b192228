"""The programme of an event, and each delegate's personal agenda."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.audiences import Audience
from portal.translated import TranslatedField

from .week import Event


class SessionKind(models.TextChoices):
    PLENARY = "plenary", pgettext_lazy("session kind", "Plenary")
    PANEL = "panel", pgettext_lazy("session kind", "Panel")
    ROUNDTABLE = "roundtable", pgettext_lazy("session kind", "Roundtable")
    WORKSHOP = "workshop", pgettext_lazy("session kind", "Workshop")


class SessionLanguage(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    BOTH = "en+fr", _("English and French (interpretation)")


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    title = TranslatedField(_("title"), max_length=255)
    description = TranslatedField(_("description"), blank=True, multiline=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = TranslatedField(_("room"), max_length=120, blank=True)
    speakers = TranslatedField(
        _("speakers"),
        max_length=500,
        blank=True,
        help_text=_("Names with their roles, comma-separated: Jane Doe, Chair. The roles in each language."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=SessionKind.choices, default=SessionKind.PLENARY)
    language = models.CharField(
        _("language"), max_length=5, choices=SessionLanguage.choices, default=SessionLanguage.BOTH
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.DELEGATES)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def local_day(self):
        """The day of the session where it takes place (programmes are grouped by it)."""
        return self.starts_at.astimezone(self.event.week.tzinfo).date()


class AgendaItem(models.Model):
    """A session a delegate starred for their personal agenda."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_items")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="one_star_per_session")]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.session}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class AgendaFeed(models.Model):
    """The secret address of a delegate's personal iCal feed (calendar apps cannot log in)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed")
    token = models.CharField(max_length=64, unique=True, default=_token)

    def __str__(self) -> str:
        return f"agenda feed of {self.user}"

    def renew(self) -> None:
        self.token = _token()
        self.save(update_fields=["token"])
