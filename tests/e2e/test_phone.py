"""Phones: at 390 px, in English and French, no page is wider than the screen and the header
folds into a Menu button (an external script, under the enforced CSP); the statistics charts
are readable (labels at least 12 px, full names) and pass axe. At 1280 px the menu is open."""

from __future__ import annotations

import pytest

from .conftest import screenshot
from .test_accessibility import IMPACTS, axe_source, run_axe, signed_in  # noqa: F401 — fixtures

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# name: (English path, French path, who looks at it)
PAGES = {
    "home": ("/en/", "/fr/", None),
    "events": ("/en/events/", "/fr/events/", None),
    "event": ("/en/events/heads-of-ncb-2023/", "/fr/events/heads-of-ncb-2023/", "delegate"),
    "timetable": ("/en/events/heads-of-ncb-2023/timetable/", "/fr/events/heads-of-ncb-2023/timetable/", "delegate"),
    "speaker": ("/en/events/speakers/aminata-sow/", "/fr/events/speakers/aminata-sow/", None),
    "conclusions": ("/en/conclusions/", "/fr/conclusions/", None),
    "search": ("/en/search/?q=biometric", "/fr/recherche/?q=biométrie", None),
    "my-registrations": ("/en/events/my/", "/fr/events/my/", "delegate"),
    "registration-form": ("/en/events/week/demo-week/register/", "/fr/events/week/demo-week/register/", "form"),
    "statistics": (
        "/en/events/statistics/singapore-2023/",
        "/fr/events/statistics/singapore-2023/",
        "events@liaison.example",
    ),
    "check-in": ("/en/events/checkin/", "/fr/events/checkin/", "events@liaison.example"),
    "check-in-desk": (
        "/en/events/heads-of-ncb-2023/checkin/?q=Singapore",
        "/fr/events/heads-of-ncb-2023/checkin/?q=Singapour",
        "events@liaison.example",
    ),
}


@pytest.fixture(scope="module")
def states(signed_in, staff_state):  # noqa: F811 — pytest fixtures, imported above
    """The delegates' cookies the accessibility checks use, and the event manager's."""
    return {**signed_in, "events@liaison.example": staff_state("events@liaison.example")}


def open_page(new_page, states, name, language, viewport):
    english, french, who = PAGES[name]
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB", storage_state=states[who] if who else None)
    page.set_viewport_size(viewport)
    response = page.goto(english if language == "en" else french)
    assert response.ok, f"{name} answered {response.status}"
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_a_390_px_phone_with_the_header_folded(new_page, states, name, language):
    page = open_page(new_page, states, name, language, PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 391)
            .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )
    assert width <= 390, f"{name} ({language}) is {width} px wide: {wide}"
    menu = page.locator("#menu-toggle")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 130, f"the folded header takes {header['height']} px"
    assert not page.locator(".main-nav").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.locator(".main-nav a").first.is_visible()
    assert page.locator("#header-q").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # open, it still fits
    page.keyboard.press("Escape")
    assert not page.locator(".main-nav").is_visible()
    assert not page.liaison_console.errors, page.liaison_console.errors
    screenshot(page, f"phone-{name}-{language}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_on_a_desktop_the_menu_is_open_and_no_button_shows(new_page, states, language):
    page = open_page(new_page, states, "home", language, DESKTOP)
    assert not page.locator("#menu-toggle").is_visible()
    assert page.locator(".main-nav a").first.is_visible()
    assert page.locator("#header-q").is_visible()


def test_without_javascript_the_whole_header_shows(browser, portal):
    context = browser.new_context(base_url=portal.base, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto("/en/")
    assert page.locator(".main-nav a").first.is_visible()
    assert not page.locator("#menu-toggle").is_visible()
    context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_statistics_charts_are_legible_and_pass_axe(new_page, states, axe_source, language, viewport):  # noqa: F811
    page = open_page(new_page, states, "statistics", language, viewport)
    labels = page.locator(".bar-chart th[scope=row]")
    assert labels.count() >= 10
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.bar-chart th, .bar-chart .bar-value, .bar-chart caption')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))"""
    )
    assert min(sizes) >= 12, f"chart text as small as {min(sizes)} px"
    # Full event names (wrapped, not clipped) and country names, not codes.
    event_name = {"en": "2nd Conference of NCB Data Protection Officers", "fr": "2e Conférence des délégués"}[language]
    assert page.locator(".bar-chart th", has_text=event_name).count() == 1
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.bar-chart th')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"""
    )
    assert not clipped, clipped
    codes = page.evaluate(
        """() => [...document.querySelectorAll('.bar-chart th[scope=row]')]
            .map(e => e.textContent.trim()).filter(t => /^[A-Z]{2}$/.test(t))"""
    )
    assert not codes, codes
    seats = {"en": "seats taken", "fr": "places prises"}[language]
    assert page.locator(".bar-value", has_text=seats).count() >= 3  # capacity beside seats taken
    grave = [f"{v['impact']}: {v['id']} — {v['help']}" for v in run_axe(page, axe_source) if v["impact"] in IMPACTS]
    assert not grave, grave
    screenshot(page, f"statistics-{language}-{viewport['width']}")
