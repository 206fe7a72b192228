"""Arabic, switched on by `LIAISON_LANGUAGES=en,fr,es,ar`, lays out right to left in Chromium:
checked by where things land on the screen, not by reading the markup. The same checks on the
English page find the mirror image, so the layout comes from the direction, not from chance."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def boxes(page, selector: str) -> list[dict]:
    return [box for box in (item.bounding_box() for item in page.locator(selector).all()) if box]


def open_home(new_page, four_language_portal, language: str, viewport: dict):
    page = new_page(locale={"ar": "ar-EG", "en": "en-GB"}[language])
    page.set_viewport_size(viewport)
    page.goto(f"{four_language_portal.base}/{language}/")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_menu_starts_on_the_right_in_arabic_and_on_the_left_in_english(new_page, four_language_portal, language):
    page = open_home(new_page, four_language_portal, language, DESKTOP)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    items = boxes(page, ".main-nav li")
    assert len(items) >= 3
    first, second = items[0], items[1]
    brand = page.locator(".brand").bounding_box()
    width = DESKTOP["width"]
    if language == "ar":
        assert first["x"] > second["x"], "the first menu item is to the right of the second"
        assert brand["x"] + brand["width"] > width / 2, "the site's name stands on the right"
    else:
        assert first["x"] < second["x"]
        assert brand["x"] < width / 2
    assert not page.liaison_console.errors


def test_the_arabic_phone_layout_fits_and_folds_the_menu_on_the_right(new_page, four_language_portal):
    page = open_home(new_page, four_language_portal, "ar", PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toggle = page.locator("#menu-toggle")
    assert toggle.is_visible()
    brand = page.locator(".brand").bounding_box()
    toggle_box = toggle.bounding_box()
    assert brand["x"] > toggle_box["x"], "the site's name is on the right, the menu button on the left"
    notice = page.get_by_role("status").first
    assert "not yet translated" in notice.inner_text()  # the demo home is English: it says so
    assert not page.liaison_console.errors
