"""Badges, badge sheets, visa letters and certificates: content, QR codes, who may download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Attendance, Registration, Status
from tests.events import factories as f
from tests.pdftools import badge_codes, page_count, pdf_text

pytestmark = pytest.mark.django_db

MIXED_NAMES = [
    ("Élodie", "Müller-Łukasiewicz", "FR"),
    ("Дмитрий", "Иванов", "RU"),
    ("محمد", "عبد الله", "EG"),
    ("דוד", "כהן", "IL"),
    ("小明", "王", "CN"),
    ("민수", "김", "KR"),
    ("प्रिया", "शर्मा", "IN"),
    ("Ελένη", "Παπαδοπούλου", "GR"),
    ("たろう", "やまだ", "JP"),
]


def visa(**fields):
    return {
        "needs_visa_letter": True,
        "passport_name": "Ana Lima",
        "passport_number": "P1234567",
        "passport_nationality": "BR",
        "passport_expiry": timezone.now().date() + dt.timedelta(days=900),
        **fields,
    }


def document_url(registration, kind):
    return reverse("events:document", args=[registration.pk, kind])


class TestBadge:
    def test_delegate_downloads_their_badge_with_name_country_role_table_and_qr(self, client):
        event = f.event()
        table = f.roundtable(event, region="africa", topic={"en": "Online scam centres"})
        user = f.delegate(country="EG", first_name="محمد", last_name="عبد الله")
        registration = f.registered(user, event)
        registration.placements.create(roundtable=table, event=event)
        client.force_login(user)
        response = client.get(document_url(registration, "badge"))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert "no-store" in response["Cache-Control"]
        content = b"".join(response.streaming_content)
        text = pdf_text(content)
        assert "محمد عبد الله" in text
        assert "Egypt" in text and "DELEGATE" in text and event.name.translations["en"] in text
        assert "Online scam centres" in text
        assert badge_codes(content, scale=3) == [registration.checkin_code]

    def test_badge_is_in_the_delegates_language(self, client):
        event = f.event()
        table = f.roundtable(event, region="africa")
        user = f.delegate(country="SN", language="fr")
        registration = f.registered(user, event)
        registration.placements.create(roundtable=table, event=event)
        client.force_login(user)
        text = pdf_text(b"".join(client.get(document_url(registration, "badge")).streaming_content))
        assert "Sénégal" in text and "DÉLÉGUÉ" in text and event.name.translations["fr"] in text
        assert "Sujet pour africa — Afrique" in text  # the roundtable and its region in French

    @pytest.mark.parametrize(
        "first,last",
        [("", ""), ("\x00\x07\u202e", "\x1b\x7f"), ("Maximiliana" * 15, "de la Fuente y Alcántara" * 6)],
        ids=["empty", "control-characters", "300-characters"],
    )
    def test_bad_names_still_give_a_badge(self, client, first, last):
        event = f.event()
        user = f.delegate(first_name=first, last_name=last)
        registration = f.registered(user, event)
        client.force_login(user)
        response = client.get(document_url(registration, "badge"))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        text = pdf_text(content)
        assert "\x00" not in text and "\x1b" not in text
        if not first.strip("\x00\x07\u202e"):
            assert user.email.split("@")[0] in text  # no name: the account's name stands in
        else:
            assert "Maximiliana" in text and "…" in text  # shrunk, wrapped, then cut
        assert badge_codes(content, scale=3) == [registration.checkin_code]


class TestWhoGetsDocuments:
    def test_nobody_else_gets_a_delegates_documents(self, client):
        event = f.event()
        owner = f.delegate()
        registration = f.registered(owner, event, **visa())
        for kind in ("badge", "letter", "certificate"):
            url = document_url(registration, kind)
            client.logout()
            assert client.get(url).status_code == 302  # anonymous: log in first
            for role in ("delegate", "law_enforcement", "editor", "moderator", "public"):
                client.force_login(f.delegate(role=role))
                assert client.get(url).status_code == 403, (kind, role)
        client.force_login(f.delegate())
        missing = reverse("events:document", args=[registration.pk + 10_000, "badge"])
        assert client.get(missing).status_code == 403  # no hint whether the id exists

    def test_event_managers_download_anyones(self, client):
        event = f.event()
        registration = f.registered(f.delegate(), event)
        client.force_login(f.delegate(role="event_manager"))
        assert client.get(document_url(registration, "badge")).status_code == 200
        missing = reverse("events:document", args=[registration.pk + 10_000, "badge"])
        assert client.get(missing).status_code == 404

    def test_my_registrations_links_the_documents(self, client):
        event = f.event()
        user = f.delegate()
        registration = f.registered(user, event, **visa())
        client.force_login(user)
        page = client.get(reverse("events:my")).text
        assert document_url(registration, "badge") in page
        assert document_url(registration, "letter") in page
        assert document_url(registration, "certificate") not in page  # not checked in yet
        assert "available after check-in" in page


class TestVisaLetter:
    def test_only_for_approved_delegates_who_asked(self, client):
        event = f.event()
        plain = f.delegate()
        client.force_login(plain)
        response = client.get(document_url(f.registered(plain, event), "letter"))
        assert response.status_code == 409 and "No visa invitation letter was asked for" in response.text
        pending_user = f.delegate()
        pending = f.registered(pending_user, event, Status.PENDING, **visa())
        client.force_login(pending_user)
        response = client.get(document_url(pending, "letter"))
        assert response.status_code == 409 and "once a place at an event is approved" in response.text

    def test_letter_has_passport_details_dates_signatory_reference_in_the_delegates_language(self, client):
        week = f.week(letter_signatory="Jürgen Stock", letter_signatory_title={"fr": "Secrétaire général"})
        event = f.event(week)
        user = f.delegate(country="MA", language="fr")
        registration = f.registered(
            user,
            event,
            **visa(
                passport_name="Youssef El Amrani يوسف العمراني", passport_number="MA1234567", passport_nationality="MA"
            ),
        )
        client.force_login(user)
        response = client.get(document_url(registration, "letter"))
        assert response.status_code == 200
        text = pdf_text(b"".join(response.streaming_content))
        assert "autorités consulaires" in text and "Maroc" in text
        assert "MA1234567" in text and "Youssef El Amrani" in text and "يوسف العمراني" in text
        assert event.name.translations["fr"] in text and "Jürgen Stock" in text and "Secrétaire général" in text
        assert f"LIA/{week.slug.upper()}/{registration.pk:06d}" in text
        assert "Données personnelles" in text  # every page says what it holds


class TestCertificate:
    def test_only_after_check_in(self, client):
        event = f.event()
        user = f.delegate(first_name="Ελένη", last_name="Παπαδοπούλου")
        registration = f.registered(user, event)
        client.force_login(user)
        response = client.get(document_url(registration, "certificate"))
        assert response.status_code == 409 and "after check-in" in response.text
        f.checked_in(registration, event)
        response = client.get(document_url(registration, "certificate"))
        assert response.status_code == 200
        text = pdf_text(b"".join(response.streaming_content))
        assert (
            "Certificate of attendance" in text
            and "Ελένη Παπαδοπούλου" in text
            and event.name.translations["en"] in text
        )

    def test_it_names_only_the_events_checked_in_at(self, client):
        from events.services.checkin import checkin_record
        from events.services.registrations import attendance_set_status, registration_submit

        event = f.event()
        congress = f.event(event.week, name={"en": "Congress of data protection officers"})
        user = f.delegate()
        registration = registration_submit(
            user=user, week=event.week, events=[event, congress], data=f.registration_data(user)
        )
        for attendance in registration.attendances.all():
            attendance_set_status(attendance=attendance, status=Status.APPROVED, by=None)
        # A badge scanned months before the congress unlocks nothing.
        early = f.during(congress) - dt.timedelta(days=180)
        checkin_record(code=registration.checkin_code, event=congress, by=f.delegate(role="event_manager"), at=early)
        client.force_login(user)
        assert client.get(document_url(registration, "certificate")).status_code == 409
        f.checked_in(registration, event)
        text = pdf_text(b"".join(client.get(document_url(registration, "certificate")).streaming_content))
        assert event.name.translations["en"] in text and "Congress of data protection officers" not in text


def _many_registrations(event, count):
    """``count`` approved delegates with names in every script, created in bulk."""
    users = []
    for n in range(count):
        first, last, country = MIXED_NAMES[n % len(MIXED_NAMES)]
        users.append(f.delegate(country=country, first_name=first, last_name=f"{last} {n}"))
    now = timezone.now()
    registrations = Registration.objects.bulk_create(
        Registration(
            user=user,
            week=event.week,
            country=user.country,
            bureau=f"NCB {user.country}",
            arrival_date=event.start_date,
            departure_date=event.end_date,
            consent_at=now,
            checkin_code=f"T{n:09d}",
        )
        for n, user in enumerate(users)
    )
    Attendance.objects.bulk_create(
        Attendance(registration=r, event=event, country=r.country, status=Status.APPROVED) for r in registrations
    )
    return registrations


def test_badge_sheet_for_300_delegates(tmp_path):
    event = f.event(capacity=400)
    registrations = _many_registrations(event, 300)
    f.registered(f.delegate(), event, Status.WAITLISTED)  # not approved: no badge
    out = tmp_path / "badges.pdf"
    err = io.StringIO()
    call_command("badges", event.slug, "--out", str(out), stderr=err)
    content = out.read_bytes()
    assert page_count(content) == 75  # four a page
    assert "300 badges on 75 pages" in err.getvalue()
    codes = {r.checkin_code for r in registrations}
    first, last = badge_codes(content, 0), badge_codes(content, 74)
    assert len(first) == 4 and len(last) == 4 and set(first + last) <= codes
    text = pdf_text(content)
    for first_name, last_name, _country in MIXED_NAMES:
        assert f"{first_name} {last_name}" in text


def test_badges_command_explains_unknown_events():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No event with the slug"):
        call_command("badges", "no-such-event", "--out", "/tmp/x.pdf")


def test_admin_action_downloads_the_badges_of_the_selected_events(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    event = f.event()
    registration = f.registered(f.delegate(first_name="Mei", last_name="Tan"), event)
    manager = f.delegate(role="event_manager")
    TOTP.activate(manager, generate_totp_secret())
    client.force_login(manager)
    url = reverse("wagtail_bulk_action", args=["events", "event", "print_badges"]) + f"?id={event.pk}&next=/admin/"
    assert "four badges a page" in client.get(url).text
    response = client.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert "Mei Tan" in pdf_text(content)
    assert badge_codes(content) == [registration.checkin_code]
