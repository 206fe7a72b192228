"""Prepared on the e2e server before it starts (run inside its own process with ``manage.py shell``).

Staff invite the delegate of the browser journey to the demonstration week, through the same
service the admin uses, so the invitation email lands in the server's mail outbox. Prints, as one
JSON line, what the browser needs to know that a real person would have on paper (the staff
accounts' second-factor secrets) or would find by browsing (a page of each page type).
"""

from __future__ import annotations

import json

DELEGATE_EMAIL = "nadia.benali@example.test"
WEEK = "demo-week"
MAIN_EVENT = "heads-of-ncb-demo"  # room for three delegates per country
SMALL_EVENT = "ncb-dpo-demo"  # one place per country; Senegal's is already taken by the demo delegate
# A delegate with a complete profile and no registration yet: the accessibility checks open the form.
FORM_DELEGATE_EMAIL = "kofi.mensah@example.test"
FORM_DELEGATE_PASSWORD = "Accra-Bureau-2027!"  # noqa: S105 — a test account on a loopback server
# A new editor with no authenticator yet: the normal state of new staff.
NEW_EDITOR_EMAIL = "lea.fontaine@example.test"
NEW_EDITOR_PASSWORD = "Redaction-Lyon-2027!"  # noqa: S105 — a test account on a loopback server
# Each step of the delegates' journey after sign-up starts from a delegate of its own, so the
# steps run in any order: one registered (stars sessions), one pending (the manager approves),
# two approved (one downloads the badge, one is checked in). (email, first, last, country, bureau)
JOURNEY_PASSWORD = "Delegation-2027!"  # noqa: S105 — test accounts on a loopback server
AGENDA_DELEGATE = ("amara.kone@example.test", "Amara", "Koné", "ML", "NCB Bamako")
PENDING_DELEGATE = ("lucas.martin@example.test", "Lucas", "Martin", "BE", "NCB Brussels")
BADGE_DELEGATE = ("hana.sato@example.test", "Hana", "Sato", "JP", "NCB Tokyo")
CHECKIN_DELEGATE = ("omar.haddad@example.test", "Omar", "Haddad", "JO", "NCB Amman")
# The event manager's journey has its own meeting, so it changes no seat another journey counts on:
# one place per country, Senegal's taken by a pending delegate and a second Senegalese one waiting.
QUOTA_WEEK = "regional-working-meeting"
QUOTA_EVENT = "africa-working-meeting"
QUOTA_EVENT_NAME = "African Regional Working Meeting"
QUOTA_SEATED = ("awa.diop@example.test", "Awa", "Diop", "NCB Abidjan")  # typed Senegal by mistake
QUOTA_WAITING = ("moussa.ndiaye@example.test", "Moussa", "Ndiaye", "NCB Dakar")
# The delegate's journey runs in each language at each width (tests/e2e/test_delegate_journey.py);
# each variant has people of its own: a seat holder and the delegate waiting behind them at a
# one-seat meeting, and a delegate whose place the manager approves.
VARIANTS = ("en-1280", "en-390", "fr-1280", "fr-390")


def variant_people(variant: str) -> dict[str, tuple]:
    """(email, first, last, country, bureau, language) of the variant's people."""
    language, width = variant.split("-")
    tag = f"{language}{width}"
    # Different names in each variant: the admin's listings tell people apart by name.
    # Each approved one from a country of their own: the main conference takes three per country.
    holder, waiting, (approved, country, bureau) = {
        "en-1280": (("Inès", "Moreau"), ("Kwame", "Asante"), (("Sofía", "Ortega"), "CO", "NCB Bogotá")),
        "en-390": (("Lars", "Eriksen"), ("Thandiwe", "Dlamini"), (("Mateo", "Quispe"), "PE", "NCB Lima")),
        "fr-1280": (("Chloé", "Girard"), ("Adama", "Koné"), (("Léon", "Bouchard"), "CA", "NCB Ottawa")),
        "fr-390": (("Yasmine", "Haddad"), ("Ousmane", "Sow"), (("Maëlle", "Rousseau"), "CH", "NCB Bern")),
    }[variant]
    return {
        "holder": (f"holder.{tag}@example.test", *holder, "FR", "NCB Paris", language),
        "waiting": (f"waiting.{tag}@example.test", *waiting, "GH", "NCB Accra", language),
        "approved": (f"approved.{tag}@example.test", *approved, country, bureau, language),
    }


