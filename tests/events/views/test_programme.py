"""Session and speaker pages: times at the venue, speakers with bios in each language, the
conclusions each reader may read, and the audience rule on the event and the session."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from events.models import Speaker
from portal.pages.models import ConclusionPage
from tests.events import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    event = f.event(f.week(time_zone="Asia/Singapore"), audience="public")
    start = dt.datetime.combine(event.start_date, dt.time(9, 30), zoneinfo.ZoneInfo("Asia/Singapore"))
    session = f.session(
        event,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        audience="public",
        description={"en": "How bureaus share data faster.", "fr": "Comment les bureaux partagent plus vite."},
    )
    speaker = Speaker.objects.create(
        slug="awa-ndiaye",
        name="Awa Ndiaye",
        country="SN",
        role={"en": "Head of bureau", "fr": "Cheffe de bureau"},
        bio={"en": "She built the bureau's night desk.", "fr": "Elle a créé la permanence de nuit du bureau."},
    )
    session.speaker_profiles.add(speaker)
    public, restricted = list(ConclusionPage.objects.live().filter(locale__language_code="en")[:2])
    ConclusionPage.objects.filter(pk=restricted.pk).update(audience="law_enforcement")
    session.conclusions.add(public, restricted)
    return event, session, speaker, public, restricted


def test_the_session_page_says_when_where_who_and_links_what_the_reader_may_read(client, programme):
    event, session, speaker, public, restricted = programme
    page = client.get(reverse("events:session", args=[event.slug, session.pk])).text
    assert "09:30" in page and "Asia/Singapore" in page and "01:30" not in page
    assert "Hall A" in page and "How bureaus share data faster." in page
    assert reverse("events:speaker", args=[speaker.slug]) in page and "Head of bureau" in page
    assert public.title in page and restricted.title not in page
    client.force_login(f.delegate(role="law_enforcement"))
    assert restricted.title in client.get(reverse("events:session", args=[event.slug, session.pk])).text


def test_the_speaker_page_in_french(client, programme):
    event, session, speaker, *_ = programme
    page = client.get(f"/fr/events/speakers/{speaker.slug}/").text
    assert "Elle a créé la permanence de nuit du bureau." in page and "Cheffe de bureau" in page
    assert "Sénégal" in page and f"/fr/events/{event.slug}/sessions/{session.pk}/" in page


def test_restricted_sessions_stay_hidden(client, programme):
    event, session, speaker, *_ = programme
    session.audience = "law_enforcement"
    session.save()
    url = reverse("events:session", args=[event.slug, session.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(f.delegate())
    assert client.get(url).status_code == 403
    page = client.get(reverse("events:speaker", args=[speaker.slug])).text
    assert "Opening plenary" not in page and "No session of this speaker is open to you." in page
    other = f.event(audience="public")
    assert client.get(reverse("events:session", args=[other.slug, session.pk])).status_code == 404


def test_the_api_and_the_calendar_carry_the_same_data(client, programme):
    event, session, speaker, *_ = programme
    sessions = client.get(f"/api/v1/events/{event.slug}/sessions").json()
    mine = next(s for s in sessions if s["id"] == session.pk)
    assert mine["url"].endswith(f"/events/{event.slug}/sessions/{session.pk}/")
    assert mine["speaker_pages"] == [
        {
            "slug": "awa-ndiaye",
            "name": "Awa Ndiaye",
            "role": "Head of bureau",
            "country": "SN",
            "url": reverse("events:speaker", args=["awa-ndiaye"]),
        }
    ]
    ics = client.get(f"/api/v1/events/{event.slug}.ics").content.decode().replace("\r\n ", "")
    assert f"/events/{event.slug}/sessions/{session.pk}/" in ics
    schema = client.get("/api/v1/openapi.json").json()
    assert "speaker_pages" in schema["components"]["schemas"]["SessionOut"]["properties"]


def test_the_event_page_links_each_session(client, programme):
    event, session, *_ = programme
    page = client.get(reverse("events:detail", args=[event.slug])).text
    assert reverse("events:session", args=[event.slug, session.pk]) in page


def _sessions_in_two_rooms(event):
    from portal.taxonomy.models import Theme

    tz = event.week.tzinfo
    day = event.start_date
    at = lambda h: dt.datetime.combine(day, dt.time(h, 0), tz)  # noqa: E731
    plenary = f.session(event, starts_at=at(9), ends_at=at(10), audience="public", kind="plenary")
    cyber = f.session(
        event,
        starts_at=at(11),
        ends_at=at(12),
        audience="public",
        kind="workshop",
        title={"en": "Tracing cryptocurrency", "fr": "Tracer les cryptomonnaies"},
        room={"en": "Room 2", "fr": "Salle 2"},
    )
    cyber.themes.add(Theme.objects.get(slug="cybercrime", locale__language_code="en"))
    return plenary, cyber


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_timetable_is_a_grid_by_day_and_room(client, language):
    event = f.event(f.week(time_zone="Asia/Singapore"), audience="public")
    plenary, cyber = _sessions_in_two_rooms(event)
    page = client.get(f"/{language}/events/{event.slug}/timetable/").text
    room_a, room_2 = ("Hall A", "Room 2") if language == "en" else ("Salle A", "Salle 2")
    assert f'<th scope="col">{room_a}</th>' in page and f'<th scope="col">{room_2}</th>' in page
    assert '<th scope="row">09:00</th>' in page and '<th scope="row">11:00</th>' in page
    assert f'data-label="{room_2}"' in page  # a phone shows each cell with its room


def test_the_programme_filters_by_theme_and_type(client):
    event = f.event(audience="public")
    plenary, cyber = _sessions_in_two_rooms(event)
    url = reverse("events:detail", args=[event.slug])
    page = client.get(url, {"theme": "cybercrime"}).text
    assert "Tracing cryptocurrency" in page and "Opening plenary" not in page
    french = client.get(f"/fr/events/{event.slug}/", {"theme": "cybercrime"}).text
    assert "Cybercriminalité" in french and "Tracer les cryptomonnaies" in french
    page = client.get(url, {"kind": "plenary"}).text
    assert "Opening plenary" in page and "Tracing cryptocurrency" not in page
    unknown = client.get(url, {"theme": "<script>", "kind": "nope"}).text  # dropped, not an error
    assert "Opening plenary" in unknown and "Tracing cryptocurrency" in unknown and "<script>" not in unknown


def test_now_and_next_during_the_week():
    from events.selectors import now_and_next

    event = f.event(audience="public")
    plenary, cyber = _sessions_in_two_rooms(event)
    sessions = [plenary, cyber]
    during = now_and_next(sessions, plenary.starts_at + dt.timedelta(minutes=5))
    assert during["running"] == [plenary] and during["next"] == [cyber]
    between = now_and_next(sessions, plenary.ends_at + dt.timedelta(minutes=5))
    assert between["running"] == [] and between["next"] == [cyber]
    assert not now_and_next(sessions, plenary.starts_at - dt.timedelta(days=3))["during"]
    assert not now_and_next(sessions, cyber.ends_at + dt.timedelta(minutes=1))["during"]


def test_the_event_page_says_what_runs_now_and_next(client):
    from django.utils import timezone

    now = timezone.now()
    event = f.event(audience="public", start_date=timezone.localdate(), end_date=timezone.localdate())
    running = f.session(event, starts_at=now - dt.timedelta(minutes=10), ends_at=now + dt.timedelta(minutes=50))
    running.audience = "public"
    running.save()
    coming = f.session(
        event,
        starts_at=now + dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=2),
        audience="public",
        title={"en": "Afternoon panel", "fr": "Table ronde de l’après-midi"},
    )
    page = client.get(f"/fr/events/{event.slug}/").text
    now_section = page.split('id="now-next"')[1].split("</section>")[0]
    assert "Séance plénière d" in now_section and "Table ronde de l’après-midi" in now_section
    assert reverse("events:session", args=[event.slug, coming.pk]).replace("/en/", "/fr/") in now_section


PAPER = b"%PDF-1.4\n% a session's slides\n%%EOF\n"


@pytest.fixture
def disk_storage(settings, tmp_path):
    """Documents on disk, as in production (the test settings keep files in memory)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def _session_paper(session, title="Slides of the data panel"):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from events.models import SessionDocument

    document = get_document_model().objects.create(title=title, file=ContentFile(PAPER, name="slides.pdf"))
    SessionDocument.objects.create(session=session, document=document)  # Wagtail indexes the reference
    return document


