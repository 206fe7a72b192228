"""A delegate follows a programme under way, in English and French, on a desktop and on a 390 px
phone: "now and next" on the event page, the theme filter, a session page with its speaker and
its document (downloaded), and the timetable by day and room. Every page passes axe and keeps
the Content Security Policy (the new_page fixture fails the test on any violation)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot
from .test_accessibility import axe_source, run_axe  # noqa: F401 — a pytest fixture among them

pytestmark = pytest.mark.slow

DELEGATE = "delegate@liaison.example"  # a demo delegate: the meeting is for delegates
SAYS = {
    "en": {
        "now": "Now:",
        "next": "Next:",
        "running": "Opening of the live programme",
        "coming": "Tracing ransomware payments",
        "later": "Bureaus after dark",
        "theme": "Theme",
        "cyber": "Cybercrime",
        "filter": "Filter",
        "everything": "Show everything",
        "room": "Room 2",
        "timetable": "See it as a timetable by day and room",
    },
    "fr": {
        "now": "En ce moment\u00a0:",
        "next": "Ensuite\u00a0:",
        "running": "Ouverture du programme en cours",
        "coming": "Suivre les paiements de rançongiciels",
        "later": "Les bureaux la nuit",
        "theme": "Thème",
        "cyber": "Cybercriminalité",
        "filter": "Filtrer",
        "everything": "Tout afficher",
        "room": "Salle 2",
        "timetable": "Le voir en grille par jour et par salle",
    },
}


def no_axe_violations(page, source):
    violations = run_axe(page, source)
    assert violations == [], [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide on a {width} px screen"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_delegate_follows_the_programme_under_way(new_page, portal, axe_source, language, width):  # noqa: F811
    live = portal.desk["programme"]
    says = SAYS[language]
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, DELEGATE)

    page.goto(f"/{language}/events/{live['event']}/")
    now_next = page.locator("section[aria-labelledby='now-next']")
    expect(now_next.locator("p").nth(0)).to_contain_text(says["now"])
    expect(now_next.locator("p").nth(0)).to_contain_text(says["running"])
    expect(now_next.locator("p").nth(1)).to_contain_text(says["next"])
    expect(now_next.locator("p").nth(1)).to_contain_text(says["coming"])
    expect(now_next).not_to_contain_text(says["later"])  # next is only what starts next
    fits(page, width)
    no_axe_violations(page, axe_source)

    # The theme filter leaves the cybercrime workshop alone.
    page.get_by_label(says["theme"], exact=True).select_option(label=says["cyber"])
    page.locator("form.filters").get_by_role("button", name=says["filter"]).click()
    expect(page).to_have_url(re.compile(r"[?&]theme=cybercrime"))
    programme = page.locator("main")
    expect(programme.get_by_role("link", name=says["coming"]).first).to_be_visible()
    expect(programme.get_by_role("link", name=says["later"])).to_have_count(0)
    screenshot(page, f"programme-filtered-{language}-{width}")
    page.get_by_role("link", name=says["everything"]).click()
    expect(programme.get_by_role("link", name=says["later"]).first).to_be_visible()

    # The session running now: its speaker and its paper, downloaded.
    now_next.get_by_role("link", name=says["running"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(says["running"])
    expect(page.get_by_role("link", name="Aminata Sow")).to_be_visible()
    fits(page, width)
    no_axe_violations(page, axe_source)
    with page.expect_download() as download:
        page.get_by_role("link", name="Live programme background paper").click()
    with open(download.value.path(), "rb") as paper:
        assert paper.read().startswith(b"%PDF")

    # The timetable: rooms across, one table per day, and it fits the phone.
    page.goto(f"/{language}/events/{live['event']}/")
    page.get_by_role("link", name=says["timetable"]).click()
    expect(page.locator("table").first.get_by_role("columnheader", name=says["room"])).to_have_count(1)
    fits(page, width)
    no_axe_violations(page, axe_source)
    screenshot(page, f"programme-timetable-{language}-{width}")
