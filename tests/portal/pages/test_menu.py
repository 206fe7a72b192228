"""The main menu comes from the shared cache, per language and clearance, and any change to the
page tree shows on the next page view."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from portal.pages.models import HomePage, InitiativeIndexPage
from tests.factories import UserFactory, add_page

pytestmark = pytest.mark.django_db


def english_home():
    return HomePage.objects.get(locale=Locale.objects.get(language_code="en"))


def menu_of(client, path="/en/") -> str:
    html = client.get(path).text
    return html[html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))]


def test_the_menu_is_built_once_then_served_from_the_cache(client):
    with CaptureQueriesContext(connection) as first:
        first_menu = menu_of(client)
    with CaptureQueriesContext(connection) as second:
        second_menu = menu_of(client)
    assert first_menu == second_menu and "Best practices" in first_menu
    assert len(second.captured_queries) <= len(first.captured_queries) - 3


def test_a_new_section_shows_at_once_and_leaves_when_unpublished(client):
    assert "Field reports" not in menu_of(client)  # cached now
    section = add_page(
        english_home(), InitiativeIndexPage(title="Field reports", slug="field-reports", show_in_menus=True)
    )
    assert "Field reports" in menu_of(client)
    section.unpublish()
    assert "Field reports" not in menu_of(client)


def test_a_renamed_or_moved_section_is_shown_as_it_is_now(client):
    section = add_page(english_home(), InitiativeIndexPage(title="Field notes", slug="field-notes", show_in_menus=True))
    assert 'href="/en/field-notes/"' in menu_of(client)
    section.slug = "notes-from-the-field"
    section.save_revision().publish()
    assert 'href="/en/notes-from-the-field/"' in menu_of(client)
    section.move(english_home().get_children().get(slug="initiatives"), pos="last-child")
    assert "notes-from-the-field" not in menu_of(client)


def test_each_clearance_has_its_own_menu(client):
    add_page(
        english_home(),
        InitiativeIndexPage(
            title="Officers corner", slug="officers-corner", show_in_menus=True, audience="law_enforcement"
        ),
    )
    client.force_login(UserFactory(role="law_enforcement"))
    assert "Officers corner" in menu_of(client)
    client.logout()
    assert "Officers corner" not in menu_of(client)
    client.force_login(UserFactory(role="delegate"))
    assert "Officers corner" not in menu_of(client)


def test_the_current_section_is_marked_whatever_the_cache_holds(client):
    menu_of(client)  # caches the menu from the home page, where nothing is current
    menu = menu_of(client, "/en/toolkits/")
    assert '<a href="/en/toolkits/" aria-current="page">' in menu
    assert menu.count("aria-current") == 1
