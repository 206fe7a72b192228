"""The journeys of the portal's users, in a real browser against a real server process."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.pdftools import badge_codes, pdf_text

from .conftest import ARTIFACTS, DELEGATE_EMAIL, E2E_BADGE_KEY, body_of, log_in, screenshot
from .scenario import (
    AGENDA_DELEGATE,
    BADGE_DELEGATE,
    CHECKIN_DELEGATE,
    JOURNEY_PASSWORD,
    MAIN_EVENT,
    PENDING_DELEGATE,
)

pytestmark = pytest.mark.slow


def test_a_visitor_reads_french_and_switches_to_english_on_the_same_page(new_page):
    page = new_page(locale="fr-FR")
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Deeper in the site the switch keeps the reader on the same document, in the other language.
    page.goto("/fr/boites-a-outils/boite-a-outils-ia-responsable/")
    french_title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("navigation", name="Language").or_(page.get_by_role("navigation", name="Langue")).get_by_role(
        "link", name="English"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/toolkits/responsible-ai-toolkit/$"))
    english_title = page.get_by_role("heading", level=1).inner_text()
    assert english_title != french_title and "toolkit" in english_title.lower()
    screenshot(page, "visitor-switched-to-english")


def signed_in(new_page, spec):
    """A page signed in, through the login form, as one of the scenario's delegates."""
    page = new_page()
    log_in(page, spec[0], JOURNEY_PASSWORD)
    return page


def test_invited_delegate_signs_up_verifies_and_registers_for_two_events(new_page, portal):
    password = "Kora-Senegal-2027!"
    invitation = portal.wait_for_mail(DELEGATE_EMAIL, "Invitation")
    link = re.search(r"http://\S+/en/events/invitation/\S+/", body_of(invitation)).group(0)
    page = new_page()
    page.goto(link)
    # Not signed in yet: the portal asks to log in, and offers to sign up.
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_role("main").get_by_role("link", name=re.compile("sign up", re.I)).click()
    page.get_by_label("Email").fill(DELEGATE_EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(password)
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Benali")
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("Verify", re.I))

    confirmation = portal.wait_for_mail(DELEGATE_EMAIL, "Confirm your email address")
    page.goto(re.search(r"http://\S+/accounts/confirm-email/\S+/", body_of(confirmation)).group(0))
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    log_in(page, DELEGATE_EMAIL, password)

    # Back to the invitation: the verified address is the invited one, so the delegates' events open.
    page.goto(link)
    expect(page.get_by_text("Your invitation is accepted")).to_be_visible()
    # From the invitation: the bureau, and the country the places count for (fixed from now on).
    expect(page.locator(".profile-summary")).to_contain_text("NCB Dakar")
    expect(page.locator(".profile-summary")).to_contain_text("Your places count towards the places of Senegal.")
    form = page.locator("form.stacked-form")
    expect(form.get_by_label(re.compile("Heads of NCB Conference"))).to_be_checked()
    expect(form.get_by_label(re.compile("Data Protection Officers"))).to_be_checked()
    form.get_by_label(re.compile("^I agree that the secretariat processes")).check()
    form.get_by_role("button", name="Send my registration").click()

    expect(page.get_by_text("Your registration is recorded")).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Pending approval")
    # The small conference is full (and Senegal's single place taken): a waiting-list position,
    # behind the two delegates the demo already has waiting.
    small = main.get_by_role("row").filter(has_text="Data Protection Officers")
    expect(small).to_contain_text(re.compile(r"Waiting list\s*— position 3"))
    expect(main.get_by_role("row").filter(has_text="Heads of NCB")).to_contain_text("Pending approval")
    screenshot(page, "delegate-registered-and-waitlisted")


