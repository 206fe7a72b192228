"""The access-control matrix: every surface × every role × every audience.

For each audience the module publishes a set of items that carry one made-up word of that
audience (a news item, a public page inside a section of that audience, a menu section, a
toolkit with its PDF, an event with a session and a roundtable), indexes them, then asks each
surface, as each role, for that word. Where the role's clearance is below the audience, the
surface must show nothing of it: not the title, the text, the address, a count, a facet value, a
completion or a spelling suggestion. Where it is at or above, the surface must show it (so a
surface that shows nothing to anybody fails too).

Matrix: len(ROLES) × len(ORDER) × len(SURFACES) cells, one test each.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from portal.audiences import Audience
from portal.pages.models import NewsIndexPage, ToolkitIndexPage, ToolkitPage
from portal.pages.models.toolkit import ToolkitChapter
from tests.conftest import CLEARANCE, ORDER, ROLES, allowed
from tests.factories import add_page, en_index, news_page
from tests.pdftools import pdf_text

STAFF_ROLES = {"editor", "moderator", "event_manager", "superuser"}

# One invented word per audience, far apart in spelling, plus a misspelling of each.
WORDS = {
    Audience.PUBLIC: ("quorvalen", "quorvaen"),
    Audience.DELEGATES: ("brastimok", "brastimk"),
    Audience.LAW_ENFORCEMENT: ("zeptarium", "zeptarim"),
    Audience.STAFF: ("glomwhistle", "glomwhstle"),
}
YEARS = {Audience.PUBLIC: 1991, Audience.DELEGATES: 1992, Audience.LAW_ENFORCEMENT: 1993, Audience.STAFF: 1994}


@dataclass
class Items:
    """What one audience's word is attached to."""

    word: str
    misspelt: str
    news: object = None
    section: object = None
    insider: object = None
    toolkit: object = None
    event: object = None

    def titles(self) -> list[str]:
        return [self.news.title, self.insider.title, self.toolkit.title, self.event.name.translations["en"]]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix content, published and indexed once for the module, removed afterwards."""
    from events.models import ConferenceWeek
    from tests.events.factories import event, roundtable, session, week

    with django_db_blocker.unblock():
        news_index = en_index(NewsIndexPage)
        home = news_index.get_parent().specific
        the_week = week(
            slug="matrix-week",
            name={"en": "Matrix week", "fr": "Semaine matrice"},
        )
        items = {}
        for audience in ORDER:
            word, misspelt = WORDS[audience]
            it = Items(word, misspelt)
            it.news = news_page(
                title=f"Matrix {word} bulletin",
                audience=audience,
                date=dt.date(YEARS[audience], 3, 1),
                body=f"<p>Field notes on the {word}note procedure.</p>",
            )
            it.section = add_page(
                home,
                NewsIndexPage(
                    title=f"Matrix {word} section",
                    slug=f"matrix-{word}-section",
                    show_in_menus=True,
                ),
            )
            # A page published as public in a section that was restricted later: the section decides.
            it.insider = news_page(
                title=f"Matrix {word} insider",
                audience=Audience.PUBLIC,
                parent=it.section,
                date=dt.date(2031, 1, 1 + ORDER.index(audience)),
            )
            it.section.audience = audience
            it.section.save_revision().publish()
            toolkit = ToolkitPage(
                title=f"Matrix {word} toolkit",
                audience=audience,
                version="1.0",
                release_date=dt.date(2024, 5, 1),
                summary=f"Summary of the {word} toolkit",
            )
            toolkit.chapters = [ToolkitChapter(title=f"Using {word}", body=f"<p>Chapter on {word}.</p>")]
            it.toolkit = add_page(en_index(ToolkitIndexPage), toolkit)
            it.event = event(
                the_week,
                slug=f"matrix-{word}",
                name={"en": f"Matrix {word} congress", "fr": f"Congrès matrice {word}"},
                audience=audience,
                registration_closes=timezone.now() + dt.timedelta(days=30),
            )
            session(it.event, title={"en": f"Matrix {word} session", "fr": f"Séance {word}"}, audience=audience)
            roundtable(
                it.event,
                topic={"en": f"Matrix {word} table", "fr": f"Table {word}"},
            )
            items[audience] = it
    yield items
    with django_db_blocker.unblock():
        for it in items.values():
            for page in (it.news, it.insider, it.section, it.toolkit):
                page.refresh_from_db()
                page.delete()
        ConferenceWeek.objects.filter(slug="matrix-week").delete()  # events, sessions, tables


@pytest.fixture
def as_role(client, user_for_role):
    def make(role: str):
        user = user_for_role(role)
        if user is not None:
            if role in STAFF_ROLES:
                TOTP.activate(user, generate_totp_secret())
            client.force_login(user)
        return client

    return make


# --- the surfaces -----------------------------------------------------------------------------
# Each takes (client, items of one audience, whether the role may see them) and asserts.


def leaks(text: str, it: Items) -> list[str]:
    """The traces of ``it`` found in ``text``."""
    traces = [it.word, it.news.url, it.insider.url, it.toolkit.url, it.section.url, f"/events/{it.event.slug}/"]
    return [trace for trace in traces if trace in text]


def shows(text: str, it: Items, *titles) -> bool:
    return all(title in text for title in titles)


def check_page_serve(client, it, ok, role):
    for page in (it.news, it.insider):
        response = client.get(page.url)
        if ok:
            assert response.status_code == 200 and page.title in response.text
            # Kept out of shared caches: restricted pages entirely, anything for a signed-in person.
            cache_control = response.get("Cache-Control", "")
            if it.news.audience != Audience.PUBLIC:
                assert "private" in cache_control and "no-store" in cache_control
            assert ("private" in cache_control) is (role != "anonymous" or it.news.audience != Audience.PUBLIC)
        else:
            assert response.status_code in (302, 403)
            # The address asked for comes back in the language switcher; nothing else may.
            text = response.text.replace(page.url, "").replace(page.url.replace("/en/", "/fr/", 1), "")
            assert it.word not in text
            if role == "anonymous":
                assert response["Location"].startswith("/en/accounts/login/")
            else:  # a 403 that says why, without naming the page
                assert "restricted" in text and str(Audience(CLEARANCE[role]).label) in text


def check_index_listing(client, it, ok, role):
    response = client.get(en_index(NewsIndexPage).url + f"?year={YEARS[Audience(it.news.audience)]}")
    assert response.status_code == 200
    if ok:
        assert shows(response.text, it, it.news.title) and it.news.url in response.text
    else:
        assert not leaks(response.text, it)
    # Without a filter the year itself is not offered as a choice to those who may not see it.
    everything = client.get(en_index(NewsIndexPage).url).text
    assert (str(YEARS[Audience(it.news.audience)]) in everything) is ok


def check_home_menu_and_latest(client, it, ok, role):
    response = client.get("/en/")
    assert response.status_code == 200
    if ok:
        assert it.section.title in response.text
        # The home page lists the three latest news items; the insiders are the newest items,
        # dated in audience order, so this one is listed unless three newer ones are visible.
        newer = ORDER.index(CLEARANCE[role]) - ORDER.index(Audience(it.news.audience))
        assert (it.insider.title in response.text) is (newer < 3)
    else:
        assert not leaks(response.text, it)


def check_search_page(client, it, ok, role):
    response = client.get(f"/en/search/?q={it.word}")
    assert response.status_code == 200
    if ok:
        for title in it.titles():
            assert title in response.text
    else:
        # The query is echoed back (search box, heading); no title, address or count is.
        assert not [title for title in it.titles() if title in response.text]
        assert not [url for url in (it.news.url, it.insider.url, it.toolkit.url) if url in response.text]
        assert f"0 results for “{it.word}”" in response.text


def check_search_snippet(client, it, ok, role):
    data = client.get("/api/v1/search", {"q": f"{it.word}note"}).json()
    snippets = " ".join(hit["snippet"] or "" for hit in data["hits"])
    if ok:
        assert f"<mark>{it.word}note</mark>" in snippets and data["total"] == 1
    else:
        assert data["total"] == 0 and data["hits"] == []


def check_facet_counts(client, it, ok, role):
    data = client.get("/api/v1/search", {"q": "matrix", "type": "news"}).json()
    years = {value["value"]: value["count"] for value in data["facets"].get("year", [])}
    year = str(YEARS[Audience(it.news.audience)])
    if ok:
        assert years.get(year) == 1
    else:
        assert year not in years
    assert sum(years.values()) == data["total"]


def check_autocomplete(client, it, ok, role):
    data = client.get("/api/v1/search/autocomplete", {"q": f"matrix {it.word[:5]}"}).json()
    titles = [s["title"] for s in data]
    if ok:
        assert it.news.title in titles
    else:
        assert not [t for t in titles if it.word in t]


def check_did_you_mean(client, it, ok, role):
    data = client.get("/api/v1/search", {"q": it.misspelt, "verbatim": "1"}).json()
    assert data["total"] == 0
    if ok:
        assert data["suggestion"] == it.word
    else:
        assert it.word not in (data["suggestion"] or "")
    # Without verbatim, the correction's results are shown: the same rule applies to them.
    corrected = client.get("/api/v1/search", {"q": it.misspelt}).json()
    if ok:
        assert corrected["corrected"] == it.word
        assert set(it.titles()) <= {hit["title"] for hit in corrected["hits"]}
    else:
        assert corrected["corrected"] != it.word and not leaks(json.dumps(corrected), it)


def check_search_api(client, it, ok, role):
    data = client.get("/api/v1/search", {"q": it.word}).json()
    found = {hit["title"] for hit in data["hits"]}
    if ok:
        assert set(it.titles()) <= found
    else:
        assert data["total"] == 0 and not leaks(json.dumps(data), it)


def check_page_pdf(client, it, ok, role):
    response = client.get(reverse("page_pdf", args=[it.toolkit.pk]))
    if ok:
        assert response.status_code == 200
        assert it.toolkit.title in pdf_text(b"".join(response.streaming_content))
    else:
        assert response.status_code in (302, 403)
        assert response.get("Content-Type", "").startswith("text/html")
        assert it.word not in response.text


def check_sitemap(client, it, ok, role):
    # Read by crawlers and cached by anyone: public pages only, whoever asks.
    text = client.get("/sitemap.xml").text
    public = Audience(it.news.audience) == Audience.PUBLIC
    assert (it.news.url in text) is public
    assert (it.insider.url in text) is public
    assert (it.toolkit.url in text) is public
    assert it.word not in text.replace(it.news.url, "").replace(it.insider.url, "").replace(it.toolkit.url, "").replace(
        it.section.url, ""
    )


def check_news_feed(client, it, ok, role):
    text = client.get(reverse("news_feed")).content.decode()
    public = Audience(it.news.audience) == Audience.PUBLIC
    assert (it.news.title in text) is public
    assert (it.insider.title in text) is public
    if not public:
        assert not leaks(text, it)


def check_event_pages(client, it, ok, role):
    listing = client.get(reverse("events:list")).text
    detail = client.get(reverse("events:detail", args=[it.event.slug]))
    if ok:
        assert it.event.name.translations["en"] in listing
        assert detail.status_code == 200 and f"Matrix {it.word} session" in detail.text
    else:
        assert not leaks(listing, it)
        # As a restricted page answers: log in, or a 403 that says why without naming the event.
        assert detail.status_code in (302, 403)
        if role == "anonymous":
            assert detail["Location"].startswith("/en/accounts/login/")
        else:
            assert "restricted" in detail.text and str(Audience(CLEARANCE[role]).label) in detail.text
        assert it.event.name.translations["en"] not in detail.text and f"Matrix {it.word} session" not in detail.text


def check_events_api(client, it, ok, role):
    listing = client.get("/api/v1/events").json()
    slug = it.event.slug
    one = client.get(f"/api/v1/events/{slug}")
    sessions = client.get(f"/api/v1/events/{slug}/sessions")
    tables = client.get(f"/api/v1/events/{slug}/roundtables")
    if ok:
        assert slug in {e["slug"] for e in listing}
        assert one.status_code == sessions.status_code == tables.status_code == 200
        assert f"Matrix {it.word} session" in sessions.text and f"Matrix {it.word} table" in tables.text
    else:
        assert slug not in {e["slug"] for e in listing}
        for response in (one, sessions, tables):
            assert response.status_code == 404 and it.word not in response.text


def check_event_ical(client, it, ok, role):
    response = client.get(f"/api/v1/events/{it.event.slug}.ics")
    if ok:
        assert response.status_code == 200 and f"Matrix {it.word} session" in response.content.decode()
    else:
        assert response.status_code == 404 and it.word not in response.content.decode()


def check_admin(client, it, ok, role):
    edit = client.get(f"/admin/pages/{it.news.pk}/edit/")
    search = client.get("/admin/pages/search/", {"q": it.word})
    if role in STAFF_ROLES:
        assert client.get("/admin/").status_code == 200
        assert edit.status_code in (200, 302, 403)  # page permissions differ between staff roles
        if role in ("editor", "superuser"):
            assert edit.status_code == 200 and it.news.title in edit.text
    else:
        for response in (edit, search):
            assert response.status_code in (302, 403)
            assert it.word not in response.content.decode()


SURFACES = {
    "page serve": check_page_serve,
    "index listing and filters": check_index_listing,
    "home menu and latest news": check_home_menu_and_latest,
    "search page hits and count": check_search_page,
    "search snippets": check_search_snippet,
    "facet counts": check_facet_counts,
    "autocomplete": check_autocomplete,
    "did you mean": check_did_you_mean,
    "search API": check_search_api,
    "content PDF": check_page_pdf,
    "sitemap": check_sitemap,
    "news feed": check_news_feed,
    "event pages": check_event_pages,
    "events API": check_events_api,
    "event iCal": check_event_ical,
    "admin": check_admin,
}
MATRIX = [(surface, role, audience) for surface in SURFACES for role in ROLES for audience in ORDER]


def test_matrix_size():
    assert len(MATRIX) == len(SURFACES) * len(ROLES) * len(ORDER) == 16 * 8 * 4


@pytest.mark.django_db
@pytest.mark.parametrize(("surface", "role", "audience"), MATRIX)
def test_access(world, as_role, surface, role, audience):
    client = as_role(role)
    SURFACES[surface](client, world[audience], allowed(role, audience), role)
