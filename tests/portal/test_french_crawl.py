"""French as good as English: each role signs in through the real login pages (TOTP for staff),
crawls every site page it can reach in French, and no English interface string may show.

The word list is not written by hand: it is every message of the English catalogues (the
portal's, allauth's, Django's) that has a French translation different from the English,
cut at its placeholders into fragments of at least two words. Text marked as being in another
language (``lang="en"``, e.g. the link to the English version) is allowed; everything else
counts, attributes people read included (``placeholder``, ``aria-label``, ``title``, ``alt``).
"""

from __future__ import annotations

import re
from collections import deque
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import allauth
import django
import polib
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings

from events.models import ConferenceWeek
from tests.events import factories as f
from tests.factories import PASSWORD
from tests.portal.test_accounts import current_totp

ROLES = ["anonymous", "public", "delegate", "law_enforcement", "editor", "event_manager", "superuser"]
STAFF = {"editor", "event_manager", "superuser"}
START = ["/fr/", "/fr/events/", "/fr/events/my/", "/fr/accounts/profile/", "/fr/recherche/?q=frontiere"]
STAFF_START = ["/fr/events/statistics/", "/fr/events/checkin/"]
# Not pages: downloads, feeds, exports, state changes, and the admin (Wagtail's own catalogue).
SKIP = re.compile(r"(\.pdf|\.ics|\.csv|\.json|/export|/logout|/delete|/api/|/admin/|/media/|/documents/|/static/)")
MAX_PAGES = 160
READ_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|<[^>]+>|\n")


def _catalogues():
    portal = Path(settings.BASE_DIR) / "portal/locale/fr/LC_MESSAGES/django.po"
    allauth_po = Path(allauth.__file__).parent / "locale/fr/LC_MESSAGES/django.po"
    django_po = Path(django.__file__).parent / "conf/locale/fr/LC_MESSAGES/django.po"
    return [portal, allauth_po, django_po]


@cache
def english_fragments() -> tuple[str, ...]:
    fragments = set()
    for path in _catalogues():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr or entry.msgstr == entry.msgid or "fuzzy" in entry.flags:
                continue
            for piece in PLACEHOLDER.split(entry.msgid):
                piece = " ".join(piece.split()).strip(" .,:;!?()–—-“”\"'")
                if len(piece) >= 12 and len(piece.split()) >= 2 and re.search(r"[a-z]", piece):
                    fragments.add(piece)
    return tuple(sorted(fragments, key=len, reverse=True))


class ReadableText(HTMLParser):
    """The text a reader meets, outside scripts, styles and elements in another language."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.links: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = bool(attrs.get("lang")) and not attrs["lang"].startswith("fr")
        hidden = tag in ("script", "style", "template") or other_language
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if not (hidden or self._hidden()):
            self.parts.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in self.VOID:
            self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def sign_in(client, role):
    if role == "anonymous":
        return
    user = f.delegate(role=role, language="fr")
    if role == "delegate":
        week = ConferenceWeek.objects.get(slug="demo-week")
        event = week.events.filter(audience="delegates").order_by("sort_order").first()
        f.registered(user, event, arrival_date=week.start_date, departure_date=week.end_date)
    secret = None
    if role in STAFF:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
    answer = client.post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert answer.status_code == 302, answer.content[:300]
    if secret:
        assert "/2fa/authenticate/" in answer["Location"]
        answer = client.post("/fr/accounts/2fa/authenticate/", {"code": current_totp(secret)})
        assert answer.status_code == 302


def crawl(client, starts):
    seen, queue, pages = set(), deque(starts), {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = ReadableText()
        parser.feed(response.content.decode())
        pages[url] = parser.text()
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/fr/") or SKIP.search(parts.path):
                continue
            if href not in seen:
                queue.append(href)
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_in_french_has_no_english_interface_string(client, role):
    sign_in(client, role)
    pages = crawl(client, START + (STAFF_START if role in STAFF else []))
    assert len(pages) >= 20, sorted(pages)  # the crawl really went round the site
    fragments = english_fragments()
    found = {}
    for url, text in pages.items():
        english = [piece for piece in fragments if piece in text]
        if english:
            found[url] = english[:5]
    assert not found, "\n".join(f"{url}: {pieces}" for url, pieces in sorted(found.items()))


def test_the_word_list_is_built_from_the_catalogues():
    fragments = english_fragments()
    assert len(fragments) > 500
    assert "Send my registration" in fragments  # the portal's
    assert "Forgot your password" in " ".join(fragments) or "Forgot Password" in " ".join(fragments)  # allauth's