def test_the_session_page_lists_its_documents_and_the_api_too(client, programme, disk_storage):
    event, session, *_ = programme
    document = _session_paper(session)
    page = client.get(f"/fr/events/{event.slug}/sessions/{session.pk}/").text
    assert "<h2>Documents</h2>" in page and document.url in page and "Slides of the data panel" in page
    assert "(PDF" in page
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PAPER
    response.close()
    mine = next(s for s in client.get(f"/api/v1/events/{event.slug}/sessions").json() if s["id"] == session.pk)
    assert mine["documents"] == [{"title": "Slides of the data panel", "url": document.url, "file_extension": "pdf"}]


@pytest.mark.parametrize(
    ("event_audience", "session_audience", "expected"),
    [
        ("public", "delegates", {"anonymous": 302, "public": 404, "delegate": 200, "law_enforcement": 200}),
        ("law_enforcement", "public", {"anonymous": 302, "delegate": 404, "law_enforcement": 200, "editor": 200}),
    ],
)
def test_a_session_document_is_as_open_as_the_session_and_its_event(
    client_for_role, disk_storage, event_audience, session_audience, expected
):
    event = f.event(audience=event_audience)
    session = f.session(event, audience=session_audience)
    document = _session_paper(session)
    for role, status in expected.items():
        client = client_for_role(role)
        response = client.get(document.url)
        assert response.status_code == status, role
        if status == 200:
            assert "no-store" in response["Cache-Control"]  # restricted: no shared cache keeps it
        response.close()
        client.logout()


def test_a_document_unlinked_from_its_session_is_for_staff_again(client_for_role, disk_storage):
    session = f.session(f.event(audience="public"), audience="public")
    document = _session_paper(session)
    response = client_for_role("anonymous").get(document.url)
    assert response.status_code == 200
    response.close()
    session.documents.all().delete()  # outside the form: the reference index still names the session
    assert client_for_role("law_enforcement").get(document.url).status_code == 404
    response = client_for_role("editor").get(document.url)
    assert response.status_code == 200
    response.close()
