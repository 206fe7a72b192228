"""The site chrome from the shared cache: the header (brand, menu, search form) and the footer
rendered once per language, clearance and section, the language switcher's links kept per page,
language and clearance — and every one of them right again on the view after the tree changes."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Locale

from portal.pages.models import HomePage, InitiativeIndexPage
from portal.pages.tree_cache import tree_changed
from portal.templatetags import portal_tags
from tests.factories import UserFactory, add_page

pytestmark = pytest.mark.django_db


def english_home():
    return HomePage.objects.get(locale=Locale.objects.get(language_code="en"))


def french_link(html: str) -> str:
    switcher = html[html.index('class="language-switcher"') :]
    return re.search(r'<a href="([^"]+)" hreflang="fr"', switcher).group(1)


@pytest.fixture
def menu_builds(monkeypatch):
    """(language, clearance) of each time the header had to be rendered (it asks for the menu)."""
    calls = []
    real = portal_tags.menu_sections

    def counting(site, language, user):
        calls.append((language, portal_tags.clearance_for(user)))
        return real(site, language, user)

    monkeypatch.setattr(portal_tags, "menu_sections", counting)
    return calls


def test_the_header_is_rendered_once_per_language_clearance_and_section(client, menu_builds):
    first = client.get("/en/").text
    second = client.get("/en/").text
    assert len(menu_builds) == 1  # the second view took the rendered header from the cache
    header = second[second.index("<header") : second.index("</header>")]
    assert "Best practices" in header and 'data-language="en"' in header
    assert first[first.index("<header") : first.index("</header>")] == header

    client.get("/en/toolkits/")  # another section: aria-current moves, so another fragment
    client.get("/fr/")
    assert menu_builds == [("en", "public")] * 2 + [("fr", "public")]
    french = client.get("/fr/").text
    assert 'data-language="fr"' in french and "Bonnes pratiques" in french

    client.force_login(UserFactory(role="law_enforcement"))
    client.get("/en/")
    assert menu_builds[-1] == ("en", "law_enforcement")


def test_the_current_section_is_marked_from_the_cached_header(client):
    client.get("/en/toolkits/")
    client.get("/en/news/")
    html = client.get("/en/toolkits/").text
    nav = html[html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))]
    assert nav.count("aria-current") == 1 and '<a href="/en/toolkits/" aria-current="page">' in nav


def test_a_tree_change_renders_the_header_afresh(client, menu_builds):
    assert "Field reports" not in client.get("/en/").text
    add_page(english_home(), InitiativeIndexPage(title="Field reports", slug="field-reports", show_in_menus=True))
    assert "Field reports" in client.get("/en/").text
    # A change made behind the signals' back is not seen until the tree's version moves on.
    InitiativeIndexPage.objects.filter(slug="field-reports").update(title="Reports from the field")
    assert "Reports from the field" not in client.get("/en/").text
    tree_changed()
    assert "Reports from the field" in client.get("/en/").text


def test_the_footer_is_in_the_readers_language(client):
    client.get("/en/")
    assert "Restricted material is shown only to accounts cleared for it." in client.get("/en/").text
    french = client.get("/fr/").text
    footer = french[french.index("<footer") :]
    assert "Les contenus restreints ne sont montrés qu’aux comptes habilités." in footer


def test_the_language_link_follows_a_translation_published_after_it_was_cached(client):
    page = add_page(english_home(), InitiativeIndexPage(title="Field notes", slug="field-notes"))
    assert french_link(client.get("/en/field-notes/").text) == "/fr/?untranslated=1"
    assert french_link(client.get("/en/field-notes/").text) == "/fr/?untranslated=1"  # cached
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title, french.slug = "Notes de terrain", "notes-de-terrain"
    french.save_revision().publish()
    assert french_link(client.get("/en/field-notes/").text) == "/fr/notes-de-terrain/"


def test_each_clearance_has_its_own_language_links(client):
    page = add_page(english_home(), InitiativeIndexPage(title="Desk notes", slug="desk-notes"))
    french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title, french.slug, french.audience = "Notes du bureau", "notes-du-bureau", "law_enforcement"
    french.save_revision().publish()
    assert french_link(client.get("/en/desk-notes/").text) == "/fr/?untranslated=1"
    client.force_login(UserFactory(role="law_enforcement"))
    assert french_link(client.get("/en/desk-notes/").text) == "/fr/notes-du-bureau/"
    client.logout()
    assert french_link(client.get("/en/desk-notes/").text) == "/fr/?untranslated=1"