def test_a_delegate_stars_sessions_into_their_agenda(new_page):
    page = signed_in(new_page, AGENDA_DELEGATE)
    page.goto("/en/events/heads-of-ncb-demo/")
    titles = []
    for index in (0, 2):
        session = page.locator(".session").nth(index)
        titles.append(session.get_by_role("heading").inner_text())
        # The button's description names the session, for screen-reader users too.
        button = page.get_by_role("button", name="☆ Add to my agenda", description=titles[-1])
        button.click()
        expect(page.get_by_role("button", name="★ In my agenda", description=titles[-1])).to_be_visible()
    expect(page.get_by_role("button", name="★ In my agenda")).to_have_count(2)
    page.goto("/en/events/my/")
    agenda = page.get_by_role("region", name="My agenda")
    for title in titles:
        expect(agenda.get_by_role("listitem").filter(has_text=title)).to_contain_text("Heads of NCB")
    ics = page.locator("code, pre, a").filter(has_text=re.compile(r"/api/v1/agenda/.*\.ics")).first.inner_text()
    feed = page.request.get(ics.strip())
    assert feed.ok and "BEGIN:VCALENDAR" in feed.text()
    subscribe = page.get_by_role("link", name="Subscribe in my calendar app")
    assert subscribe.get_attribute("href") == "webcal://" + ics.strip().split("://", 1)[1]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the address").click()
    expect(page.get_by_role("status").filter(has_text="Address copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == ics.strip()
    assert all(title in feed.text().replace("\r\n ", "") for title in titles)
    screenshot(page, "delegate-agenda")


def test_an_event_manager_approves_a_registration_and_the_delegate_sees_it(new_page, staff_state, portal):
    email, first, last = PENDING_DELEGATE[:3]
    page = new_page(storage_state=staff_state("events@liaison.example"))
    page.goto(f"/admin/snippets/events/attendance/?status=pending&q={last}")  # hundreds of places: search
    row = page.get_by_role("row").filter(has_text=last).filter(has_text="Heads of NCB")
    row.get_by_role("checkbox").check()
    page.get_by_role("link", name=re.compile("^Approve")).click()
    page.get_by_role("button", name=re.compile("Yes|Approve", re.I)).first.click()
    expect(page.get_by_text(re.compile(r"1 registration updated"))).to_be_visible()
    screenshot(page, "manager-approved")

    approval = portal.wait_for_mail(email, "approved")
    assert "Heads of NCB" in body_of(approval)
    delegate = signed_in(new_page, PENDING_DELEGATE)
    delegate.goto("/en/events/my/")
    expect(delegate.get_by_role("main").get_by_role("row").filter(has_text="Heads of NCB")).to_contain_text("Approved")


def test_an_approved_delegate_downloads_the_badge(new_page, portal):
    email, first, last = BADGE_DELEGATE[:3]
    page = signed_in(new_page, BADGE_DELEGATE)
    page.goto("/en/events/my/")
    main = page.get_by_role("main")
    expect(main.get_by_role("row").filter(has_text="Heads of NCB")).to_contain_text("Approved")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Badge (PDF)").click()
    badge = Path(download_info.value.path()).read_bytes()
    assert badge.startswith(b"%PDF")
    text = pdf_text(badge)
    assert first in text and last.upper() in text.upper() and "Japan" in text
    code = main.locator("strong.code").inner_text().strip()
    assert code == portal.codes[email] and code in text, "the badge carries the check-in code shown on the page"
    assert badge_codes(badge, keys=[E2E_BADGE_KEY]) == [code], "and its signed QR code says the same"
    (ARTIFACTS / "delegate-badge.pdf").write_bytes(badge)
    screenshot(page, "delegate-approved")


def test_check_in_records_the_arrival_once_and_refuses_the_code_again(new_page, staff_state, portal):
    code = portal.codes[CHECKIN_DELEGATE[0]]  # read from the delegate's badge
    page = new_page(storage_state=staff_state("events@liaison.example"))
    page.goto("/en/events/checkin/")
    page.locator(f'a[href$="/events/{MAIN_EVENT}/checkin/"]').click()
    page.get_by_label("Badge code", exact=True).fill(code.lower())  # typed casually
    page.get_by_role("button", name="Check in", exact=True).click()
    # The conference is next year: the desk says so and offers to accept it with a reason.
    expect(page.get_by_role("alert")).to_contain_text("Too early for Omar Haddad.")
    screenshot(page, "checkin-too-early")
    page.get_by_label("Reason for accepting it").fill("Rehearsal of the desk before the week")
    page.get_by_role("button", name="Accept all the same").click()
    expect(page.get_by_role("alert")).to_contain_text("Welcome!")
    expect(page.get_by_role("alert")).to_contain_text("Omar Haddad (Jordan) is checked in at")
    expect(page.locator("[data-count=event] [data-field=checked_in]")).not_to_have_text("0")
    screenshot(page, "checkin-accepted")
    page.get_by_label("Badge code", exact=True).fill(code)
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Already used.")
    expect(page.get_by_role("alert")).to_contain_text("A badge counts once.")
    screenshot(page, "checkin-refused-second-time")
    page.get_by_label("Name, country or badge code").fill("Jordan")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("table").filter(has_text="Omar Haddad")).to_contain_text("Checked in at")


def result_titles(page) -> list[str]:
    return page.locator(".results .card-title").all_inner_texts()


def result_count(page) -> int:
    return int(re.match(r"\d+", page.locator("#results-heading").inner_text().strip()).group(0))


def test_the_header_search_box_completes_titles_on_a_phone_in_french(new_page):
    """Typing in the header's quick search (any page) offers titles the reader may open, acronym
    and stop words included; the page's console stays clean (CSP: the script is a file)."""
    page = new_page(locale="fr-FR")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/fr/")
    page.locator("#menu-toggle").click()  # on a phone the header folds into the Menu button
    box = page.locator("#header-q")
    box.fill("réseau des bcn")
    expect(page.locator("#header-suggestions option[value='Renforcer le réseau des B.C.N.']")).to_have_count(1)
    box.fill("boîte à out")
    expect(page.locator("#header-suggestions option").first).to_have_attribute(
        "value", "Boîte à outils pour une innovation responsable en matière d’IA dans les services de police"
    )
    assert not page.liaison_console.errors, page.liaison_console.errors
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_officer_searches_in_french_finds_an_english_only_practice_and_narrows_by_facet(new_page):
    page = new_page(locale="fr-FR")
    log_in(page, "officer@liaison.example")
    page.goto("/fr/")
    header_search = page.get_by_role("banner").get_by_role("search")
    header_search.get_by_label("Recherche").fill("centres d'escroquerie")
    header_search.get_by_role("button", name="Recherche").click()
    expect(page.locator("#results-heading")).to_contain_text("centres d'escroquerie")
    everything = result_count(page)
    practice = "Screening workers rescued from online scam centres"  # exists only in English
    assert practice in result_titles(page)
    assert everything >= 2, result_titles(page)

    # The type facet narrows the list to the best practices, and says so.
    facets = page.get_by_role("complementary", name="Affiner les résultats")
    facets.get_by_role("link", name="Bonne pratique").click()
    expect(facets.get_by_role("link", name="Bonne pratique")).to_have_attribute("aria-current", "true")
    narrowed = result_count(page)
    assert 1 <= narrowed < everything
    assert practice in result_titles(page)
    assert practice in result_titles(page)

    page.get_by_role("link", name=practice).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(practice)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot(page, "officer-opened-english-practice")


def test_a_delegates_only_item_never_shows_to_a_public_visitor(new_page):
    query = "tables rondes régionales"
    briefing = "Note aux délégués\u00a0: déroulement des tables rondes régionales"
    officer = new_page(locale="fr-FR")
    log_in(officer, "officer@liaison.example")
    officer.goto(f"/fr/recherche/?q={query}")
    assert briefing in result_titles(officer), "the officer (cleared above delegates) finds the briefing"
    cleared_count = result_count(officer)

    visitor = new_page(locale="fr-FR")
    visitor.goto(f"/fr/recherche/?q={query}")
    expect(visitor.locator("#results-heading")).to_be_visible()
    assert briefing not in result_titles(visitor)
    assert result_count(visitor) < cleared_count
    assert "déroulement" not in visitor.get_by_role("main").inner_text().lower()
    # Not through the facet counts or the suggestions either.
    facet_total = sum(int(n.strip("()")) for n in visitor.locator(".facet").first.locator(".count").all_inner_texts())
    assert facet_total == result_count(visitor)
    completions = visitor.request.get("/api/v1/search/autocomplete?q=note%20aux&lang=fr")
    assert completions.ok and "délégués" not in str(completions.json())
    screenshot(visitor, "visitor-search-without-delegate-item")