def prepare() -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt
    from django.contrib.auth.models import Group

    from events.models import ConferenceWeek
    from events.services.invitations import invitation_create
    from portal.accounts.models import User
    from portal.audiences import GROUP_DELEGATES, GROUP_EDITORS

    manager = User.objects.get(email="events@liaison.example")
    week = ConferenceWeek.objects.get(slug=WEEK)
    invitation_create(
        week=week,
        email=DELEGATE_EMAIL,
        by=manager,
        country="SN",
        bureau="NCB Dakar",
        events=list(week.events.filter(slug__in=[MAIN_EVENT, SMALL_EVENT])),
    )
    form_delegate = User.objects.create_user(
        FORM_DELEGATE_EMAIL,
        FORM_DELEGATE_PASSWORD,
        first_name="Kofi",
        last_name="Mensah",
        country="GH",
        organisation="NCB Accra",
    )
    form_delegate.groups.add(Group.objects.get(name=GROUP_DELEGATES))
    EmailAddress.objects.create(user=form_delegate, email=FORM_DELEGATE_EMAIL, verified=True, primary=True)
    new_editor = User.objects.create_user(
        NEW_EDITOR_EMAIL, NEW_EDITOR_PASSWORD, first_name="Léa", last_name="Fontaine", preferred_language="fr"
    )
    new_editor.groups.add(Group.objects.get(name=GROUP_EDITORS))
    EmailAddress.objects.create(user=new_editor, email=NEW_EDITOR_EMAIL, verified=True, primary=True)
    _quota_meeting(manager)
    codes = _journey_delegates(week)
    _variant_meetings(week)
    secrets = {
        authenticator.user.email: decrypt(authenticator.data["secret"])
        for authenticator in Authenticator.objects.filter(type=Authenticator.Type.TOTP).select_related("user")
    }
    desk = _desk_event(manager)
    desk["programme"] = _live_programme()
    print(json.dumps({"totp": secrets, "pages": _page_of_each_type(), "codes": codes, "desk": desk}))


def _delegate(email, first, last, country, bureau, password=None):
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from portal.accounts.models import User
    from portal.audiences import GROUP_DELEGATES

    user = User.objects.create_user(
        email, password, first_name=first, last_name=last, country=country, organisation=bureau
    )
    user.groups.add(Group.objects.get(name=GROUP_DELEGATES))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _register(user, week, events):
    import datetime as dt

    from events.services.registrations import registration_submit

    return registration_submit(
        user=user,
        week=week,
        events=events,
        data={
            "role": "delegate",
            "country": str(user.country),
            "bureau": user.organisation,
            "arrival_date": week.start_date - dt.timedelta(days=1),
            "departure_date": week.end_date,
            "consent": True,
        },
    )


def _journey_delegates(week) -> dict[str, str]:
    """The journey's delegates, registered for the main conference; returns the approved ones'
    check-in codes (what they hold on their badges)."""
    from events.models import Status
    from events.services.registrations import attendance_set_status

    main = week.events.get(slug=MAIN_EVENT)
    codes = {}
    for spec, approved in (
        (AGENDA_DELEGATE, False),
        (PENDING_DELEGATE, False),
        (BADGE_DELEGATE, True),
        (CHECKIN_DELEGATE, True),
    ):
        registration = _register(_delegate(*spec, password=JOURNEY_PASSWORD), week, [main])
        if approved:
            attendance = registration.attendances.get(event=main)
            attendance_set_status(attendance=attendance, status=Status.APPROVED, by=None, note="e2e scenario")
            codes[spec[0]] = registration.checkin_code
    return codes


