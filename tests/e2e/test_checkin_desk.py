"""The offline check-in desk in Chromium, in English and in French: taken offline, it checks 20
badges (typed and read from QR images), refuses a forged one and a cancelled one, keeps them, and
records each once when the network is back; a second desk, in the other language, learns of the
duplicate at its own sync. Also: the camera (a fake video device showing a badge), the install
check, the copy's expiry after the event and its wipe."""

from __future__ import annotations

import io
import json
import re
import urllib.request
from pathlib import Path

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


# What the desk says, in each language (from the French catalogue).
SAYS = {
    "en": {
        "copy": "26 attendees on this device",
        "offline": "Offline",
        "welcome": "Welcome!",
        "here": "on this device",
        "forged": "not a badge of ours",
        "cancelled": "was cancelled",
        "elsewhere": "by the desk",
        "expired": "has expired",
        "not_ready": "Not ready.",
        "wiped": "is wiped",
    },
    "fr": {
        "copy": "26 participants sur cet appareil",
        "offline": "Hors ligne",
        "welcome": "Bienvenue",
        "here": "sur cet appareil",
        "forged": "n’est pas l’un de nos badges",
        "cancelled": "a été annulée",
        "elsewhere": "par le poste",
        "expired": "a expiré",
        "not_ready": "Pas prêt.",
        "wiped": "effacée",
    },
}
OTHER = {"en": "fr", "fr": "en"}


def open_desk(new_page, staff_state, portal, language="en", event=None):
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB", storage_state=staff_state(MANAGER))
    page.goto(f"/{language}/events/{event or portal.desk['event']}/desk/")
    expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
    expect(page.locator("html[data-desk-cached='1']")).to_have_count(1, timeout=20000)
    return page


def check_in(page, code: str):
    page.locator("#desk-code").fill(code)
    page.locator("#desk-form button[type=submit]").click()


