"""Mail a delegate can trust, read the way a mail client reads it: the MIME parts of the sent
message (text/plain, text/html, text/calendar), in the recipient's language, with links to the
site the person used and no HTML entities where there is no HTML."""

from __future__ import annotations

import email
import re

import pytest
from django.core import mail

from events.models import Notification, Status
from events.notifications import notifications_send_pending
from events.services.registrations import attendance_set_status
from tests.events import factories as f
from tests.events.helpers import form_data
from tests.portal.test_accounts import SIGNUP

pytestmark = pytest.mark.django_db

HOST = "localhost:8101"  # one of the allowed hosts, not SITE_URL's


def parts(message):
    """The sent message as a mail client parses it: {content type: [decoded text, …]}."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    found: dict[str, list[str]] = {}
    for part in parsed.walk():
        if part.get_content_maintype() == "multipart":
            continue
        payload = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        found.setdefault(part.get_content_type(), []).append(payload)
    return parsed, found


def register_through_the_site(client, user, event, language):
    client.force_login(user)
    answer = client.post(f"/{language}/events/week/{event.week.slug}/register/", form_data(event), HTTP_HOST=HOST)
    assert answer.status_code == 302, answer.content[:300]
    mail.outbox.clear()
    notifications_send_pending()
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


@pytest.mark.parametrize(
    ("language", "greeting", "received"),
    [
        ("en", "Dear Amina Diallo,", "We have received your registration for"),
        ("fr", "Madame, Monsieur Amina Diallo,", "Nous avons bien reçu votre inscription"),
    ],
)
def test_the_confirmation_has_text_html_and_the_events_calendar_in_the_delegates_language(
    client, language, greeting, received
):
    week = f.week(
        name={"en": "Officers' Conference week", "fr": "Semaine de la conférence des officiers"},
    )
    event = f.event(
        week,
        name={"en": "Officers' Conference", "fr": "Conférence des officiers"},
    )
    user = f.delegate(language=language, first_name="Amina", last_name="Diallo")
    message = register_through_the_site(client, user, event, language)
    parsed, found = parts(message)
    assert set(found) == {"text/plain", "text/html", "text/calendar"}
    text, html, ics = found["text/plain"][0], found["text/html"][0], found["text/calendar"][0]
    # Plain text is plain: no HTML escapes, in the subject either.
    assert "&#x27;" not in text and "&amp;" not in text and "&#x27;" not in str(parsed["Subject"])
    assert event.name.translations["en"] in text if language == "en" else event.name.translations["fr"] in text
    assert received in text
    if language == "en":
        assert greeting in text
    # Links go to the host the delegate used, in their language.
    assert f"http://{HOST}/{language}/events/my/" in text
    assert f'href="http://{HOST}/{language}/events/my/"' in html
    assert "testserver" not in text + html and ":8000" not in text + html
    # The HTML part is the portal's page: its language, its name, the same words escaped once.
    assert f'<html lang="{language}" dir="ltr">' in html and "Liaison" in html
    assert "Officers&#x27; Conference" in html or "Conférence des officiers" in html
    # The calendar holds the event, tentative while the place waits for approval.
    assert "BEGIN:VCALENDAR" in ics and "BEGIN:VEVENT" in ics
    assert f"DTSTART;VALUE=DATE:{event.start_date:%Y%m%d}" in ics
    assert "STATUS:TENTATIVE" in ics
    summary = re.search(r"SUMMARY:(.*)", ics).group(1).strip()
    assert summary == (event.name.translations["en"] if language == "en" else event.name.translations["fr"]).replace(
        ",", "\\,"
    )


def test_the_approval_attaches_a_confirmed_calendar_and_a_french_subject_is_typeset(client):
    event = f.event(name={"fr": "Conférence (démonstration)"})
    user = f.delegate(language="fr")
    register_through_the_site(client, user, event, "fr")
    attendance_set_status(attendance=event.attendances.get(), status=Status.APPROVED, by=None)
    mail.outbox.clear()
    notifications_send_pending()
    (message,) = mail.outbox
    parsed, found = parts(message)
    assert "STATUS:CONFIRMED" in found["text/calendar"][0]
    subject = str(email.header.make_header(email.header.decode_header(parsed["Subject"])))
    assert "Conférence (démonstration)" in subject
    # French typography: a no-break space before a colon, never a plain one or none.
    assert not re.search(r"[^\u00a0\u202f]:", subject.replace("http:", "")), subject


def test_a_mail_queued_outside_a_request_links_to_site_url():
    registration = f.registered(f.delegate(), f.event())
    notification = Notification.objects.filter(registration=registration).first()
    assert notification.site_url == "http://testserver"  # SITE_URL in the test settings
    mail.outbox.clear()
    notifications_send_pending()
    assert all("http://testserver/en/events/my/" in m.body for m in mail.outbox)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_allauths_confirmation_mail_is_the_portals_in_the_persons_language(client, language):
    mail.outbox.clear()
    signup = {**SIGNUP, "email": "nadia.benali@example.test", "preferred_language": language}
    client.post(f"/{language}/accounts/signup/", signup, HTTP_HOST=HOST)
    (message,) = mail.outbox
    parsed, found = parts(message)
    assert set(found) == {"text/plain", "text/html"}
    text, html = found["text/plain"][0], found["text/html"][0]
    assert "Hello from" not in text and "Bonjour de" not in text and HOST + "!" not in text
    expected = {"en": "To confirm the address", "fr": "Pour confirmer l’adresse"}[language]
    assert expected in text
    link = re.search(rf"http://{re.escape(HOST)}/\S+/confirm-email/\S+", text)
    assert link, text
    assert f'href="{link.group(0)}"' in html and f'<html lang="{language}" dir="ltr">' in html
    subject = str(email.header.make_header(email.header.decode_header(parsed["Subject"])))
    assert (
        subject
        == {"en": "[Liaison] Confirm your email address", "fr": "[Liaison] Confirmez votre adresse électronique"}[
            language
        ]
    )


def test_a_password_reset_asked_on_the_english_site_comes_in_the_accounts_language(client):
    user = f.delegate(language="fr")
    mail.outbox.clear()
    client.post("/en/accounts/password/reset/", {"email": user.email}, HTTP_HOST=HOST)
    (message,) = mail.outbox
    _parsed, found = parts(message)
    assert "Pour choisir un nouveau mot de passe" in found["text/plain"][0]
    assert "text/html" in found