def _variant_meetings(week) -> None:
    """Per variant: a one-seat meeting held by one delegate with another waiting, and a pending
    place at the main conference for the manager to approve."""
    import datetime as dt

    from events.models import Event

    main = week.events.get(slug=MAIN_EVENT)
    template = week.events.get(slug=SMALL_EVENT)
    for variant in VARIANTS:
        people = variant_people(variant)
        meeting = Event.objects.create(
            week=week,
            slug=f"one-seat-{variant}",
            name={"en": f"One-seat briefing {variant}", "fr": f"Point à une place {variant}"},
            start_date=week.start_date,
            end_date=week.start_date + dt.timedelta(days=1),
            venue={"en": "Convention centre", "fr": "Centre des congrès"},
            city=dict(week.city.translations),
            country=week.country,
            capacity=1,
            registration_opens=template.registration_opens,
            registration_closes=template.registration_closes,
            requires_approval=False,
            audience=template.audience,
            sort_order=50,
        )
        for key in ("holder", "waiting"):
            email, first, last, country, bureau, language = people[key]
            user = _delegate(email, first, last, country, bureau, password=JOURNEY_PASSWORD)
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
            _register(user, week, [meeting])
        email, first, last, country, bureau, language = people["approved"]
        user = _delegate(email, first, last, country, bureau, password=JOURNEY_PASSWORD)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        _register(user, week, [main])


def _page_of_each_type() -> dict[str, int]:
    """One English demo page of each page type, for the admin tests that open every editor."""
    from wagtail.models import Page

    pages: dict[str, int] = {}
    for page in Page.objects.filter(depth__gt=1, locale__language_code="en").order_by("path").specific():
        pages.setdefault(page._meta.model_name, page.pk)
    return pages


def _quota_meeting(manager) -> None:
    import datetime as dt

    from django.utils import timezone

    from events.models import ConferenceWeek, Event, Roundtable
    from portal.audiences import Audience
    from portal.taxonomy.models import Region

    start = timezone.now().date() + dt.timedelta(days=90)
    week = ConferenceWeek.objects.create(
        slug=QUOTA_WEEK,
        name={"en": "Regional working meeting", "fr": "Réunion de travail régionale"},
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        city={"en": "Abidjan"},
        country="CI",
        time_zone="Africa/Abidjan",
    )
    event = Event.objects.create(
        week=week,
        slug=QUOTA_EVENT,
        name={"en": QUOTA_EVENT_NAME, "fr": "Réunion de travail régionale africaine"},
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        venue={"en": "Convention centre", "fr": "Centre des congrès"},
        city={"en": "Abidjan"},
        country="CI",
        capacity=10,
        country_quota=1,
        registration_opens=timezone.now() - dt.timedelta(days=1),
        registration_closes=timezone.now() + dt.timedelta(days=60),
        requires_approval=True,
        audience=Audience.DELEGATES,
    )
    Roundtable.objects.create(
        event=event,
        region=Region.objects.get(slug="africa", locale__language_code="en"),
        language="en",
        topic_kind="crime_issue",
        topic={"en": "Cross-border fraud along the coast", "fr": "La fraude transfrontalière sur la côte"},
        capacity=10,
        room={"en": "Room 1", "fr": "Salle 1"},
    )
    for email, first, last, bureau in (QUOTA_SEATED, QUOTA_WAITING):
        _register(_delegate(email, first, last, "SN", bureau), week, [event])


DESK_EVENT = "desk-rehearsal"
DESK_EVENT_FR = "desk-repetition"  # the same delegates, for the desk's journey in French


