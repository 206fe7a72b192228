"""Delegate registration on the site, check-in, exports, statistics, roundtables, API, iCal and event search."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import AgendaFeed, AgendaItem, Attendance, Placement, Registration, Status
from events.services.roundtables import placement_set_manually, roundtables_assign
from portal.audit.models import AuditEntry
from tests.events import factories as f
from tests.events.helpers import form_data, registered

pytestmark = pytest.mark.django_db


class TestRegisteringOnTheSite:
    def test_delegate_registers_and_sees_the_waiting_list_position(self, client):
        event = f.event(capacity=1)
        registered(f.delegate(country="SN"), event)
        user = f.delegate(country="FR")
        client.force_login(user)
        response = client.post(reverse("events:register", args=[event.week.slug]), form_data(event))
        assert response.status_code == 302 and response["Location"].endswith("/events/my/")
        page = client.get(reverse("events:my"))
        assert "Waiting list" in page.text and "position 1" in page.text

    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_a_busy_database_answers_try_again_and_keeps_nothing_half_done(self, client, monkeypatch, language):
        """SQLite's busy timeout ran out (PostgreSQL's lock timeout:
        tests/events/services/test_registrations_postgres.py)."""
        from django.db import OperationalError

        from events.services import seats

        def locked(**kwargs):
            raise OperationalError("database is locked")

        event = f.event()
        user = f.delegate(language=language)
        client.force_login(user)
        monkeypatch.setattr(seats, "place", locked)
        url = f"/{language}/events/week/{event.week.slug}/register/"
        response = client.post(url, form_data(event))
        assert response.status_code == 503 and response["Retry-After"] == "5"
        expected = {
            "en": "Many delegates are registering at this moment",
            "fr": "De nombreux délégués s’inscrivent en ce moment",
        }[language]
        assert expected in response.text
        assert not Registration.objects.filter(user=user).exists()

    def test_registering_twice_leads_to_my_registrations_not_to_a_second_one(self, client):
        event = f.event()
        user = f.delegate()
        client.force_login(user)
        url = reverse("events:register", args=[event.week.slug])
        assert client.post(url, form_data(event)).status_code == 302
        for again in (lambda: client.post(url, form_data(event)), lambda: client.get(url)):  # second tab, back
            response = again()
            assert response.status_code == 302 and response["Location"].endswith("/events/my/")
            page = client.get(response["Location"])
            assert "You are already registered for this week." in page.text
        assert Registration.objects.filter(user=user).count() == 1
        assert Attendance.objects.filter(registration__user=user).count() == 1

    def test_form_errors_are_explained(self, client):
        event = f.event()
        user = f.delegate()
        client.force_login(user)
        response = client.post(
            reverse("events:register", args=[event.week.slug]), form_data(event, consent="", needs_visa_letter="on")
        )
        assert response.status_code == 200
        assert "For a visa letter we also need" in response.text
        assert not Registration.objects.filter(user=user).exists()

    def test_unverified_accounts_must_confirm_their_email_first(self, client):
        from tests.factories import UserFactory

        event = f.event()
        client.force_login(UserFactory(country="FR", organisation="NCB Paris"))
        response = client.get(reverse("events:register", args=[event.week.slug]))
        assert response.status_code == 302 and "/accounts/email/" in response["Location"]

    def test_french_page_and_invitation_prefill(self, client):
        from events.services.invitations import invitation_create

        event = f.event()
        invitation = invitation_create(
            week=event.week, email="guest@example.test", by=None, role="head", events=[event]
        )
        user = f.delegate()
        client.force_login(user)
        response = client.get(reverse("events:invitation", args=[invitation.token]), follow=True)
        form = response.context["form"]
        assert form.initial["role"] == "head" and form.initial["events"] == [str(event.pk)]
        client.post(reverse("events:register", args=[event.week.slug]), form_data(event, role="head"))
        invitation.refresh_from_db()
        assert invitation.accepted_at is not None
        french = client.get("/fr/events/my/").text
        assert "Mes inscriptions" in french and "En attente de validation" in french

    def test_an_invitation_to_my_verified_address_makes_me_a_delegate(self, client):
        from events.services.invitations import invitation_create

        event = f.event(audience="delegates")
        user = f.delegate(role="public", country="", organisation="")
        invitation = invitation_create(
            week=event.week, email=user.email.upper(), by=None, country="KE", bureau="NCB Nairobi"
        )
        client.force_login(user)
        assert event.name not in client.get(reverse("events:register", args=[event.week.slug])).text
        response = client.get(reverse("events:invitation", args=[invitation.token]), follow=True)
        assert "Your invitation is accepted" in response.text
        assert [e.pk for e in response.context["events"]] == [event.pk]
        user.refresh_from_db()
        assert user.groups.filter(name="Delegates").exists()
        assert (str(user.country), user.organisation) == ("KE", "NCB Nairobi")
        # The clearance was granted without a click from staff: the audit log keeps who and why.
        entry = AuditEntry.objects.get(action="invitation_admitted", subject_user_id=user.pk)
        assert (entry.actor, entry.object_type, entry.object_id) == (user, "invitation", str(invitation.pk))
        assert entry.detail["group"] == "Delegates" and entry.detail["week"] == event.week.slug
        assert entry.ip_address == "127.0.0.1"

    @pytest.mark.parametrize("case", ["other address", "unverified address"])
    def test_an_invitation_held_by_someone_else_only_fills_the_form(self, client, case):
        from allauth.account.models import EmailAddress

        from events.services.invitations import invitation_create

        event = f.event(audience="delegates")
        user = f.delegate(role="public")
        email = "someone.else@example.test"
        if case == "unverified address":
            EmailAddress.objects.create(user=user, email=email, verified=False, primary=False)
        invitation = invitation_create(week=event.week, email=email, by=None)
        client.force_login(user)
        response = client.get(reverse("events:invitation", args=[invitation.token]), follow=True)
        assert "Your invitation is accepted" not in response.text
        assert response.context["events"] == []
        assert not user.groups.filter(name="Delegates").exists()
        assert not AuditEntry.objects.filter(action="invitation_admitted", subject_user_id=user.pk).exists()

    def test_delegates_can_cancel_only_their_own_place(self, client):
        event = f.event()
        mine, theirs = registered(f.delegate(), event), registered(f.delegate(country="KE"), event)
        client.force_login(mine.user)
        other_attendance = theirs.attendances.get()
        assert client.post(reverse("events:cancel", args=[other_attendance.pk])).status_code == 404
        other_attendance.refresh_from_db()
        assert other_attendance.status == Status.PENDING
        client.post(reverse("events:cancel", args=[mine.attendances.get().pk]))
        assert mine.attendances.get().status == Status.CANCELLED

    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_cancelling_asks_first_naming_the_event_and_what_is_lost(self, client, language):
        event = f.event(capacity=1)
        mine = registered(f.delegate(language=language), event, status=Status.APPROVED)
        waiting = registered(f.delegate(country="KE"), event)
        assert waiting.attendances.get().status == Status.WAITLISTED
        client.force_login(mine.user)
        attendance = mine.attendances.get()
        listing = client.get(f"/{language}/events/my/")
        link = reverse("events:cancel", args=[attendance.pk]).replace("/en/", f"/{language}/")
        assert f'href="{link}"' in listing.text and event.name in listing.text
        confirm = client.get(link)  # following the link changes nothing
        assert confirm.status_code == 200
        assert Attendance.objects.get(pk=attendance.pk).status == Status.APPROVED
        expected = {
            "en": ("Cancel your place at", "goes to the next delegate on the waiting list"),
            "fr": ("Annuler votre place à", "passe au délégué suivant de la liste d’attente"),
        }[language]
        assert all(text in confirm.text for text in expected) and event.name in confirm.text
        assert client.post(link).status_code == 302
        assert Attendance.objects.get(pk=attendance.pk).status == Status.CANCELLED
        assert waiting.attendances.get().status != Status.WAITLISTED  # the seat went to the next one

    def test_delegates_add_another_event_of_their_week_later(self, client):
        the_week = f.week()
        first, second = f.event(the_week), f.event(the_week, capacity=0)
        registration = registered(f.delegate(), first)
        client.force_login(registration.user)
        page = client.get(reverse("events:my")).text
        assert "Add another event of this week" in page and second.name in page
        client.post(reverse("events:add_event", args=[registration.pk]), {"event": second.pk})
        assert registration.attendances.get(event=second).status == Status.WAITLISTED
        page = client.get(reverse("events:my")).text
        assert "is added: Waiting list." in page
        # Someone else's registration, or an event of another week, is refused.
        other = registered(f.delegate(country="KE"), f.event())
        assert client.post(reverse("events:add_event", args=[other.pk]), {"event": first.pk}).status_code == 404
        response = client.post(
            reverse("events:add_event", args=[registration.pk]),
            {"event": other.attendances.get().event_id},
            follow=True,
        )
        assert "Choose one of this week" in response.text

    def test_a_restricted_event_answers_as_a_restricted_page_does(self, client):
        hidden = f.event(audience="law_enforcement")
        url = reverse("events:detail", args=[hidden.slug])
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
        client.force_login(f.delegate())
        refused = client.get(url)
        assert refused.status_code == 403
        assert hidden.name not in refused.text  # why, not what
        assert (
            "restricted" in refused.text
            and "Your account currently gives access to material for: Delegates" in refused.text
        )
        assert hidden.name not in client.get(reverse("events:list")).text
        client.force_login(f.delegate(role="law_enforcement"))
        allowed = client.get(url)
        assert allowed.status_code == 200 and hidden.name in allowed.text
        assert "no-store" in allowed["Cache-Control"]

    def test_starring_builds_a_personal_ical_agenda(self, client):
        event = f.event()
        session = f.session(
            event,
            title={"en": "Data, data, data; and more", "fr": "Données"},
        )
        user = f.delegate()
        client.force_login(user)
        client.post(reverse("events:star", args=[session.pk]), {"next": "https://evil.example/"})
        assert AgendaItem.objects.filter(user=user, session=session).exists()
        feed = AgendaFeed.objects.get_or_create(user=user)[0]
        client.logout()  # calendar apps fetch without a session
        body = client.get(f"/api/v1/agenda/{feed.token}.ics").content.decode()
        assert body.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:Data\\, data\\, data\\; and more" in body
        assert client.get("/api/v1/agenda/not-a-token.ics").status_code == 404


def test_programme_times_are_local_to_the_venue(client):
    import zoneinfo

    the_week = f.week(time_zone="Asia/Singapore")
    event = f.event(the_week, audience="public")
    start = dt.datetime.combine(event.start_date, dt.time(9, 0), zoneinfo.ZoneInfo("Asia/Singapore"))
    f.session(event, starts_at=start, ends_at=start + dt.timedelta(hours=1), audience="public")
    page = client.get(reverse("events:detail", args=[event.slug])).text
    assert "09:00" in page and "01:00" not in page  # 01:00 would be UTC
    assert "Asia/Singapore" in page


class TestCheckin:
    def test_arrival_is_recorded_once_and_problems_are_clear(self, client, settings):
        event = f.event(start_date=timezone.localdate(), end_date=timezone.localdate())
        manager = f.delegate(role="event_manager")
        approved = registered(f.delegate(first_name="Awa", last_name="Diallo"), event, status=Status.APPROVED)
        pending = registered(f.delegate(country="KE"), event)
        client.force_login(manager)
        url = reverse("events:checkin_desk", args=[event.slug])
        code = approved.checkin_code
        first = client.post(url, {"code": f" {code[:5].lower()}-{code[5:]} "})
        assert "Awa Diallo (France) is checked in at" in first.text
        again = client.post(url, {"code": code})
        assert "Already used" in again.text and "A badge counts once" in again.text
        assert "Unknown code" in client.post(url, {"code": "NOPE000000"}).text
        refused = client.post(url, {"code": pending.checkin_code}).text
        assert "still waiting for approval" in refused and "registration desk" in refused
        approved.refresh_from_db()
        assert approved.checked_in_at is not None and approved.checked_in_by == manager

    def test_the_list_offers_the_events_under_way_and_to_come(self, client):
        past = f.event(f.week(start_date=timezone.localdate() - dt.timedelta(days=400)))
        coming = f.event()
        client.force_login(f.delegate(role="event_manager"))
        page = client.get(reverse("events:checkin")).text
        assert reverse("events:checkin_desk", args=[coming.slug]) in page
        assert reverse("events:checkin_desk", args=[past.slug]) not in page

    def test_lookup_and_counts_on_the_desk(self, client):
        event = f.event(start_date=timezone.localdate(), end_date=timezone.localdate())
        awa = registered(f.delegate(first_name="Awa", last_name="Diallo", country="SN"), event, Status.APPROVED)
        registered(f.delegate(first_name="Jean", last_name="Martin", country="FR"), event, Status.APPROVED)
        client.force_login(f.delegate(role="event_manager"))
        url = reverse("events:checkin_desk", args=[event.slug])
        page = client.get(url, {"q": "diallo"}).text
        assert "Awa Diallo" in page and "Jean Martin" not in page
        assert "Awa Diallo" in client.get(url, {"q": "Senegal"}).text
        client.post(url, {"code": awa.checkin_code})
        counts = client.get(reverse("events:checkin_counts", args=[event.slug])).json()
        assert counts["checked_in"] == 1 and counts["expected"] == 2

    def test_a_session_that_is_not_one_is_a_404_not_an_error(self, client):
        event = f.event()
        client.force_login(f.delegate(role="event_manager"))
        url = reverse("events:checkin_desk", args=[event.slug])
        assert client.get(url, {"session": "abc"}).status_code == 404
        assert client.post(url, {"session": "9999999", "code": "X"}).status_code == 404

    def test_only_event_managers_check_people_in(self, client):
        event = f.event()
        for url in (
            reverse("events:checkin"),
            reverse("events:checkin_desk", args=[event.slug]),
            reverse("events:checkin_counts", args=[event.slug]),
        ):
            client.logout()
            assert client.get(url).status_code == 302
            client.force_login(f.delegate())
            assert client.get(url).status_code == 403


class TestExportsAndStatistics:
    def test_csv_export_with_filters_and_formula_guard(self, client):
        event = f.event()
        evil = f.delegate(country="FR")
        evil.last_name = '=HYPERLINK("http://x")'
        evil.save()
        registered(evil, event, status=Status.APPROVED)
        registered(f.delegate(country="KE"), event)
        client.force_login(f.delegate(role="event_manager"))
        response = client.get(reverse("events:export", args=[event.slug, "csv"]), {"status": "approved"})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][:3] == ["event", "status", "last_name"]
        assert len(rows) == 2 and rows[1][2].startswith("'=")

    def test_xlsx_export_opens(self, client):
        from openpyxl import load_workbook

        event = f.event()
        registered(f.delegate(), event)
        client.force_login(f.delegate(role="event_manager"))
        response = client.get(reverse("events:export", args=[event.slug, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.max_row == 2
        assert client.get(reverse("events:export", args=[event.slug, "pdf"])).status_code == 404

    def test_statistics_page_has_figures_and_charts(self, client):
        event = f.event()
        for country in ("FR", "SN", "BR"):
            registered(f.delegate(country=country), event, status=Status.APPROVED)
        client.force_login(f.delegate(role="event_manager"))
        response = client.get(reverse("events:statistics_week", args=[event.week.slug]))
        assert "3 participants from 3 countries" in response.text
        assert response.text.count('<table class="bar-chart">') == 3
        assert "style=" not in response.text
        # Full names, country names (not codes), capacity beside the seats taken.
        assert f'<th scope="row">{event.name.translations["en"]}</th>' in response.text
        assert '<th scope="row">Senegal</th>' in response.text and ">SN<" not in response.text
        assert "3 of 10 seats taken" in response.text
        assert 'class="bar-track" width="100"' in response.text  # capacity is the scale here
        assert 'class="bar-fill" width="30"' in response.text
        client.force_login(f.delegate())
        assert client.get(reverse("events:statistics")).status_code == 403


class TestRoundtables:
    def test_assignment_by_region_and_language_balanced_and_stable(self):
        event = f.event(capacity=50)
        europe_en = [f.roundtable(event, "europe", "en", capacity=3) for _ in range(2)]
        africa_fr = f.roundtable(event, "africa", "fr", capacity=4)
        delegates = [f.delegate(country=c) for c in ("FR", "FR", "DE", "DE", "IT")]
        delegates += [f.delegate(country="SN", language="fr"), f.delegate(country="KE", language="en")]
        for user in delegates:
            registered(user, event, status=Status.APPROVED)
        report = roundtables_assign(event=event)
        assert report.placed == 6
        assert [name for name, _reason in report.unplaced] == [str(delegates[-1])]  # no English table in Africa
        sizes = sorted(Placement.objects.filter(roundtable__in=europe_en).values_list("roundtable", flat=True))
        assert sorted(sizes.count(t.pk) for t in europe_en) == [2, 3]
        for table in europe_en:  # the two French delegates sit at different tables
            countries = list(Placement.objects.filter(roundtable=table).values_list("registration__country", flat=True))
            assert countries.count("FR") <= 1 and countries.count("DE") <= 1
        assert Placement.objects.get(registration__user=delegates[5]).roundtable == africa_fr
        before = set(Placement.objects.values_list("registration_id", "roundtable_id"))
        again = roundtables_assign(event=event)
        assert (again.kept, again.placed) == (6, 0)
        assert set(Placement.objects.values_list("registration_id", "roundtable_id")) == before

    def test_manual_placements_are_kept(self):
        event = f.event()
        table_a, table_b = f.roundtable(event, "europe", "en"), f.roundtable(event, "europe", "en")
        registration = registered(f.delegate(), event, status=Status.APPROVED)
        placement_set_manually(registration=registration, roundtable=table_b)
        roundtables_assign(event=event)
        assert Placement.objects.get(registration=registration).roundtable == table_b
        assert table_a.placements.count() == 0

    def test_command_reports_and_explains_unknown_events(self, capsys):
        from django.core.management.base import CommandError

        event = f.event()
        f.roundtable(event, "europe", "en")
        registered(f.delegate(), event, status=Status.APPROVED)
        call_command("assign_roundtables", event.slug)
        assert "placed 1" in capsys.readouterr().out
        with pytest.raises(CommandError, match="No event with the slug"):
            call_command("assign_roundtables", "nope")

    def test_delegates_see_their_table(self, client):
        event = f.event()
        f.roundtable(event, "europe", "en", topic={"en": "Online fraud networks"}, room={"en": "Room 4"})
        registration = registered(f.delegate(), event, status=Status.APPROVED)
        roundtables_assign(event=event)
        client.force_login(registration.user)
        assert "Online fraud networks" in client.get(reverse("events:my")).text


class TestApi:
    def test_events_list_and_detail_follow_the_audience(self, client):
        public = f.event(audience="public")
        officers = f.event(audience="law_enforcement")
        slugs = {e["slug"] for e in client.get("/api/v1/events").json()}
        assert public.slug in slugs and officers.slug not in slugs
        assert client.get(f"/api/v1/events/{officers.slug}").status_code == 404
        english = client.get(f"/api/v1/events/{public.slug}").json()
        assert (english["language"], english["name"]) == ("en", public.name.translations["en"])
        assert english["translations"]["fr"]["name"] == public.name.translations["fr"]
        assert not any(key.endswith(("_en", "_fr")) for key in english)  # no per-language fields
        french = client.get(f"/api/v1/events/{public.slug}", {"lang": "fr"}).json()
        assert (french["language"], french["name"], french["venue"]) == (
            "fr",
            public.name.translations["fr"],
            "Centre des congrès",
        )
        assert client.get(f"/api/v1/events/{public.slug}", HTTP_ACCEPT_LANGUAGE="fr").json()["language"] == "fr"

    def test_sessions_roundtables_and_ical(self, client):
        event = f.event(audience="public")
        f.session(event, title={"en": "Opening", "fr": "Ouverture"}, audience="public")
        f.session(event, title={"en": "Closed door briefing"}, audience="law_enforcement")
        f.roundtable(event, "americas", "fr")
        sessions = client.get(f"/api/v1/events/{event.slug}/sessions").json()
        assert [s["title"] for s in sessions] == ["Opening"]
        assert sessions[0]["translations"]["fr"]["title"] == "Ouverture"
        french = client.get(f"/api/v1/events/{event.slug}/sessions", {"lang": "fr"}).json()
        assert (french[0]["title"], french[0]["room"]) == ("Ouverture", "Salle A")
        assert client.get(f"/api/v1/events/{event.slug}/roundtables").json()[0]["region"] == "americas"
        ics = client.get(f"/api/v1/events/{event.slug}.ics", {"lang": "fr"})
        assert ics["Content-Type"].startswith("text/calendar")
        body = ics.content.decode()
        assert "SUMMARY:Ouverture" in body and "Closed door" not in body
        assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
        # A calendar app reads it back: one entry, its place in French (room, venue, city).
        from icalendar import Calendar

        (entry,) = Calendar.from_ical(body).walk("VEVENT")
        assert str(entry["location"]) == "Salle A, Centre des congrès, Lyon"
        assert entry.decoded("dtstart").tzinfo is not None


def test_events_are_searchable_in_both_languages(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import AnonymousUser
    from django.http import QueryDict

    from search import indexing
    from search.service import search_run

    indexing.rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        event = f.event(
            audience="public",
            name={"en": "Cybercrime investigators' meeting", "fr": "Réunion des enquêteurs en cybercriminalité"},
        )
    english = search_run(user=AnonymousUser(), params=QueryDict("q=investigators"), language="en")
    assert event.name.translations["en"] in [h["title"] for h in english.hits]
    french = search_run(user=AnonymousUser(), params=QueryDict("q=enquêteurs"), language="fr")
    hit = next(h for h in french.hits if h["type"] == "event")
    assert hit["title"] == event.name.translations["fr"] and hit["translations"][0]["language"] == "en"
    with django_capture_on_commit_callbacks(execute=True):
        hidden = f.event(audience="law_enforcement", name={"en": "Investigators closed session"})
    titles = [
        h["title"] for h in search_run(user=AnonymousUser(), params=QueryDict("q=investigators"), language="en").hits
    ]
    assert hidden.name.translations["en"] not in titles
