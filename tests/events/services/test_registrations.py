"""Registration rules: seats, quotas, waiting list, promotion, history, emails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from events.models import Attendance, Notification, Registration, Status, StatusChange
from events.notifications import notifications_send_pending
from events.services.registrations import (
    RegistrationError,
    attendance_set_status,
    attendances_bulk_set_status,
    registration_add_event,
    registration_submit,
)
from tests.events import factories as f

pytestmark = pytest.mark.django_db


def submit(user, events, **overrides):
    return registration_submit(
        user=user, week=events[0].week, events=events, data=f.registration_data(user, **overrides)
    )


def status_of(user, event):
    return Attendance.objects.get(registration__user=user, event=event).status


def test_registration_takes_a_seat_pending_approval():
    event = f.event()
    user = f.delegate()
    registration = submit(user, [event])
    assert registration.attendances.get().status == Status.PENDING
    assert registration.checkin_code and len(registration.checkin_code) == 10
    history = StatusChange.objects.get(attendance__registration=registration)
    assert (history.from_status, history.to_status, history.by) == ("", Status.PENDING, user)


def test_over_capacity_goes_to_the_waiting_list_with_its_position():
    event = f.event(capacity=2)
    users = [f.delegate(country=c) for c in ("FR", "SN", "BR", "JP")]
    for user in users:
        submit(user, [event])
    assert [status_of(u, event) for u in users] == [
        Status.PENDING,
        Status.PENDING,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    positions = [Attendance.objects.get(registration__user=u, event=event).waitlist_position() for u in users[2:]]
    assert positions == [1, 2]


def test_country_quota_sends_the_extra_delegate_to_the_waiting_list():
    event = f.event(capacity=10, country_quota=2)
    french = [f.delegate(country="FR") for _ in range(3)]
    for user in french:
        submit(user, [event])
    assert [status_of(u, event) for u in french] == [Status.PENDING, Status.PENDING, Status.WAITLISTED]
    other = f.delegate(country="KE")
    submit(other, [event])
    assert status_of(other, event) == Status.PENDING  # the quota is per country


def test_a_week_registration_covers_several_events_independently():
    the_week = f.week()
    big, small = f.event(the_week, capacity=5), f.event(the_week, capacity=0)
    user = f.delegate()
    submit(user, [big, small])
    assert status_of(user, big) == Status.PENDING
    assert status_of(user, small) == Status.WAITLISTED


def test_cancellation_promotes_the_next_eligible_delegate_and_tells_them():
    event = f.event(capacity=2, country_quota=1)
    first_fr, first_ke = f.delegate(country="FR"), f.delegate(country="KE")
    second_fr, first_br = f.delegate(country="FR", language="fr"), f.delegate(country="BR", language="fr")
    for user in (first_fr, first_ke, second_fr, first_br):
        submit(user, [event])
    assert status_of(second_fr, event) == status_of(first_br, event) == Status.WAITLISTED
    mail.outbox.clear()
    Notification.objects.all().update(sent_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))

    attendance = Attendance.objects.get(registration__user=first_ke, event=event)
    attendance_set_status(attendance=attendance, status=Status.CANCELLED, by=first_ke)
    # Brazil is next eligible; the second French delegate is ahead in the queue but France is at quota.
    assert status_of(first_br, event) == Status.PENDING
    assert status_of(second_fr, event) == Status.WAITLISTED
    promoted = StatusChange.objects.filter(attendance__registration__user=first_br).last()
    assert (promoted.from_status, promoted.to_status, promoted.by) == (Status.WAITLISTED, Status.PENDING, None)

    notifications_send_pending()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Une place est à vous" in subjects[first_br.email]  # in the delegate's language
    assert "Cancelled" in subjects[first_ke.email]


def test_emails_list_each_event_with_its_status_and_waiting_list_position(django_assert_max_num_queries):
    week = f.week()
    open_event, full = f.event(week), f.event(week, capacity=1)
    submit(f.delegate(country="SN"), [full])
    users = [f.delegate(country=c) for c in ("BR", "JP", "KE")]
    for user in users:
        submit(user, [open_event, full])
    Notification.objects.exclude(registration__user__in=users).update(sent_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    mail.outbox.clear()
    # One email per submission; the batch's attendances come in one query, not one or two per email.
    with django_assert_max_num_queries(2 + 3 + 3):  # batch, attendances, 3 sent marks, 3 positions
        assert notifications_send_pending() == (3, 0)
    for position, user in enumerate(users, start=1):
        (confirmation,) = [m.body for m in mail.outbox if m.to == [user.email]]
        assert f"- {open_event.name}: Pending approval" in confirmation
        assert f"- {full.name}: Waiting list (position {position} on the waiting list)" in confirmation
    # Asking later for a full event: a waiting-list notice with the position.
    late = f.delegate(country="FR")
    registration = submit(late, [open_event])
    mail.outbox.clear()
    registration_add_event(registration=registration, event=full, by=late)
    notifications_send_pending()
    notices = [m.body for m in mail.outbox if m.to == [late.email]]
    assert len(notices) == 2  # the confirmation, and the notice for the event added
    assert any("You are on the waiting list (position 4)." in body for body in notices)


def test_staff_approval_is_recorded_with_who_and_when():
    event = f.event()
    user, manager = f.delegate(), f.delegate(role="event_manager")
    submit(user, [event])
    attendance = Attendance.objects.get(registration__user=user)
    attendance_set_status(attendance=attendance, status=Status.APPROVED, by=manager, note="checked credentials")
    change = StatusChange.objects.filter(attendance=attendance).last()
    assert (change.from_status, change.to_status, change.by, change.note) == (
        Status.PENDING,
        Status.APPROVED,
        manager,
        "checked credentials",
    )
    assert change.at is not None


def test_approving_from_the_waiting_list_needs_a_free_seat():
    event = f.event(capacity=1)
    first, second = f.delegate(), f.delegate(country="SN")
    submit(first, [event])
    submit(second, [event])
    waiting = Attendance.objects.get(registration__user=second)
    with pytest.raises(RegistrationError, match="no free seat"):
        attendance_set_status(attendance=waiting, status=Status.APPROVED, by=None)


def test_impossible_transitions_are_refused_clearly():
    event = f.event()
    user = f.delegate()
    submit(user, [event])
    attendance = Attendance.objects.get(registration__user=user)
    attendance_set_status(attendance=attendance, status=Status.CANCELLED, by=user)
    with pytest.raises(RegistrationError, match="cannot become"):
        attendance_set_status(attendance=attendance, status=Status.APPROVED, by=None)


def test_bulk_status_change_reports_each_failure():
    event = f.event(capacity=1)
    users = [f.delegate(country=c) for c in ("FR", "SN")]
    for user in users:
        submit(user, [event])
    done, errors = attendances_bulk_set_status(
        attendances=list(Attendance.objects.filter(event=event)), status=Status.APPROVED, by=None
    )
    assert done == 1 and len(errors) == 1 and "no free seat" in errors[0]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": False}, "consent"),
        ({"needs_visa_letter": True}, "passport"),
        ({"departure_date": dt.date(2020, 1, 1)}, "departure"),
        ({}, "profile"),  # a profile without a country (below)
    ],
)
def test_bad_registrations_get_a_clear_message(overrides, message):
    event = f.event()
    user = f.delegate(country="" if message == "profile" else "FR")
    with pytest.raises(RegistrationError, match=message):
        submit(user, [event], **overrides)
    assert not Registration.objects.filter(user=user).exists()


def test_closed_or_restricted_events_refuse_registration():
    now = dt.datetime.now(dt.UTC)
    closed = f.event(registration_closes=now - dt.timedelta(hours=1))
    with pytest.raises(RegistrationError, match="closed"):
        submit(f.delegate(), [closed])
    officers_only = f.event(audience="law_enforcement")
    with pytest.raises(RegistrationError, match="not open to your account"):
        submit(f.delegate(), [officers_only])


def test_registering_twice_for_a_week_is_refused():
    event = f.event()
    user = f.delegate()
    submit(user, [event])
    with pytest.raises(RegistrationError, match="already registered"):
        submit(user, [event])


def test_a_cancelled_place_can_be_requested_again_at_the_back_of_the_queue():
    event = f.event()
    user = f.delegate()
    registration = submit(user, [event])
    attendance = registration.attendances.get()
    attendance_set_status(attendance=attendance, status=Status.CANCELLED, by=user)
    again = registration_add_event(registration=registration, event=event, by=user)
    assert again.status == Status.PENDING and again.pk != attendance.pk


def test_adding_a_full_event_sends_one_waiting_list_email_and_one_per_registration():
    week = f.week()
    first, full = f.event(week), f.event(week, capacity=1)
    submit(f.delegate(country="SN"), [full])
    user = f.delegate()
    registration = submit(user, [first])
    assert list(Notification.objects.filter(registration=registration).values_list("kind", flat=True)) == ["submitted"]
    attendance = registration_add_event(registration=registration, event=full, by=user)
    assert attendance.status == Status.WAITLISTED
    kinds = Notification.objects.filter(registration=registration, event=full).values_list("kind", flat=True)
    assert list(kinds) == ["waitlisted"]


def test_a_second_registration_for_the_week_is_refused_and_other_integrity_errors_are_not_hidden():
    event = f.event()
    user = f.delegate()
    submit(user, [event])
    with pytest.raises(RegistrationError, match="already registered"):
        submit(user, [event])
    # A database error that is not that constraint surfaces as itself, not as "already registered".
    from django.db import IntegrityError

    other = f.delegate(country="SN")

    def broken(*args, **kwargs):
        raise IntegrityError("history row refused")

    with pytest.MonkeyPatch.context() as patch, pytest.raises(IntegrityError, match="history row refused"):
        patch.setattr("events.services.seats.place", broken)
        submit(other, [event])
    assert not Registration.objects.filter(user=other).exists()  # and nothing half-written


def test_passport_details_are_not_kept_without_a_visa_request():
    event = f.event()
    user = f.delegate()
    registration = submit(user, [event], passport_number="X1234567")
    assert registration.passport_number == ""


def test_visa_request_keeps_the_passport_details():
    event = f.event()
    user = f.delegate()
    registration = submit(
        user,
        [event],
        needs_visa_letter=True,
        passport_name="AMADOU DIALLO",
        passport_number="A1234567",
        passport_nationality="SN",
        passport_expiry=dt.date.today() + dt.timedelta(days=800),
    )
    assert (registration.passport_number, str(registration.passport_nationality)) == ("A1234567", "SN")


@override_settings(EMAIL_BACKEND="tests.events.broken_mail.BrokenBackend")
def test_a_mail_outage_keeps_the_registration_and_retries_later():
    event = f.event()
    user = f.delegate(language="fr")
    registration = submit(user, [event])  # the mail server is down
    assert Registration.objects.filter(pk=registration.pk).exists()
    sent, failed = notifications_send_pending()
    assert (sent, failed) == (0, 1)
    waiting = Notification.objects.get(registration=registration)
    assert waiting.sent_at is None and waiting.attempts == 1 and "refused" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now()  # it waits a minute before its next try
    Notification.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())  # the minute passes
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert notifications_send_pending() == (1, 0)
    assert "Votre inscription" in mail.outbox[-1].subject


def test_reminders_go_once_to_approved_delegates_in_their_language(capsys):
    from django.core.management import call_command

    event = f.event()
    approved, waiting = f.delegate(language="fr"), f.delegate(country="KE")
    registration = submit(approved, [event])
    attendance_set_status(attendance=registration.attendances.get(), status=Status.APPROVED, by=None)
    submit(waiting, [event])
    mail.outbox.clear()
    call_command("send_event_reminders", event.week.slug)
    call_command("send_event_reminders", event.week.slug)
    reminders = [m for m in mail.outbox if "Rappel" in m.subject or "Reminder" in m.subject]
    assert [m.to for m in reminders] == [[approved.email]]
    assert "Rappel" in reminders[0].subject
    assert "Queued 0 reminders." in capsys.readouterr().out


def test_a_real_smtp_server_down_then_back_delivers_every_mail(settings):
    """The SMTP backend meets a closed port, then a server on that port: nothing is lost."""
    import socket

    from tests.events.smtp_sink import SMTPSink

    with socket.socket() as probe:  # a free loopback port, with nothing listening yet
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    event = f.event()
    users = [f.delegate(language=lang) for lang in ("fr", "en", "fr")]
    registrations = [submit(user, [event]) for user in users]  # the mail server is down
    assert Registration.objects.filter(pk__in=[r.pk for r in registrations]).count() == 3
    assert notifications_send_pending() == (0, 1)  # the connection fails: one attempt for the batch
    waiting = list(Notification.objects.filter(registration__in=registrations))
    assert len(waiting) == 3, [(n.kind, n.attempts, n.last_error) for n in waiting]
    tried = [n for n in waiting if n.attempts]
    assert len(tried) == 1 and "refused" in tried[0].last_error.lower(), [n.last_error for n in waiting]

    sink = SMTPSink(port)  # the server comes back, and the retry's time comes
    Notification.objects.filter(pk=tried[0].pk).update(next_attempt_at=timezone.now())
    try:
        assert notifications_send_pending() == (3, 0)
    finally:
        sink.stop()
    assert len(sink.messages) == 3
    assert sum("Votre inscription" in message or "=?utf-8?" in message for message in sink.messages) >= 2
    assert Notification.objects.filter(registration__in=registrations, sent_at__isnull=True).count() == 0
