"""Demo events for `load_demo`: the Singapore week of June 2023 (past, from the press
releases) and an upcoming demonstration week with registration open, with demo registrations."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_countries.fields import Country

from portal.accounts.models import User
from portal.audiences import GROUP_DELEGATES
from portal.taxonomy.models import Region, Theme

from .demo_participants import Participant, extra_participants, participants
from .models import (
    Attendance,
    ConferenceWeek,
    Event,
    Notification,
    Registration,
    Roundtable,
    Session,
    SessionDocument,
    Status,
)
from .services.checkin import checkin_record
from .services.registrations import attendance_set_status, registration_submit
from .services.roundtables import roundtables_assign

SINGAPORE = ZoneInfo("Asia/Singapore")
PARIS = ZoneInfo("Europe/Paris")

SINGAPORE_EVENTS = [
    (
        "heads-of-ncb-2023",
        "Heads of NCB Conference",
        "Conférence des chefs de B.C.N.",
        300,
        3,
        "delegates",
        "Three days on reinforcing the national bureaus, with regional roundtables on day two.",
        "Trois jours consacrés au renforcement des bureaux nationaux, avec des tables rondes régionales le deuxième jour.",
    ),
    (
        "ncb-dpo-2023",
        "2nd Conference of NCB Data Protection Officers",
        "2e Conférence des délégués à la protection des données des B.C.N.",
        120,
        2,
        "delegates",
        "Data protection officers of the bureaus compare how they apply the data rules.",
        "Les délégués à la protection des données des bureaux comparent leur application des règles.",
    ),
    (
        "police-science-congress-2023",
        "Police Science Congress",
        "Congrès sur les sciences policières",
        400,
        None,
        "public",
        "Researchers and police leaders on using technology responsibly.",
        "Chercheurs et responsables de police sur l’usage responsable de la technologie.",
    ),
]
UPCOMING_EVENTS = [
    (
        "heads-of-ncb-demo",
        "Heads of NCB Conference (demonstration)",
        "Conférence des chefs de B.C.N. (démonstration)",
        200,
        3,
        "delegates",
        "Demonstration event: register to see quotas, the waiting list and roundtables at work.",
        "Événement de démonstration : inscrivez-vous pour voir les quotas, la liste d’attente et les tables rondes.",
    ),
    (
        "ncb-dpo-demo",
        "NCB Data Protection Officers' Conference (demonstration)",
        "Conférence des délégués à la protection des données (démonstration)",
        4,
        1,
        "delegates",
        "A deliberately small demonstration event (4 seats, 1 per country) to show the waiting list.",
        "Un événement de démonstration volontairement petit (4 places, 1 par pays) pour montrer la liste d’attente.",
    ),
    (
        "police-science-demo",
        "Police Science Congress (demonstration)",
        "Congrès sur les sciences policières (démonstration)",
        150,
        None,
        "public",
        "Open to all accounts.",
        "Ouvert à tous les comptes.",
    ),
]
ROUNDTABLES = [
    ("africa", "fr", "crime_issue", "Online scam centres and trafficking", "Centres d’escroquerie en ligne et traite"),
    ("africa", "en", "policing_tool", "Biometric checks at borders", "Contrôles biométriques aux frontières"),
    ("americas", "en", "operation", "Coordinated operations against fraud", "Opérations coordonnées contre la fraude"),
    (
        "asia-south-pacific",
        "en",
        "crime_issue",
        "Human-trafficking-fuelled cyber fraud",
        "Cyberfraude alimentée par la traite",
    ),
    ("europe", "en", "policing_tool", "The Biometric Hub in practice", "La Plateforme biométrique en pratique"),
    ("europe", "fr", "crime_issue", "Persistent forms of terrorism", "Formes persistantes de terrorisme"),
    (
        "middle-east-north-africa",
        "en",
        "operation",
        "Tracing bomb-makers across borders",
        "Repérer les fabricants de bombes aux frontières",
    ),
]


SPEAKERS_FR = {
    "Secretary General": "Secrétaire général",
    "Bureau heads panel": "Table ronde des chefs de bureau",
    "Facilitators": "Animateurs",
    "Chair": "Présidence",
}


def _week(slug, **fields):
    week, _created = ConferenceWeek.objects.update_or_create(slug=slug, defaults=fields)
    return week


def _events(week, specs, start, opens, closes, tz):
    events = []
    for order, (slug, name_en, name_fr, capacity, quota, audience, text_en, text_fr) in enumerate(specs):
        event, created = Event.objects.update_or_create(
            slug=slug,
            defaults={
                "week": week,
                "name": {"en": name_en, "fr": name_fr},
                "description": {"en": text_en, "fr": text_fr},
                "start_date": start + dt.timedelta(days=order * 2 if order < 2 else 0),
                "end_date": start + dt.timedelta(days=min(order * 2 + 2, 4)),
                "venue": {"en": "Convention centre", "fr": "Centre des congrès"},
                "city": dict(week.city.translations),
                "country": week.country,
                "capacity": capacity,
                "country_quota": quota,
                "registration_opens": opens,
                "registration_closes": closes,
                "audience": audience,
                "sort_order": order,
            },
        )
        if created or not event.sessions.exists():
            _sessions(event, tz)
        events.append(event)
    return events


def _sessions(event, tz):
    day = event.start_date
    plan = [
        (9, 0, 10, 30, "plenary", "Opening plenary", "Séance plénière d’ouverture", "A", "Secretary General"),
        (
            11,
            0,
            12,
            30,
            "panel",
            "Data-driven policing",
            "Une police guidée par les données",
            "A",
            "Bureau heads panel",
        ),
        (14, 0, 16, 0, "roundtable", "Regional roundtables", "Tables rondes régionales", "1–7", "Facilitators"),
        (16, 30, 17, 30, "plenary", "Closing and conclusions", "Clôture et conclusions", "A", "Chair"),
    ]
    profiles = _speakers()
    for offset, (h1, m1, h2, m2, kind, title_en, title_fr, room, speakers) in enumerate(plan):
        rooms = ("Rooms {}", "Salles {}") if "–" in room else ("Hall {}", "Salle {}")
        date = day + dt.timedelta(days=offset // 2)
        Session.objects.create(
            event=event,
            title={"en": title_en, "fr": title_fr},
            kind=kind,
            room={"en": rooms[0].format(room), "fr": rooms[1].format(room)},
            speakers={"en": speakers, "fr": SPEAKERS_FR[speakers]},
            starts_at=dt.datetime.combine(date, dt.time(h1, m1), tz),
            ends_at=dt.datetime.combine(date, dt.time(h2, m2), tz),
            audience=event.audience,
        )
        session = event.sessions.get(starts_at=dt.datetime.combine(date, dt.time(h1, m1), tz))
        if kind in ("plenary", "panel"):
            session.speaker_profiles.set(profiles[kind])
        session.themes.set(Theme.objects.filter(slug__in=SESSION_THEMES[title_en], locale__language_code="en"))
        if kind == "panel":
            SessionDocument.objects.create(session=session, document=_background_paper(event))


def _background_paper(event):
    """A two-page background paper for the data panel, one page per language, made with the
    portal's PDF toolkit (the demo's sentences are ours; no file is copied)."""
    from django.core.files.base import ContentFile
    from reportlab.platypus import PageBreak
    from wagtail.documents import get_document_model

    from portal.pdf.document import BOLD, ShapedParagraph, build_pdf

    story = [
        ShapedParagraph("Data-driven policing: background paper", size=20, weight=BOLD, space_after=12),
        ShapedParagraph(
            "Questions for the panel: which data a bureau may share, how long it keeps it, and who checks "
            "that a model trained on it treats every community fairly.",
        ),
        PageBreak(),
        ShapedParagraph(
            "Une police guidée par les données\u00a0: note de cadrage", size=20, weight=BOLD, space_after=12
        ),
        ShapedParagraph(
            "Questions pour le panel\u00a0: quelles données un bureau peut partager, combien de temps il les "
            "garde, et qui vérifie qu’un modèle entraîné sur elles traite chaque communauté équitablement.",
        ),
    ]
    content = build_pdf(story, title="Data-driven policing — background paper")
    return get_document_model().objects.create(
        title=f"Background paper — {event.name}",
        file=ContentFile(content, name=f"background-paper-{event.slug}.pdf"),
    )


SESSION_THEMES = {
    "Opening plenary": ["ncb-network"],
    "Data-driven policing": ["data-exchange", "artificial-intelligence"],
    "Regional roundtables": ["cybercrime", "human-trafficking"],
    "Closing and conclusions": ["ncb-network"],
}

# Invented people for the demo programme; every sentence written for it.
SPEAKERS = [
    (
        "aminata-sow",
        "Aminata Sow",
        "SN",
        ("Head of the National Central Bureau, Dakar", "Cheffe du Bureau central national, Dakar"),
        (
            "Aminata Sow has led her country's bureau for six years. She built its round-the-clock desk "
            "for notices and diffusions and chairs the West African working group on fugitives.",
            "Aminata Sow dirige le bureau de son pays depuis six ans. Elle a créé sa permanence jour et nuit "
            "pour les notices et diffusions et préside le groupe de travail ouest-africain sur les fugitifs.",
        ),
        ("plenary",),
    ),
    (
        "lucas-ferreira",
        "Lucas Ferreira",
        "BR",
        ("Data analyst, criminal intelligence", "Analyste de données, renseignement criminel"),
        (
            "Lucas Ferreira works on the quality of the data bureaus exchange: fewer duplicate records, "
            "faster checks at the border, and clear rules on what is kept and for how long.",
            "Lucas Ferreira travaille sur la qualité des données échangées entre bureaux : moins de doublons, "
            "des contrôles plus rapides à la frontière et des règles claires sur ce qui est conservé et combien "
            "de temps.",
        ),
        ("panel",),
    ),
    (
        "mei-lin-tan",
        "Tan Mei Lin",
        "SG",
        ("Deputy director, cybercrime", "Directrice adjointe, cybercriminalité"),
        (
            "Tan Mei Lin coordinates operations against online scam centres across the region and "
            "trains investigators in tracing cryptocurrency.",
            "Tan Mei Lin coordonne les opérations contre les centres d’escroquerie en ligne de la région et "
            "forme les enquêteurs au traçage des cryptomonnaies.",
        ),
        ("plenary", "panel"),
    ),
]


def _speakers() -> dict[str, list]:
    from .models import Speaker

    by_kind: dict[str, list] = {"plenary": [], "panel": []}
    for slug, name, country, (role_en, role_fr), (bio_en, bio_fr), kinds in SPEAKERS:
        speaker, _created = Speaker.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "country": country,
                "role": {"en": role_en, "fr": role_fr},
                "bio": {"en": bio_en, "fr": bio_fr},
            },
        )
        for kind in kinds:
            by_kind[kind].append(speaker)
    return by_kind


def _roundtables(event, capacity=12):
    if event.roundtables.exists():
        return
    for region, language, kind, topic_en, topic_fr in ROUNDTABLES:
        Roundtable.objects.create(
            event=event,
            region=Region.objects.get(slug=region, locale__language_code="en"),
            language=language,
            topic_kind=kind,
            topic={"en": topic_en, "fr": topic_fr},
            capacity=capacity,
            room={"en": f"Room {event.roundtables.count() + 1}", "fr": f"Salle {event.roundtables.count() + 1}"},
        )


def _register(email, week, events, approve=()):
    user = User.objects.filter(email=email).first()
    if user is None or Registration.objects.filter(user=user, week=week).exists():
        return
    data = {
        "role": "delegate",
        "country": str(user.country),
        "bureau": user.organisation or "NCB",
        "arrival_date": week.start_date - dt.timedelta(days=1),
        "departure_date": week.end_date,
        "consent": True,
    }
    registration = registration_submit(user=user, week=week, events=events, data=data)
    for attendance in registration.attendances.filter(event__in=approve):
        attendance_set_status(attendance=attendance, status=Status.APPROVED, by=None, note="demo data")


def _participant_user(person: Participant, group) -> User:
    """A demo participant's account: verified address, delegate clearance, no password (these
    people never sign in; hashing 278 passwords would only slow `load_demo` down)."""
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User(
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            country=person.country,
            organisation=f"NCB {Country(person.country).name}",
            preferred_language=person.language,
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(group)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _singapore_participants(week, events) -> None:
    """266 participants from 133 countries, registered, decided, seated at roundtables and
    checked in through the same services staff and delegates use, on the week's own dates."""
    if Registration.objects.filter(week=week).exists():
        return
    heads_conference, dpo_conference, congress = events
    group = Group.objects.get(name=GROUP_DELEGATES)
    people = participants()
    # Ten more asked for a place and did not come (six cancelled, four were declined), and two of
    # the 266 were still waiting for a decision when registration closed: every status shows.
    extras = extra_participants()
    undecided = {people[100].email, people[201].email}
    opened = dt.datetime(2023, 3, 1, 9, 0, tzinfo=SINGAPORE)
    for index, person in enumerate(people + extras):
        user = _participant_user(person, group)
        chosen = [heads_conference]
        if not person.head and person not in extras:
            chosen.append(dpo_conference)  # 133 ask, 120 seats: a waiting list
        if person.head and index % 4 == 0:
            chosen.append(congress)
        registration_submit(
            user=user,
            week=week,
            events=chosen,
            data={
                "role": "head" if person.head else "delegate",
                "bureau": user.organisation,
                "arrival_date": dt.date(2023, 6, 4),
                "departure_date": dt.date(2023, 6, 9),
                "consent": True,
            },
            now=opened + dt.timedelta(minutes=17 * index),
        )
    manager = User.objects.filter(email="events@liaison.example").first()
    extra_emails = [p.email for p in extras]
    attendances = Attendance.objects.filter(event__week=week).select_related("registration__user")
    for attendance in attendances.filter(status=Status.PENDING).order_by("id"):
        email = attendance.registration.user.email
        if email in extra_emails:
            position = extra_emails.index(email)
            status = Status.CANCELLED if position < 6 else Status.REJECTED
        else:
            status = None if email in undecided else Status.APPROVED
        if status:
            attendance_set_status(attendance=attendance, status=status, by=manager, note="demo data")
    roundtables_assign(event=heads_conference)
    # Arrivals on each event's first morning, from 08:00; one approved delegate in 24 never came.
    for event in events:
        approved = list(
            Registration.objects.filter(attendances__event=event, attendances__status=Status.APPROVED).order_by("id")
        )
        first_morning = dt.datetime.combine(event.start_date, dt.time(8, 0), SINGAPORE)
        for index, registration in enumerate(approved):
            if index % 24 != 23:
                checkin_record(
                    code=registration.checkin_code,
                    event=event,
                    by=manager,
                    at=first_morning + dt.timedelta(seconds=40 * index),
                )


