"""Every mail the portal sends: plain text, with an HTML alternative in the portal's look.

One source per mail — its plain-text template (rendered by the "text" engine, without HTML
escaping) — and the HTML part made from it: paragraphs kept, addresses turned into links, the
whole escaped and laid out by ``templates/email/layout.html``. So the two parts never disagree.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def one_line(subject: str) -> str:
    """A subject on one line (a header cannot hold line breaks). Only line breaks go: ``split()``
    would also take the no-break spaces of French typography ("Validée\u00a0: …")."""
    return " ".join(line.strip() for line in subject.splitlines() if line.strip())


def html_alternative(text: str, *, subject: str, language: str, site_url: str) -> str:
    return render_to_string(
        "email/layout.html",
        {"text": text, "subject": subject, "language": language, "site_url": site_url.rstrip("/")},
    )


def add_html_alternative(message: EmailMultiAlternatives, *, language: str, site_url: str) -> EmailMultiAlternatives:
    """Give a plain-text message its HTML part (unless it has one)."""
    if not any(mimetype == "text/html" for _content, mimetype in message.alternatives):
        message.attach_alternative(
            html_alternative(message.body, subject=message.subject, language=language, site_url=site_url),
            "text/html",
        )
    return message


def portal_email(
    *,
    subject: str,
    text: str,
    to: list[str],
    language: str,
    site_url: str,
    attachments=(),
    connection=None,
) -> EmailMultiAlternatives:
    """A mail ready to send: text part, HTML part, and ``(filename, content, mimetype)`` attachments."""
    message = EmailMultiAlternatives(one_line(subject), text, settings.DEFAULT_FROM_EMAIL, to, connection=connection)
    add_html_alternative(message, language=language, site_url=site_url)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
