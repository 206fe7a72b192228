"""Who may have which delegate document, and making it in the delegate's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..documents.badges import badge_pdf, badge_sheets
from ..documents.data import DocumentUnavailable, badge_data, registrations_for_badges
from ..documents.letters import certificate_pdf, visa_letter_pdf
from ..models import Registration, Status
from ..permissions import is_event_manager

KINDS = ("badge", "letter", "certificate")


class DocumentDenied(Exception):
    """Not this user's document."""


@dataclass
class Document:
    content: bytes
    filename: str


def document_allowed(user, registration: Registration) -> bool:
    """The delegate themself, or staff who run events."""
    if not getattr(user, "is_authenticated", False):
        return False
    return registration.user_id == user.pk or is_event_manager(user)


def document_render(*, user, registration: Registration, kind: str) -> Document:
    """The PDF of ``kind`` for ``registration``, in the delegate's own language.

    Raises DocumentDenied for anyone but the delegate and event managers, and
    DocumentUnavailable (with the reason) when the document cannot exist yet.
    """
    if kind not in KINDS:
        raise DocumentUnavailable(kind)
    if not document_allowed(user, registration):
        raise DocumentDenied
    if registration.user_id is None:
        raise DocumentUnavailable(_("The personal data of this registration has been removed."))
    if kind == "badge" and not registration.attendances.filter(status=Status.APPROVED).exists():
        # A badge opens the venue's doors: none while every place is still pending or waiting.
        raise DocumentUnavailable(_("The badge is available once a place is approved."))
    language = registration.user.preferred_language or translation.get_language()
    with translation.override(language):
        if kind == "badge":
            data = badge_data(registration)
            content = badge_pdf(data, registration.role)
        elif kind == "letter":
            content = visa_letter_pdf(registration)
        else:
            content = certificate_pdf(registration)
    name = slugify(registration.user.get_full_name() or registration.checkin_code) or "delegate"
    return Document(content=content, filename=f"{kind}-{registration.week.slug}-{name}.pdf")


def badges_for_events(events, out, *, language: str = "en", progress=None) -> int:
    """Write the badge sheets of every approved delegate of ``events`` to ``out`` (one PDF)."""
    with translation.override(language):

        def items():
            memo: dict = {}
            for event in events:
                for registration in registrations_for_badges(event).iterator(chunk_size=500):
                    yield badge_data(registration, memo), registration.role

        title = ", ".join(str(event.name) for event in events)
        return badge_sheets(items(), out, title=title, progress=progress)


def badges_for_event(event, out, *, language: str = "en", progress=None) -> int:
    return badges_for_events([event], out, language=language, progress=progress)


__all__ = [
    "KINDS",
    "Document",
    "DocumentDenied",
    "DocumentUnavailable",
    "badges_for_event",
    "badges_for_events",
    "document_render",
]
