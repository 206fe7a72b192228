"""The offline check-in desk in Chromium: taken offline, it checks 20 badges (typed and read from
QR images), refuses a forged one and a cancelled one, keeps them, and records each once when the
network is back; a second desk, in French, learns of the duplicate at its own sync."""

from __future__ import annotations

import io
import json
import re
import urllib.request

import pytest
import segno
from playwright.sync_api import expect

from .conftest import log_in, screenshot
from .test_accessibility import IMPACTS, axe_source, run_axe  # noqa: F401 — a pytest fixture among them

pytestmark = pytest.mark.slow

MANAGER = "events@liaison.example"
# How many records the desk keeps in the browser (0 when its database is gone).
STORED_RECORDS = """() => new Promise(resolve => {
    const opening = indexedDB.open("liaison-desk");
    opening.onsuccess = () => {
        const db = opening.result;
        if (!db.objectStoreNames.contains("meta")) { resolve(0); return; }
        const counting = db.transaction("meta").objectStore("meta").count();
        counting.onsuccess = () => { resolve(counting.result); db.close(); };
    };
})"""


def qr_png(text: str) -> dict:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=6, border=4)
    return {"name": "badge.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def open_desk(new_page, staff_state, portal, language="en"):
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB", storage_state=staff_state(MANAGER))
    page.goto(f"/{language}/events/{portal.desk['event']}/desk/")
    expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
    expect(page.locator("html[data-desk-cached='1']")).to_have_count(1, timeout=20000)
    return page


def check_in(page, code: str):
    page.locator("#desk-code").fill(code)
    page.locator("#desk-form button[type=submit]").click()


def counts(page, portal) -> dict:
    return page.evaluate(
        "url => fetch(url, {credentials: 'same-origin'}).then(r => r.json())",
        f"/en/events/{portal.desk['event']}/checkin/counts.json",
    )


def test_the_desk_checks_badges_offline_and_records_each_once(new_page, staff_state, portal, axe_source):  # noqa: F811
    desk = portal.desk
    codes, qr = desk["codes"], desk["qr"]
    page = open_desk(new_page, staff_state, portal)
    expect(page.locator("#desk-copy")).to_contain_text("26 attendees on this device")
    assert [v for v in run_axe(page, axe_source) if v["impact"] in IMPACTS] == []
    loaded_ms = int(page.locator("html").get_attribute("data-desk-loaded-ms"))
    assert loaded_ms < 2000, f"the download took {loaded_ms} ms"

    # A second desk, in French, downloads while the network is there.
    other = open_desk(new_page, staff_state, portal, language="fr")
    expect(other.locator("#desk-copy")).to_contain_text("26")

    # No network: the desk opens from its own copy (service worker, IndexedDB).
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
    expect(page.locator("#desk-status")).to_contain_text("Offline")
    alert = page.get_by_role("alert")
    for n, code in enumerate(codes[:20]):
        if n % 2:
            page.locator("#desk-photo").set_input_files(qr_png(qr[code]))  # a photo of the badge's QR code
        else:
            check_in(page, code.lower() if n % 4 == 0 else qr[code])  # typed, or a scanner typing the QR text
        expect(alert).to_contain_text("Welcome!")
        expect(alert).to_contain_text(f"Desk{codes.index(code):02d} Rehearsal")
    screenshot(page, "desk-offline-twenty")
    check_in(page, codes[0])
    expect(alert).to_contain_text("on this device")
    head, signature = qr[codes[0]].rsplit(".", 1)
    forged = f"{head}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"  # one letter of the signature changed
    check_in(page, forged)
    expect(alert).to_contain_text("not a badge of ours")
    check_in(page, desk["cancelled"])
    expect(alert).to_contain_text("was cancelled")
    expect(page.locator("#desk-waiting")).to_have_text(re.compile(r"\D20$"))

    # Meanwhile one of the twenty was cancelled at the registration desk, after the download.
    late_cancel = codes[19]
    portal.manage(
        "shell",
        "-c",
        "from events.models import Attendance; "
        f"Attendance.objects.filter(registration__checkin_code={late_cancel!r}).update(status='cancelled')",
    )
    # The second desk, offline too, scans a badge the first one already took.
    other.context.set_offline(True)
    check_in(other, codes[2])
    expect(other.get_by_role("alert")).to_contain_text("Bienvenue")

    page.context.set_offline(False)
    expect(page.locator("#desk-waiting")).to_have_text(re.compile(r"\D0$"), timeout=20000)
    expect(page.locator("#desk-report")).to_contain_text("was cancelled")
    expect(page.locator("#desk-report")).to_contain_text("Desk19 Rehearsal")
    assert counts(page, portal)["checked_in"] == 19
    page.locator("#desk-send").click()  # sent again by hand: nothing is recorded twice
    page.wait_for_timeout(500)
    assert counts(page, portal)["checked_in"] == 19

    other.context.set_offline(False)
    expect(other.locator("#desk-report")).to_contain_text("Desk02 Rehearsal", timeout=20000)
    expect(other.locator("#desk-report")).to_contain_text("par le poste")
    screenshot(other, "desk-duplicate-after-sync-fr")
    assert counts(page, portal)["checked_in"] == 19


def test_the_desk_fits_a_phone_and_signing_out_wipes_its_copy(new_page, portal):
    # A session of its own: signing out ends it, and the other tests share the stored one.
    page = new_page(locale="fr-FR")
    log_in(page, MANAGER, portal=portal)
    page.goto(f"/fr/events/{portal.desk['event']}/desk/")
    expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
    expect(page.locator("html[data-desk-cached='1']")).to_have_count(1, timeout=20000)
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the desk is {width} px wide"
    screenshot(page, "desk-phone-fr")
    stored = STORED_RECORDS
    assert page.evaluate(stored) >= 2
    page.goto("/fr/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.evaluate(stored) == 0, "the offline copy outlived the sign-out"


def test_the_desk_needs_an_event_manager(new_page, portal):
    page = new_page()
    response = page.goto(f"/en/events/{portal.desk['event']}/desk/")
    assert "/accounts/login/" in page.url and response.ok
    assert json.loads(urllib.request.urlopen(portal.url("/healthz")).read())["status"] == "ok"  # noqa: S310 (loopback)
