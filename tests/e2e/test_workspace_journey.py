"""The responsible-AI workspace as an officer uses it, in English and French, at 1280 and
390 px: a new readiness round answered half-way, left, resumed and finished; the dashboard
and its PDF report read back; an AI system registered, rated and given a mitigation. Every
page passes axe with no violation and keeps the CSP. A member of the other agency sees none of it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.pdftools import pdf_text

from .conftest import log_in, screenshot
from .test_accessibility import axe_source, run_axe  # noqa: F401 — a pytest fixture among them

pytestmark = pytest.mark.slow

OFFICER = "officer@liaison.example"  # the admin of the demo's Singapore workspace
INSPECTOR = "inspector@liaison.example"  # the demo's Kenyan workspace
SAYS = {
    "en": {
        "agency": "Singapore Police Force — Technology Office",
        "readiness": "Readiness",
        "start": "Start a new round",
        "go_on": "Save and go on",
        "level": "In place",
        "half": "12 of 24 questions answered",
        "complete": "complete",
        "systems": "AI systems",
        "register": "Register the system",
        "name": "Name",
        "purpose": "Purpose",
        "stage": "Life-cycle stage",
        "pilot": "Pilot",
        "principle": "Principle",
        "fairness": "Fairness",
        "group": "Affected group",
        "victims": "Victims and witnesses",
        "likelihood": "Likelihood",
        "likely": "Possible",
        "severity": "Severity",
        "major": "Major",
        "save_rating": "Save the rating",
        "high": "High",
        "action": "Action",
        "owner": "Owner",
        "due": "Due",
        "add": "Add the mitigation",
        "report": "Download the report (PDF)",
        "report_text": "Responsible AI self-assessment",
        "round_complete": "(complete). Overall score:",
    },
    "fr": {
        "agency": "Singapore Police Force — Technology Office",
        "readiness": "Maturité",
        "start": "Commencer un nouveau cycle",
        "go_on": "Enregistrer et continuer",
        "level": "En place",
        "half": "12 questions sur 24 répondues",
        "complete": "terminé",
        "systems": "Systèmes d’IA",
        "register": "Enregistrer le système",
        "name": "Nom",
        "purpose": "Finalité",
        "stage": "Étape du cycle de vie",
        "pilot": "Pilote",
        "principle": "Principe",
        "fairness": "Équité",
        "group": "Groupe concerné",
        "victims": "Victimes et témoins",
        "likelihood": "Probabilité",
        "likely": "Possible",
        "severity": "Gravité",
        "major": "Majeure",
        "save_rating": "Enregistrer l’évaluation",
        "high": "Élevé",
        "action": "Action",
        "owner": "Responsable",
        "due": "Échéance",
        "add": "Ajouter la mesure",
        "report": "Télécharger le rapport (PDF)",
        "report_text": "Auto-évaluation IA responsable",
        "round_complete": "(terminé). Score d’ensemble",
    },
}


def clean(page, source, width):
    violations = run_axe(page, source)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide"


def field(page, label):
    """The form field whose label is ``label`` (Django adds its colon)."""
    return page.get_by_label(re.compile(f"^{re.escape(label)}\\W*$"))


def workspace_nav(page):
    return page.get_by_role("navigation", name=re.compile("^(Workspace|Espace)$"))


def answer_dimension(page, level):
    for question in page.locator("fieldset.question").all():
        question.get_by_label(level, exact=True).check()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_officer_works_through_the_toolkit(new_page, portal, axe_source, language, width):  # noqa: F811
    says = SAYS[language]
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, OFFICER)
    page.goto(f"/{language}/workspaces/")
    page.get_by_role("link", name=says["agency"]).click()
    dashboard = page.url
    clean(page, axe_source, width)

    # A new round: three dimensions answered, then away.
    page.get_by_role("navigation", name=re.compile("Workspace|Espace")).get_by_role(
        "link", name=says["readiness"]
    ).click()
    page.get_by_role("button", name=says["start"]).click()
    expect(page).to_have_url(re.compile(r"/readiness/\d+/$"))
    round_url = page.url
    clean(page, axe_source, width)
    screenshot(page, f"workspace-round-{language}-{width}")
    for _ in range(3):
        answer_dimension(page, says["level"])
        page.get_by_role("button", name=says["go_on"]).click()
        page.wait_for_load_state()
    page.goto(dashboard)
    expect(page.locator("main")).to_contain_text(says["half"])

    # Back: the round opens where it stopped; the last answer finishes it (saved as chosen).
    page.goto(round_url)
    expect(page.locator("#round-progress")).to_contain_text(says["half"])
    for n in range(3):
        answer_dimension(page, says["level"])
        if n < 2:
            page.get_by_role("button", name=says["go_on"]).click()
            page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/results/$"), timeout=15000)
    clean(page, axe_source, width)
    screenshot(page, f"workspace-results-{language}-{width}")

    # The dashboard, and its report read back.
    page.goto(dashboard)
    expect(page.locator(".bar-chart")).to_be_visible()
    clean(page, axe_source, width)
    screenshot(page, f"workspace-dashboard-{language}-{width}")
    with page.expect_download() as download:
        page.get_by_role("link", name=says["report"]).click()
    with open(download.value.path(), "rb") as report:
        text = " ".join(pdf_text(report.read()).split())
    assert says["report_text"] in text and says["agency"] in text and says["round_complete"] in text

    # An AI system, rated, with a mitigation.
    name = f"Drone footage triage {language} {width}"
    page.get_by_role("navigation", name=re.compile("Workspace|Espace")).get_by_role(
        "link", name=says["systems"]
    ).click()
    field(page, says["name"]).fill(name)
    field(page, says["purpose"]).fill("Flags scenes in drone footage for a human analyst.")
    page.get_by_label(says["stage"]).select_option(label=says["pilot"])
    page.get_by_role("button", name=says["register"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.get_by_label(says["principle"]).select_option(label=says["fairness"])
    page.get_by_label(says["group"]).select_option(label=says["victims"])
    page.get_by_label(says["likelihood"]).select_option(label=says["likely"])
    page.get_by_label(says["severity"]).select_option(label=says["major"])
    page.get_by_role("button", name=says["save_rating"]).click()
    expect(page.locator("#risks + table, table").first).to_contain_text(says["high"])
    field(page, says["action"]).fill("Second analyst reviews every flagged scene.")
    page.get_by_label(says["owner"]).select_option(label="Mei Tan")
    field(page, says["due"]).fill("2027-03-01")
    page.get_by_role("button", name=says["add"]).click()
    expect(page.locator("main")).to_contain_text("Second analyst reviews every flagged scene.")
    clean(page, axe_source, width)
    screenshot(page, f"workspace-system-{language}-{width}")
    system_url = page.url

    # The other agency's member: none of it.
    other = new_page(locale="fr-FR" if language == "fr" else "en-GB")
    log_in(other, INSPECTOR)
    for url in (dashboard, round_url, system_url, dashboard + "report.pdf"):
        assert other.goto(url).status == 404, url
    other.goto(f"/{language}/workspaces/")
    expect(other.locator("main")).not_to_contain_text(says["agency"])
    expect(other.locator("main")).to_contain_text("Kenya")