def _desk_event(manager) -> dict:
    """Two meetings held today for the offline desk (its journey runs once in each language,
    each at its own meeting): 25 approved delegates at both (their codes and the signed QR texts
    their badges carry) and one whose places were cancelled before the download."""
    import datetime as dt

    from django.utils import timezone

    from events.badge_signing import sign_badge
    from events.models import ConferenceWeek, Event, Status
    from events.services.registrations import attendance_set_status

    today = timezone.localdate()
    week = ConferenceWeek.objects.create(
        slug="desk-rehearsal-week",
        name={"en": "Check-in rehearsal week", "fr": "Semaine de répétition de l’accueil"},
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=2),
        city={"en": "Lyon"},
        country="FR",
        time_zone="UTC",
    )
    events = [
        Event.objects.create(
            week=week,
            slug=slug,
            name=name,
            start_date=today,
            end_date=today + dt.timedelta(days=1),
            city={"en": "Lyon"},
            country="FR",
            capacity=100,
            registration_opens=timezone.now() - dt.timedelta(days=30),
            registration_closes=timezone.now() + dt.timedelta(days=1),
            audience="delegates",
            sort_order=order,
        )
        for order, (slug, name) in enumerate(
            [
                (DESK_EVENT, {"en": "Check-in rehearsal meeting", "fr": "Réunion de répétition de l’accueil"}),
                (DESK_EVENT_FR, {"en": "Second rehearsal meeting", "fr": "Deuxième réunion de répétition"}),
            ]
        )
    ]
    approved, qr = [], {}
    countries = ["KE", "BR", "VN", "PL", "MA"]
    for n in range(26):
        user = _delegate(
            f"desk.{n}@example.test", f"Desk{n:02d}", "Rehearsal", countries[n % 5], f"NCB {countries[n % 5]}"
        )
        registration = _register(user, week, events)
        for attendance in registration.attendances.all():
            attendance_set_status(attendance=attendance, status=Status.APPROVED, by=manager, note="e2e scenario")
            if n == 25:
                attendance_set_status(attendance=attendance, status=Status.CANCELLED, by=manager, note="e2e scenario")
        if n == 25:
            cancelled = registration.checkin_code
        else:
            approved.append(registration.checkin_code)
            qr[registration.checkin_code] = sign_badge(registration, events)
    # Registration closed: the home page and the events list keep announcing the demo week.
    Event.objects.filter(pk__in=[e.pk for e in events]).update(
        registration_closes=timezone.now() - dt.timedelta(hours=1)
    )
    return {
        "event": DESK_EVENT,
        "events": {"en": DESK_EVENT, "fr": DESK_EVENT_FR},
        "codes": approved,
        "qr": qr,
        "cancelled": cancelled,
    }


LIVE_PROGRAMME = "live-programme"


def _live_programme() -> dict:
    """A meeting of the rehearsal week whose programme is under way while the tests run: a
    plenary running now (with a background paper), a workshop on cybercrime next, and one
    later; for the programme's journey (now and next, filters, session page, timetable)."""
    import datetime as dt

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.documents import get_document_model

    from events.models import ConferenceWeek, Event, Session, SessionDocument, Speaker
    from portal.taxonomy.models import Theme

    week = ConferenceWeek.objects.get(slug="desk-rehearsal-week")
    today = timezone.localdate()
    event = Event.objects.create(
        week=week,
        slug=LIVE_PROGRAMME,
        name={"en": "Live programme meeting", "fr": "Réunion au programme en cours"},
        start_date=today,
        end_date=today + dt.timedelta(days=1),
        city={"en": "Lyon"},
        country="FR",
        capacity=100,
        registration_opens=timezone.now() - dt.timedelta(days=30),
        registration_closes=timezone.now() - dt.timedelta(hours=1),
        audience="delegates",
        sort_order=3,
    )
    # Whole hours, so that "next" is one start time, and long enough for a full test run.
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    plan = [
        (
            now - dt.timedelta(hours=1),
            4,
            "plenary",
            "ncb-network",
            ("Hall A", "Salle A"),
            ("Opening of the live programme", "Ouverture du programme en cours"),
        ),
        (
            now + dt.timedelta(hours=3),
            1,
            "workshop",
            "cybercrime",
            ("Room 2", "Salle 2"),
            ("Tracing ransomware payments", "Suivre les paiements de rançongiciels"),
        ),
        (
            now + dt.timedelta(hours=5),
            1,
            "panel",
            "ncb-network",
            ("Hall A", "Salle A"),
            ("Bureaus after dark", "Les bureaux la nuit"),
        ),
    ]
    ids = []
    for starts, hours, kind, theme, (room_en, room_fr), (title_en, title_fr) in plan:
        session = Session.objects.create(
            event=event,
            title={"en": title_en, "fr": title_fr},
            kind=kind,
            room={"en": room_en, "fr": room_fr},
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            audience="delegates",
        )
        session.themes.set(Theme.objects.filter(slug=theme, locale__language_code="en"))
        ids.append(session.pk)
    running = Session.objects.get(pk=ids[0])
    running.speaker_profiles.set(Speaker.objects.filter(slug="aminata-sow"))
    paper = get_document_model().objects.create(
        title="Live programme background paper",
        file=ContentFile(b"%PDF-1.4\n% the e2e background paper\n%%EOF\n", name="live-programme-paper.pdf"),
    )
    SessionDocument.objects.create(session=running, document=paper)
    return {"event": LIVE_PROGRAMME, "running": ids[0], "next": ids[1], "later": ids[2], "paper": paper.url}
