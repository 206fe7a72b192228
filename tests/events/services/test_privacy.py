"""Delegates' data belongs to them: retention rules, download, account deletion, audit log."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Attendance, ConferenceWeek, Event, Invitation, Registration, Status
from events.selectors import event_figures, week_statistics
from portal.accounts.models import User
from portal.audit.models import Action, AuditEntry
from tests.events import factories as f
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PASSPORT = {
    "needs_visa_letter": True,
    "passport_name": "Ana Lima",
    "passport_number": "P1234567",
    "passport_nationality": "BR",
    "passport_expiry": dt.date(2030, 1, 1),
}


def ended(week: ConferenceWeek, days_ago: int) -> None:
    """Move a week (and its events) into the past: it ended ``days_ago`` days ago."""
    end = timezone.localdate() - dt.timedelta(days=days_ago)
    start = end - dt.timedelta(days=4)
    ConferenceWeek.objects.filter(pk=week.pk).update(start_date=start, end_date=end)
    Event.objects.filter(week=week).update(start_date=start, end_date=end)


def staff(role="event_manager"):
    user = UserFactory(role=role)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture(autouse=True)
def _retention_settings(settings):
    settings.RETENTION_PASSPORT_DAYS = 30
    settings.RETENTION_REGISTRATION_DAYS = 365
    settings.RETENTION_AUDIT_DAYS = 730


class TestRetention:
    @pytest.fixture(autouse=True)
    def _only_these_registrations(self):
        """The demo's Singapore week (2023) is itself due for retention: these tests count only
        the registrations they make (the deletion is rolled back with the test)."""
        Registration.objects.all().delete()

    def _weeks(self):
        """Three weeks: ended 10 days ago, 40 days ago (passports due), 400 days ago (all due)."""
        made = {}
        for days in (10, 40, 400):
            event = f.event(country_quota=2)
            users = [f.delegate(country=c) for c in ("BR", "BR", "KE")]
            regs = [f.registered(u, event, **PASSPORT) for u in users]
            ended(event.week, days)
            made[days] = (event, users, regs)
        return made

    def test_dry_run_changes_nothing_and_says_what_it_would_do(self, capsys):
        self._weeks()
        before = list(Registration.objects.values_list("passport_number", "bureau", "user_id"))
        call_command("purge_personal_data", "--dry-run")
        out = capsys.readouterr().out
        assert "Would remove passport details from 3 registrations (weeks ended more than 30 days ago)." in out
        assert "Would anonymise 3 registrations (weeks ended more than 365 days ago)." in out
        assert "Dry run: nothing was changed." in out
        assert list(Registration.objects.values_list("passport_number", "bureau", "user_id")) == before
        assert not AuditEntry.objects.filter(action=Action.RETENTION).exists()

    def test_passports_go_after_n_days_and_registrations_are_anonymised_after_m(self, capsys):
        weeks = self._weeks()
        old_event = weeks[400][0]
        figures_before = event_figures(old_event)
        stats_before = week_statistics(old_event.week)
        call_command("purge_personal_data")
        out = capsys.readouterr().out
        assert "Removed passport details from 3 registrations" in out and "Anonymised 3 registrations" in out

        recent = Registration.objects.filter(week=weeks[10][0].week)
        assert all(r.passport_number == "P1234567" and r.user_id for r in recent)  # nothing due yet

        middle = Registration.objects.filter(week=weeks[40][0].week)
        for r in middle:
            assert (r.passport_name, r.passport_number, r.passport_expiry) == ("", "", None)
            assert r.passport_purged_at and r.user_id and r.bureau  # the rest stays until M days

        old = Registration.objects.filter(week=old_event.week)
        codes = {r.checkin_code for r in weeks[400][2]}
        for r in old:
            assert r.user_id is None and r.anonymised_at
            assert (r.bureau, r.dietary_needs, r.passport_number) == ("", "", "")
            assert r.checkin_code not in codes  # an old badge leads nowhere
        # The figures are the same: statuses, countries, per event.
        assert event_figures(old_event) == figures_before
        stats_after = week_statistics(old_event.week)
        assert stats_after["by_status"] == stats_before["by_status"]
        assert sorted(Attendance.objects.filter(event=old_event).values_list("country", flat=True)) == [
            "BR",
            "BR",
            "KE",
        ]
        # The accounts themselves remain (only the registration is anonymised).
        assert all(User.objects.filter(pk=u.pk).exists() for u in weeks[400][1])

        entry = AuditEntry.objects.get(action=Action.RETENTION)
        assert entry.detail["passports_purged"] == 3 and entry.detail["registrations_anonymised"] == 3
        assert entry.detail["passport_days"] == 30 and entry.detail["registration_days"] == 365

        call_command("purge_personal_data")  # a second run finds nothing left to do
        assert "Anonymised 0 registrations" in capsys.readouterr().out

    def test_invitations_of_old_weeks_are_deleted(self):
        event = f.event()
        Invitation.objects.create(week=event.week, email="old.invitee@example.test")
        ended(event.week, 400)
        call_command("purge_personal_data")
        assert not Invitation.objects.filter(email="old.invitee@example.test").exists()

    def test_audit_entries_are_kept_two_years_then_deleted(self, capsys):
        from django.utils import timezone

        from portal.audit.services import record

        old, recent = (record(Action.EXPORT, object_type="event", object_id=n) for n in (1, 2))
        AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=731))
        AuditEntry.objects.filter(pk=recent.pk).update(at=timezone.now() - dt.timedelta(days=729))
        call_command("purge_personal_data", "--dry-run")
        assert "Would delete 1 audit log entries (older than 730 days)." in capsys.readouterr().out
        assert AuditEntry.objects.filter(pk=old.pk).exists()
        call_command("purge_personal_data")
        assert "Deleted 1 audit log entries" in capsys.readouterr().out
        assert not AuditEntry.objects.filter(pk=old.pk).exists()
        assert AuditEntry.objects.filter(pk=recent.pk).exists()
        run = AuditEntry.objects.filter(action=Action.RETENTION).latest("at")  # the run records itself
        assert run.detail["audit_entries_deleted"] == 1 and run.detail["audit_days"] == 730

    def test_anonymised_registrations_export_without_names_and_have_no_documents(self, client):
        event = f.event()
        registration = f.registered(f.delegate(), event)
        ended(event.week, 400)
        call_command("purge_personal_data")
        client.force_login(staff())
        csv = client.get(reverse("events:export", args=[event.slug, "csv"])).content.decode("utf-8-sig")
        row = csv.splitlines()[1]
        assert row.startswith(f"{event.name},Approved,,,,FR,")
        response = client.get(reverse("events:document", args=[registration.pk, "badge"]))
        assert response.status_code == 409 and "has been removed" in response.text


class TestPersonalDataDownload:
    def test_a_delegate_downloads_everything_held_about_them(self, client):
        event = f.event()
        session = f.session(event)
        user = f.delegate(first_name="Ana", last_name="Lima")
        registration = f.registered(user, event, **PASSPORT)
        client.force_login(user)
        client.post(reverse("events:star", args=[session.pk]))
        # A staff member downloads their visa letter: the person sees that it happened.
        manager = staff()
        client.force_login(manager)
        assert client.get(reverse("events:document", args=[registration.pk, "letter"])).status_code == 200
        client.force_login(user)
        response = client.get(reverse("accounts_personal_data"))
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="liaison-personal-data.json"'
        assert "no-store" in response["Cache-Control"]
        data = json.loads(response.content)
        assert data["account"]["email"] == user.email and data["account"]["last_name"] == "Lima"
        assert "secret" not in json.dumps(data["account"]["second_factors"])
        [reg] = data["events"]["registrations"]
        assert reg["passport"]["number"] == "P1234567" and reg["checkin_code"] == registration.checkin_code
        assert reg["events"][0]["status"] == "approved" and reg["events"][0]["history"]
        assert data["events"]["starred_sessions"][0]["session"] == session.title.translations  # every language held
        assert [(a["action"], a["object"]) for a in data["staff_access"]] == [
            ("document", f"registration #{registration.pk}")
        ]
        assert AuditEntry.objects.filter(action=Action.SELF_EXPORT, subject_user_id=user.pk).exists()

    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = client.get(reverse("accounts_personal_data"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class TestAccountDeletion:
    def test_wrong_password_or_no_confirmation_deletes_nothing(self, client):
        user = f.delegate()
        client.force_login(user)
        response = client.post(reverse("accounts_delete"), {"password": "not it", "confirm": "on"})
        assert response.status_code == 200 and "This is not your password." in response.text
        response = client.post(reverse("accounts_delete"), {"password": PASSWORD})
        assert response.status_code == 200 and "This field is required." in response.text
        assert User.objects.filter(pk=user.pk).exists()

    def test_deletion_anonymises_registrations_frees_seats_and_keeps_the_figures(self, client, mailoutbox):
        past = f.event()
        past_user = f.delegate(country="BR")
        past_registration = f.registered(past_user, past, **PASSPORT)
        ended(past.week, 100)

        upcoming = f.event(capacity=1)
        seated = f.registered(past_user, upcoming)
        waiting_user = f.delegate(country="KE")
        waiting = f.registered(waiting_user, upcoming, status=Status.PENDING)
        assert waiting.attendances.get().status == Status.WAITLISTED
        figures_past = event_figures(past)

        client.force_login(past_user)
        assert "Delete my account" in client.get(reverse("accounts_profile")).text
        response = client.post(reverse("accounts_delete"), {"password": PASSWORD, "confirm": "on"}, follow=True)
        assert "Your account has been deleted" in response.text
        assert not User.objects.filter(pk=past_user.pk).exists()
        assert not response.context["user"].is_authenticated

        for registration in (past_registration, seated):
            registration.refresh_from_db()
            assert registration.user_id is None and registration.anonymised_at
            assert registration.passport_number == "" and registration.bureau == ""
        assert event_figures(past) == figures_past  # the past event still counts them
        assert seated.attendances.get().status == Status.CANCELLED  # the seat is freed…
        assert waiting.attendances.get().status == Status.PENDING  # …and the next delegate has it
        entry = AuditEntry.objects.get(action=Action.ACCOUNT_DELETED)
        assert entry.subject_user_id == past_user.pk and entry.detail["registrations anonymised"] == 2

    def test_an_administrator_cannot_delete_itself(self, client):
        admin = UserFactory(role="superuser")
        client.force_login(admin)
        response = client.post(reverse("accounts_delete"), {"password": PASSWORD, "confirm": "on"})
        assert response.status_code == 200 and "cannot delete itself" in response.text
        assert User.objects.filter(pk=admin.pk).exists()


class TestAuditLog:
    def test_staff_access_to_personal_data_is_recorded(self, client):
        demo = list(AuditEntry.objects.values_list("pk", flat=True))  # the demo's own entries
        event = f.event()
        user = f.delegate()
        registration = f.registered(user, event, **PASSPORT)
        client.force_login(user)
        client.get(reverse("events:document", args=[registration.pk, "badge"]))  # their own: not staff access
        assert not AuditEntry.objects.exclude(pk__in=demo).exists()

        manager = staff()
        client.force_login(manager)
        client.get(reverse("events:export", args=[event.slug, "csv"]) + "?country=FR")
        client.get(reverse("events:document", args=[registration.pk, "letter"]))
        client.get(f"/admin/snippets/events/registration/edit/{registration.pk}/")
        entries = list(AuditEntry.objects.exclude(pk__in=demo).order_by("id"))
        assert [e.action for e in entries] == [Action.EXPORT, Action.DOCUMENT, Action.REGISTRATION_VIEW]
        assert all(e.actor == manager and e.actor_label == manager.email for e in entries)
        assert entries[0].detail == {"format": "csv", "status": "", "country": "FR", "rows": 1}
        assert entries[1].detail == {"kind": "letter"} and entries[1].subject_user_id == user.pk
        assert entries[2].object_id == str(registration.pk) and entries[2].ip_address == "127.0.0.1"

    def test_badge_printing_is_recorded(self, tmp_path):
        event = f.event()
        f.registered(f.delegate(), event)
        call_command("badges", event.slug, "--out", str(tmp_path / "b.pdf"))
        entry = AuditEntry.objects.get(action=Action.BADGES)
        assert entry.detail["badges"] == 1 and entry.detail["via"] == "manage.py badges"

    def test_staff_managers_read_the_log_and_nobody_edits_it(self, client):
        event = f.event()
        manager = staff()
        client.force_login(manager)
        client.get(reverse("events:export", args=[event.slug, "csv"]))
        entry = AuditEntry.objects.get(actor=manager)

        for role in ("event_manager", "editor", "moderator"):
            client.force_login(staff(role))
            assert client.get("/admin/audit/").status_code in (302, 403)

        client.force_login(staff("staff_manager"))
        listing = client.get("/admin/audit/")
        assert listing.status_code == 200 and manager.email in listing.text
        assert client.get(f"/admin/audit/inspect/{entry.pk}/").status_code == 200
        for url in ("/admin/audit/new/", f"/admin/audit/edit/{entry.pk}/", f"/admin/audit/delete/{entry.pk}/"):
            assert client.get(url).status_code in (302, 403)
        client.post(f"/admin/audit/delete/{entry.pk}/")
        client.force_login(staff("superuser"))
        client.post(f"/admin/audit/delete/{entry.pk}/")
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_anonymised_delegates_keep_their_roundtable_seat_when_tables_are_assigned_again():
    from events.models import Placement
    from events.services.roundtables import roundtables_assign

    event = f.event()
    f.roundtable(event, region="europe", language="en", capacity=4)
    registrations = [f.registered(f.delegate(country="FR"), event) for _ in range(2)]
    roundtables_assign(event=event)
    assert Placement.objects.filter(event=event).count() == 2
    ended(event.week, 400)
    call_command("purge_personal_data")
    report = roundtables_assign(event=event)
    assert report.removed == 0
    assert set(Placement.objects.filter(event=event).values_list("registration_id", flat=True)) == {
        r.pk for r in registrations
    }


def test_a_passport_nationality_alone_is_purged_too():
    event = f.event()
    registration = f.registered(f.delegate(), event)
    Registration.objects.filter(pk=registration.pk).update(passport_nationality="BR")
    ended(event.week, 40)
    call_command("purge_personal_data")
    registration.refresh_from_db()
    assert str(registration.passport_nationality) == "" and registration.passport_purged_at
