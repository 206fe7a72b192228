"""A delegate changes their registration until the week's deadline; the country their places count
for is fixed at registration (from the invitation or the profile) and only staff move it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from events.models import Attendance, Invitation, Registration, Status
from events.services.invitations import invitation_apply
from events.services.registrations import (
    RegistrationError,
    registration_change,
    registration_submit,
    registration_update,
)
from tests.events import factories as f
from tests.events.helpers import form_data

pytestmark = pytest.mark.django_db

PASSPORT = {
    "needs_visa_letter": "on",
    "passport_name": "AMINA DIALLO",
    "passport_number": "A1234567",
    "passport_nationality": "SN",
}


def change_url(registration, language="en"):
    return reverse("events:change", args=[registration.pk]).replace("/en/", f"/{language}/")


def details(registration, **changes):
    """The change form's fields as the delegate's browser posts them (unticked boxes absent)."""
    data = {
        "arrival_date": registration.arrival_date.isoformat(),
        "departure_date": registration.departure_date.isoformat(),
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_delegate_changes_dates_and_needs_and_the_history_says_so(client, language):
    registration = f.registered(f.delegate(language=language), f.event())
    client.force_login(registration.user)
    my = client.get(f"/{language}/events/my/")
    assert change_url(registration, language) in my.text
    form = client.get(change_url(registration, language))
    assert form.status_code == 200
    assert f'value="{registration.arrival_date.isoformat()}"' in form.text  # ISO, as browsers need
    new_arrival = registration.arrival_date + dt.timedelta(days=1)
    answer = client.post(
        change_url(registration, language),
        details(registration, arrival_date=new_arrival.isoformat(), dietary_needs="Halal"),
        follow=True,
    )
    assert {"en": "Your registration is changed.", "fr": "Votre inscription est modifiée."}[language] in answer.text
    registration.refresh_from_db()
    assert registration.arrival_date == new_arrival and registration.dietary_needs == "Halal"
    # The seat is untouched, and the admin's history of the registration names what changed.
    assert registration.attendances.get().status == Status.APPROVED
    entry = ModelLogEntry.objects.get(action="events.registration.change", object_id=str(registration.pk))
    assert entry.user_id == registration.user_id
    assert entry.data["fields"] == ["arrival_date", "dietary_needs"]
    assert {"en": "arrival date, dietary needs", "fr": "date d’arrivée, régime alimentaire"}[language] in entry.message


def test_asking_for_a_letter_later_needs_the_passport_and_dropping_it_deletes_the_passport(client):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    client.force_login(registration.user)
    url = change_url(registration)
    missing = client.post(url, details(registration, needs_visa_letter="on"))
    assert missing.status_code == 200
    assert "For a visa letter we also need" in missing.text
    expiry = (event.week.end_date + dt.timedelta(days=400)).isoformat()
    client.post(url, details(registration, passport_expiry=expiry, **PASSPORT))
    registration.refresh_from_db()
    assert registration.needs_visa_letter and registration.passport_number == "A1234567"
    entry = ModelLogEntry.objects.filter(action="events.registration.change").latest("timestamp")
    assert entry.data["fields"] == ["needs_visa_letter", "passport details"]
    assert "A1234567" not in str(entry.data)  # the history never holds the passport itself
    client.post(url, details(registration))  # the box unticked
    registration.refresh_from_db()
    assert not registration.needs_visa_letter
    assert (registration.passport_name, registration.passport_number, registration.passport_expiry) == ("", "", None)


def test_bad_dates_are_refused_with_a_message_and_nothing_changes(client):
    registration = f.registered(f.delegate(), f.event())
    client.force_login(registration.user)
    before = registration.departure_date
    page = client.post(
        change_url(registration),
        details(registration, departure_date=(registration.arrival_date - dt.timedelta(days=2)).isoformat()),
    )
    assert page.status_code == 200 and "Your departure cannot be before your arrival." in page.text
    registration.refresh_from_db()
    assert registration.departure_date == before


def test_changes_close_after_the_deadline_set_on_the_week(client):
    event = f.event()
    registration = f.registered(f.delegate(), event)
    week = event.week
    week.changes_until = dt.date.today() - dt.timedelta(days=1)
    week.save()
    client.force_login(registration.user)
    assert change_url(registration) not in client.get("/en/events/my/").text
    answer = client.post(change_url(registration), details(registration, dietary_needs="Vegan"), follow=True)
    assert "Changes to this registration have closed" in answer.text
    registration.refresh_from_db()
    assert registration.dietary_needs == ""
    with pytest.raises(RegistrationError, match="closed on"):
        registration_change(registration=registration, by=registration.user, data={"dietary_needs": "Vegan"})


def test_without_a_deadline_changes_end_the_day_before_the_week():
    week = f.week(start_date=dt.date.today() + dt.timedelta(days=1))
    assert week.last_change_day == dt.date.today()
    assert week.changes_open()
    week.start_date = dt.date.today()
    assert not week.changes_open()


def test_nobody_changes_someone_elses_registration(client):
    registration = f.registered(f.delegate(), f.event())
    client.force_login(f.delegate())
    assert client.get(change_url(registration)).status_code == 404
    assert client.post(change_url(registration), details(registration, dietary_needs="x")).status_code == 404


def test_a_country_at_its_quota_stays_at_its_quota_after_a_profile_change(client):
    """The exploit the issue names: a second delegate from a country at quota edits the profile's
    country. Registered first: the profile's country is fixed. Registered later: ...fixed too,
    from then on, and the quota counted the country given at registration."""
    event = f.event(capacity=10, country_quota=1)
    first = f.registered(f.delegate(country="FR"), event)
    assert first.user.country_fixed_at is not None
    client.force_login(first.user)
    client.post(
        "/en/accounts/profile/",
        {
            "first_name": "A",
            "last_name": "B",
            "country": "DE",
            "organisation": "NCB",
            "job_title": "",
            "preferred_language": "en",
        },
    )
    first.user.refresh_from_db()
    assert str(first.user.country) == "FR"  # fixed: the form ignores it
    page = client.get("/en/accounts/profile/")
    assert "To correct it, write to the conference secretariat." in page.text
    assert 'name="country"' in page.text and "disabled" in page.text.split('name="country"')[1][:200]
    # The registration still counts for France, and a second French delegate waits.
    second = f.delegate(country="FR")
    client.force_login(second)
    client.post(f"/en/events/week/{event.week.slug}/register/", form_data(event))
    assert Attendance.objects.get(registration__user=second).status == Status.WAITLISTED


def test_an_invitations_country_wins_over_the_profile_and_is_fixed():
    event = f.event(country_quota=1)
    user = f.delegate(country="DE")
    invitation = Invitation.objects.create(week=event.week, email=user.email, country="SN", role="delegate")
    invitation_apply(user=user, invitation=invitation)
    user.refresh_from_db()
    assert str(user.country) == "SN" and user.country_fixed_at is not None
    registration = registration_submit(
        user=user, week=event.week, events=[event], data=f.registration_data(user), invitation=invitation
    )
    assert str(registration.country) == "SN"
    assert str(registration.attendances.get().country) == "SN"


def test_someone_else_holding_an_invitation_link_keeps_their_own_country():
    event = f.event()
    user = f.delegate(country="DE")
    invitation = Invitation.objects.create(week=event.week, email="someone-else@example.org", country="SN")
    invitation_apply(user=user, invitation=invitation)
    user.refresh_from_db()
    assert str(user.country) == "DE" and user.country_fixed_at is None


def test_staff_move_the_country_through_the_service_which_moves_the_seats():
    event = f.event(capacity=10, country_quota=1)
    french = f.registered(f.delegate(country="FR"), event)
    waiting = f.registered(f.delegate(country="FR"), event, status=Status.PENDING)
    assert waiting.attendances.get().status == Status.WAITLISTED
    registration_update(registration=french, by=None, country="BE")
    french.refresh_from_db()
    french.user.refresh_from_db()
    assert str(french.attendances.get().country) == "BE"
    assert str(french.user.country) == "BE"  # the next registration counts for Belgium too
    # France's place is free again: the waiting French delegate is promoted.
    assert Registration.objects.get(pk=waiting.pk).attendances.get().status == Status.PENDING