def _upcoming_waiting_list(week, small_event) -> None:
    """Fill the small demonstration event (4 seats) so that the next delegates wait."""
    group = Group.objects.get(name=GROUP_DELEGATES)
    for person in [p for p in participants() if p.head][40:44]:
        user = _participant_user(person, group)
        if Registration.objects.filter(user=user, week=week).exists():
            continue
        registration_submit(
            user=user,
            week=week,
            events=[small_event],
            data={
                "role": "head",
                "bureau": user.organisation,
                "arrival_date": week.start_date,
                "departure_date": week.end_date,
                "consent": True,
            },
        )


@transaction.atomic
def build(refresh: bool = False) -> str:
    singapore = _week(
        "singapore-2023",
        name={"en": "Conference week — Singapore 2023", "fr": "Semaine de conférence — Singapour 2023"},
        start_date=dt.date(2023, 6, 5),
        end_date=dt.date(2023, 6, 9),
        city={"en": "Singapore", "fr": "Singapour"},
        country="SG",
        time_zone="Asia/Singapore",
    )
    past_open = dt.datetime(2023, 2, 1, tzinfo=SINGAPORE)
    past = _events(
        singapore,
        SINGAPORE_EVENTS,
        dt.date(2023, 6, 5),
        past_open,
        dt.datetime(2023, 5, 15, tzinfo=SINGAPORE),
        SINGAPORE,
    )
    _roundtables(past[0], capacity=45)
    _singapore_participants(singapore, past)

    today = timezone.now().date()
    start = dt.date(today.year + 1, 6, 7)
    upcoming = _week(
        "demo-week",
        name={
            "en": f"Conference week {start.year} (demonstration)",
            "fr": f"Semaine de conférence {start.year} (démonstration)",
        },
        start_date=start,
        end_date=start + dt.timedelta(days=4),
        city={"en": "Lyon", "fr": "Lyon"},
        country="FR",
        time_zone="Europe/Paris",
    )
    opens = timezone.now() - dt.timedelta(days=30)
    closes = dt.datetime.combine(start - dt.timedelta(days=14), dt.time(23, 59), PARIS)
    events = _events(upcoming, UPCOMING_EVENTS, start, opens, closes, PARIS)
    _roundtables(events[0])
    _register("officer@liaison.example", upcoming, events[:2], approve=events[:1])
    _register("delegate@liaison.example", upcoming, events[:2], approve=events[:1])
    _upcoming_waiting_list(upcoming, events[1])
    roundtables_assign(event=events[0])
    # Demo accounts have no real mailbox: do not print their notifications on every setup.
    Notification.objects.filter(registration__user__email__endswith="liaison.example", sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    return (
        f"{ConferenceWeek.objects.count()} conference weeks, {Event.objects.count()} events, "
        f"{Session.objects.count()} sessions, {Registration.objects.count()} registrations"
    )


BUILDERS = [("events and demo registrations", build)]
