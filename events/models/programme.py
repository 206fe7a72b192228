"""The programme of an event, and each delegate's personal agenda."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from portal.audiences import Audience, highest
from portal.translated import TranslatedField, language_in_a_sentence, site_language_choices

from .week import Event


class SessionKind(models.TextChoices):
    PLENARY = "plenary", pgettext_lazy("session kind", "Plenary")
    PANEL = "panel", pgettext_lazy("session kind", "Panel")
    ROUNDTABLE = "roundtable", pgettext_lazy("session kind", "Roundtable")
    WORKSHOP = "workshop", pgettext_lazy("session kind", "Workshop")


def session_language_choices() -> list[tuple[str, str]]:
    """Each site language, and each pair of them with interpretation ("en+fr"): a callable over
    settings.LANGUAGES, so a language switched on offers its sessions with no migration."""
    codes = [code for code, _name in site_language_choices()]
    pairs = [
        (f"{first}+{second}", SessionLanguagePair(first, second))
        for index, first in enumerate(codes)
        for second in codes[index + 1 :]
    ]
    return [*site_language_choices(), *pairs]


class SessionLanguagePair:
    """The label of a pair, translated when shown (not when the choices are built)."""

    def __init__(self, first: str, second: str):
        self.first, self.second = first, second

    def __str__(self) -> str:
        return capfirst(
            _("%(first)s and %(second)s (interpretation)")
            % {"first": language_in_a_sentence(self.first), "second": language_in_a_sentence(self.second)}
        )

    def __eq__(self, other):
        return isinstance(other, SessionLanguagePair) and (self.first, self.second) == (other.first, other.second)

    def __hash__(self):
        return hash((self.first, self.second))


BOTH_LANGUAGES = "en+fr"


class Speaker(models.Model):
    """Someone who speaks at sessions: a public page with a bio in each language."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("As the person writes it, in any script."))
    role = TranslatedField(_("role"), max_length=200, blank=True, help_text=_("E.g. Head of the NCB in Dakar."))
    country = CountryField(_("country"), blank=True)
    bio = TranslatedField(_("biography"), blank=True, multiline=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Session(ClusterableModel):
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
    speaker_profiles = models.ManyToManyField(
        Speaker,
        blank=True,
        related_name="sessions",
        verbose_name=_("speaker pages"),
        help_text=_("Speakers with a page of their own, listed with the session."),
    )
    conclusions = models.ManyToManyField(
        "pages.ConclusionPage",
        blank=True,
        related_name="+",
        verbose_name=_("conclusions"),
        help_text=_("Pages that came out of the session; each reader sees those their clearance allows."),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme",
        blank=True,
        related_name="+",
        verbose_name=_("themes"),
        help_text=_("The programme can be filtered by them (one language's theme is enough)."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=SessionKind.choices, default=SessionKind.PLENARY)
    language = models.CharField(_("language"), max_length=5, choices=session_language_choices, default=BOTH_LANGUAGES)
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

    def files_audience(self, file) -> str | None:
        """Who may download ``file`` because it is attached here: those who may see the
        session, which is as closed as its event; None once it is no longer attached (the
        reference index can lag behind a link deleted outside the session's form). The document
        rule in portal.pages.access asks every holder the reference index names."""
        if not self.documents.filter(document_id=file.pk).exists():
            return None
        return highest([self.event.audience, self.audience])


class SessionDocument(Orderable):
    """A document shown on a session page: slides, a background paper, the annex of a
    conclusion. An inline of the session (ParentalKey), so Wagtail's reference index knows the
    document is used here: its usage page lists the session, and downloads follow the session's
    audience."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="documents", verbose_name=_("session"))
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("session document")
        verbose_name_plural = _("session documents")
        constraints = [models.UniqueConstraint(fields=["session", "document"], name="one_link_per_session_document")]

    def __str__(self) -> str:
        return self.document.title


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
