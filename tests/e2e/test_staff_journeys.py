"""The event manager's and the staff manager's days in the admin, in Chromium with the real CSP,
each signed in through the login page with their TOTP code.

The event manager works on a meeting of its own (tests/e2e/scenario.py: one place per country,
Senegal's held by Awa Diop, Moussa Ndiaye from Senegal on the waiting list), so no other journey
depends on the seats it moves. The staff manager then reads what the event manager's work wrote
to the audit log.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.pdftools import pdf_text

from .conftest import ARTIFACTS, screenshot
from .scenario import QUOTA_EVENT_NAME, QUOTA_SEATED, QUOTA_WAITING
from .test_admin import EVENT_MANAGER, STAFF_MANAGER, assert_clean

pytestmark = pytest.mark.slow

SEATED = f"{QUOTA_SEATED[1]} {QUOTA_SEATED[2]}"
WAITING = f"{QUOTA_WAITING[1]} {QUOTA_WAITING[2]}"


def column_values(page, row) -> dict[str, str]:
    """A listing row's cells by their column heading."""
    headings = [h.strip() for h in page.locator("table.listing thead th").all_inner_texts()]
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    offset = len(cells) - len(headings)  # the selection checkbox has no heading text of its own
    return {heading: cells[i + offset] for i, heading in enumerate(headings) if heading}


def event_row(page):
    page.goto("/admin/snippets/events/event/?q=" + QUOTA_EVENT_NAME.replace(" ", "+"))
    return page.locator("table.listing tbody tr").filter(has_text=QUOTA_EVENT_NAME)


def attendance_row(page, name: str):
    return page.locator("table.listing tbody tr").filter(has_text=name).filter(has_text=QUOTA_EVENT_NAME)


def approve(page, name: str) -> None:
    page.goto("/admin/snippets/events/attendance/?status=pending&q=" + QUOTA_EVENT_NAME.replace(" ", "+"))
    attendance_row(page, name).get_by_role("checkbox").check()
    page.get_by_role("link", name=re.compile("^Approve")).click()
    page.get_by_role("button", name=re.compile("Yes|Approve", re.I)).first.click()
    expect(page.get_by_text(re.compile(r"1 registration updated"))).to_be_visible()


def test_event_manager_moves_a_delegate_to_another_country_and_the_quota_follows(new_page, staff_state, portal):
    page = new_page(storage_state=staff_state(EVENT_MANAGER))

    # The event list shows the meeting full for Senegal: one seat taken, one delegate waiting.
    seats = column_values(page, event_row(page))
    assert (seats["Capacity"], seats["Seats taken"], seats["Waiting list"], seats["Delegates per country"]) == (
        "10",
        "1",
        "1",
        "1",
    ), seats
    page.goto("/admin/snippets/events/attendance/?q=" + QUOTA_EVENT_NAME.replace(" ", "+"))
    waiting = column_values(page, attendance_row(page, WAITING))
    assert (waiting["Country"], waiting["Status"], waiting["Waiting-list position"]) == ("Senegal", "Waiting list", "1")

    # She approves Awa Diop, then sees from her bureau that Awa came from Côte d'Ivoire.
    approve(page, SEATED)
    page.goto("/admin/snippets/events/registration/?q=" + QUOTA_SEATED[3].replace(" ", "+"))
    page.locator("table.listing a[href*='/edit/']", has_text=SEATED).click()
    page.locator("#id_country").select_option("CI")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated", re.I))

    # Senegal's seat is free again: Moussa Ndiaye leaves the waiting list, Awa counts for Côte d'Ivoire.
    page.goto("/admin/snippets/events/attendance/?q=" + QUOTA_EVENT_NAME.replace(" ", "+"))
    moved, promoted = (column_values(page, attendance_row(page, name)) for name in (SEATED, WAITING))
    assert (moved["Country"], moved["Status"]) == ("Côte d'Ivoire", "Approved"), moved
    assert (promoted["Status"], promoted["Waiting-list position"]) == ("Pending approval", ""), promoted
    seats = column_values(page, event_row(page))
    assert (seats["Seats taken"], seats["Waiting list"]) == ("2", "0"), seats
    screenshot(page, "manager-quota-followed")
    approve(page, WAITING)

    # Seating from the event's own menu: both approved delegates at the West African table.
    row = event_row(page)
    row.get_by_role("button", name=re.compile("More options")).click()
    row.get_by_role("link", name="Assign roundtables").click()
    page.get_by_role("button", name="Assign").click()
    report = f"{QUOTA_EVENT_NAME}: 2 seated, 0 kept, 0 could not be seated."
    expect(page.get_by_text(report)).to_be_visible()
    page.goto("/admin/snippets/events/roundtable/?q=")
    table = page.locator("table.listing tbody tr").filter(has_text="Cross-border fraud along the coast")
    assert column_values(page, table)["Seated"] == "2"

    # Print badges is on the event's row: the PDF has both delegates and their table.
    event_row(page).get_by_role("link", name=f"Print badges: {QUOTA_EVENT_NAME}").click()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the PDF").click()
    badges = Path(download_info.value.path()).read_bytes()
    (ARTIFACTS / "manager-badges.pdf").write_bytes(badges)
    text = pdf_text(badges)
    for expected in ("Awa", "Moussa", "Cross-border fraud"):
        assert expected in text, f"{expected!r} not on the badges:\n{text[:1500]}"
    assert "Côte d'Ivoire" in text, text[:1500]
    assert_clean(page, "event manager's journey")

    # The staff manager reads what that work wrote to the audit log.
    auditor = new_page(storage_state=staff_state(STAFF_MANAGER))
    auditor.goto("/admin/audit/")
    log = auditor.get_by_role("main")
    by_manager = log.locator("tr").filter(has_text=EVENT_MANAGER)
    expect(by_manager.filter(has_text="Printed badges").first).to_be_visible()
    expect(by_manager.filter(has_text="Opened registration details").first).to_be_visible()
    expect(by_manager.filter(has_text="Viewed personal data on a staff page").first).to_be_visible()
    screenshot(auditor, "staff-manager-audit-log")
    assert_clean(auditor, "audit log")