def counts(page, event) -> dict:
    return page.evaluate(
        "url => fetch(url, {credentials: 'same-origin'}).then(r => r.json())", f"/en/events/{event}/checkin/counts.json"
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_desk_checks_badges_offline_and_records_each_once(new_page, staff_state, portal, axe_source, language):  # noqa: F811
    desk = portal.desk
    event = desk["events"][language]  # each language at its own meeting: the same badges, fresh arrivals
    codes, qr = desk["codes"], desk["qr"]
    says, other_says = SAYS[language], SAYS[OTHER[language]]
    page = open_desk(new_page, staff_state, portal, language, event)
    expect(page.locator("#desk-copy")).to_contain_text(says["copy"])
    assert [v for v in run_axe(page, axe_source) if v["impact"] in IMPACTS] == []
    loaded_ms = int(page.locator("html").get_attribute("data-desk-loaded-ms"))
    assert loaded_ms < 2000, f"the download took {loaded_ms} ms"

    # A second desk, in the other language, downloads while the network is there.
    other = open_desk(new_page, staff_state, portal, OTHER[language], event)
    expect(other.locator("#desk-copy")).to_contain_text("26")

    # No network: the desk opens from its own copy (service worker, IndexedDB).
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
    expect(page.locator("#desk-status")).to_contain_text(says["offline"])
    alert = page.get_by_role("alert")
    for n, code in enumerate(codes[:20]):
        if n % 2:
            page.locator("#desk-photo").set_input_files(qr_png(qr[code]))  # a photo of the badge's QR code
        else:
            check_in(page, code.lower() if n % 4 == 0 else qr[code])  # typed, or a scanner typing the QR text
        expect(alert).to_contain_text(says["welcome"])
        expect(alert).to_contain_text(f"Desk{codes.index(code):02d} Rehearsal")
    screenshot(page, f"desk-offline-twenty-{language}")
    check_in(page, codes[0])
    expect(alert).to_contain_text(says["here"])
    head, signature = qr[codes[0]].rsplit(".", 1)
    forged = f"{head}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"  # one letter of the signature changed
    check_in(page, forged)
    expect(alert).to_contain_text(says["forged"])
    check_in(page, desk["cancelled"])
    expect(alert).to_contain_text(says["cancelled"])
    expect(page.locator("#desk-waiting")).to_have_text(re.compile(r"\D20$"))

    # Meanwhile one of the twenty was cancelled at the registration desk, after the download.
    late_cancel = codes[19]
    portal.manage(
        "shell",
        "-c",
        "from events.models import Attendance; "
        f"Attendance.objects.filter(registration__checkin_code={late_cancel!r}, event__slug={event!r})"
        ".update(status='cancelled')",
    )
    # The second desk, offline too, scans a badge the first one already took.
    other.context.set_offline(True)
    check_in(other, codes[2])
    expect(other.get_by_role("alert")).to_contain_text(other_says["welcome"])

    page.context.set_offline(False)
    expect(page.locator("#desk-waiting")).to_have_text(re.compile(r"\D0$"), timeout=20000)
    expect(page.locator("#desk-report")).to_contain_text(says["cancelled"])
    expect(page.locator("#desk-report")).to_contain_text("Desk19 Rehearsal")
    assert counts(page, event)["checked_in"] == 19
    page.locator("#desk-send").click()  # sent again by hand: nothing is recorded twice
    page.wait_for_timeout(500)
    assert counts(page, event)["checked_in"] == 19

    other.context.set_offline(False)
    expect(other.locator("#desk-report")).to_contain_text("Desk02 Rehearsal", timeout=20000)
    expect(other.locator("#desk-report")).to_contain_text(other_says["elsewhere"])
    screenshot(other, f"desk-duplicate-after-sync-{OTHER[language]}")
    assert counts(page, event)["checked_in"] == 19
    assert not page.liaison_console.errors and not other.liaison_console.errors


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
    # The wipe button: the copy goes at once, and the next scan says so instead of failing.
    page.locator("#desk-wipe").click()
    expect(page.locator("#desk-status")).to_contain_text(SAYS["fr"]["wiped"])
    assert page.evaluate(stored) == 1  # only the desk's own name is kept
    check_in(page, portal.desk["codes"][0])
    expect(page.get_by_role("alert")).to_contain_text(SAYS["fr"]["not_ready"])
    page.locator("#desk-download").click()
    expect(page.locator("#desk-copy")).to_contain_text(SAYS["fr"]["copy"])
    page.goto("/fr/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.evaluate(stored) == 0, "the offline copy outlived the sign-out"


def test_the_desk_needs_an_event_manager(new_page, portal):
    page = new_page()
    response = page.goto(f"/en/events/{portal.desk['event']}/desk/")
    assert "/accounts/login/" in page.url and response.ok
    assert json.loads(urllib.request.urlopen(portal.url("/healthz")).read())["status"] == "ok"  # noqa: S310 (loopback)


# The desk's stored values under "meta": {key: value} (the copy of an event is "copy:<slug>").
STORED_META = """() => new Promise(resolve => {
    const opening = indexedDB.open("liaison-desk");
    opening.onsuccess = () => {
        const meta = opening.result.transaction("meta").objectStore("meta");
        const keys = meta.getAllKeys(), values = meta.getAll();
        values.onsuccess = () => {
            resolve(Object.fromEntries(keys.result.map((key, n) => [key, values.result[n]])));
            opening.result.close();
        };
    };
})"""


def test_the_offline_copy_expires_after_the_event(new_page, staff_state, portal):
    import datetime as dt

    page = open_desk(new_page, staff_state, portal)
    copies = {k: v for k, v in page.evaluate(STORED_META).items() if k.startswith("copy:")}
    assert list(copies) == [f"copy:{portal.desk['event']}"]
    expires = copies[f"copy:{portal.desk['event']}"]["event"]["expires_at"]
    # The desk is opened again, offline, on the morning after the copy's end.
    page.context.set_offline(True)
    page.clock.install(time=dt.datetime.fromisoformat(expires) + dt.timedelta(hours=9))
    page.reload()
    expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
    expect(page.locator("#desk-status")).to_contain_text(SAYS["en"]["expired"])
    assert not [k for k in page.evaluate(STORED_META) if k.startswith("copy:")]
    check_in(page, portal.desk["codes"][0])
    expect(page.get_by_role("alert")).to_contain_text(SAYS["en"]["not_ready"])


def _y4m(png: bytes, path, width=640, height=480, frames=10):
    """A short video of the badge's QR code in the raw format Chromium's fake camera plays
    (YUV4MPEG2, 4:2:0): grey levels only, so the colour planes are a flat 128."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("L")
    frame = Image.new("L", (width, height), 255)
    picture.thumbnail((height - 40, height - 40))
    frame.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * (width // 2 * height // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)


def test_an_installed_desk_reads_a_badge_with_the_camera(playwright_driver, staff_state, portal, tmp_path):
    """In a real profile (not incognito, where Chromium installs nothing): Chromium finds nothing
    stopping the install, and the camera, a fake device playing a video of a badge, is read by
    the bundled polyfill, as Chromium on Linux has no BarcodeDetector."""
    from .conftest import CHROMIUM_ARGS, chromium_path

    code = portal.desk["codes"][22]  # a badge no other test checks in at this meeting
    video = tmp_path / "badge.y4m"
    _y4m(qr_png(portal.desk["qr"][code])["buffer"], video)
    camera_args = [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=chromium_path(),
        args=CHROMIUM_ARGS + camera_args,
        locale="en-GB",
        base_url=portal.base,
    )
    try:
        context.add_cookies(json.loads(Path(staff_state(MANAGER)).read_text())["cookies"])
        context.grant_permissions(["camera"], origin=portal.base)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"/en/events/{portal.desk['event']}/desk/")
        expect(page.locator("html[data-desk-ready='1']")).to_have_count(1, timeout=20000)
        expect(page.locator("html[data-desk-cached='1']")).to_have_count(1, timeout=20000)
        # Chromium's own verdict on the web app: manifest, icons, service worker, secure origin.
        verdict = context.new_cdp_session(page).send("Page.getInstallabilityErrors")
        assert verdict["installabilityErrors"] == [], verdict
        assert page.evaluate("'BarcodeDetector' in window") is False, "this Chromium reads QR codes natively"
        page.locator("#desk-camera").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Welcome!", timeout=20000)
        expect(alert).to_contain_text(f"Desk{portal.desk['codes'].index(code):02d} Rehearsal")
        expect(page.locator("#desk-video")).to_be_hidden()  # the camera stops once it has read a badge
        assert errors == []
    finally:
        context.close()
