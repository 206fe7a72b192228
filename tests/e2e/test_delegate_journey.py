"""The delegate's journey in both languages, on a desktop (1280 px) and a phone (390 px):
sign up → confirm the address → register → change the dates → cancel with confirmation; a freed
seat promotes the next delegate, who gets an HTML mail; the manager approves → the badge.

Every page of the journey must fit the screen and keep a clean console; every mail is read as
a mail client reads it (its MIME parts), in the person's language. Expected words come from the
portal's own catalogue (gettext), so the French run checks the French the portal should show.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from playwright.sync_api import expect

from tests.pdftools import pdf_text

from .conftest import ARTIFACTS, screenshot
from .scenario import JOURNEY_PASSWORD, VARIANTS, WEEK, variant_people

pytestmark = pytest.mark.slow

PUBLIC_EVENT = {
    "en": "Police Science Congress (demonstration)",
    "fr": "Congrès sur les sciences policières (démonstration)",
}


def words(language: str, text: str, context: str | None = None) -> str:
    with translation.override(language):
        return pgettext(context, text) if context else _(text)


def status(language: str, name: str) -> str:
    return words(language, name, "registration status")


def open_variant(new_page, variant: str, storage_state=None):
    language, width = variant.split("-")
    page = new_page(locale="fr-FR" if language == "fr" else "en-GB", storage_state=storage_state)
    page.set_viewport_size({"width": int(width), "height": 900})
    return page, language, int(width)


def fits(page, width: int) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page.url} is wider than {width} px"
    assert not page.liaison_console.errors, page.liaison_console.errors


def submit(page, form_field: str) -> None:
    """Press the submit button of the form that holds ``form_field`` (not the header's search)."""
    form = page.locator("form").filter(has=page.locator(f"[name={form_field}]"))
    form.locator("button[type=submit]").first.click()


def sign_in(page, language: str, email: str, password: str) -> None:
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit(page, "password")
    page.wait_for_load_state()
    assert "/accounts/login" not in page.url


def parts(message) -> dict[str, str]:
    found = {}
    for part in message.walk():
        if part.get_content_maintype() != "multipart":
            found.setdefault(part.get_content_type(), part.get_content())
    return found


def readable_mail(message, language: str) -> dict[str, str]:
    """The mail has a plain-text and an HTML part in the person's language, without entities."""
    found = parts(message)
    assert {"text/plain", "text/html"} <= set(found), set(found)
    assert f'<html lang="{language}" dir="ltr">' in found["text/html"]
    assert "&#x27;" not in found["text/plain"] and "&amp;" not in str(message["Subject"])
    return found


@pytest.mark.parametrize("variant", VARIANTS)
def test_sign_up_confirm_register_change_dates_and_cancel_with_confirmation(new_page, portal, variant):
    page, language, width = open_variant(new_page, variant)
    email = f"new.delegate.{variant}@example.test"
    password = "Journey-Lyon-2027!"
    page.goto(f"/{language}/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.locator("input[name=first_name]").fill("Aïcha")
    page.locator("input[name=last_name]").fill("Traoré")
    page.locator("select[name=country]").select_option("ML")
    page.locator("input[name=organisation]").fill("NCB Bamako")
    page.locator("select[name=preferred_language]").select_option(language)
    fits(page, width)
    submit(page, "password1")

    confirmation = portal.wait_for_mail(email, words(language, "Confirm your email address"))
    text = readable_mail(confirmation, language)["text/plain"]
    assert "Hello from" not in text
    page.goto(re.search(r"http://\S+/confirm-email/\S+/", text).group(0))
    fits(page, width)
    page.locator("main form button[type=submit]").click()
    sign_in(page, language, email, password)

    page.goto(f"/{language}/events/week/{WEEK}/register/")
    fits(page, width)
    form = page.locator("form.stacked-form")
    form.get_by_label(re.compile(re.escape(PUBLIC_EVENT[language]))).check()
    form.locator("select[name=role]").select_option("delegate")
    # The passport fields appear only while a visa letter is asked for.
    expect(page.locator("#passport-fields")).to_be_hidden()
    form.locator("input[name=needs_visa_letter]").check()
    expect(page.locator("#passport-fields")).to_be_visible()
    form.locator("input[name=needs_visa_letter]").uncheck()
    expect(page.locator("#passport-fields")).to_be_hidden()
    form.locator("input[name=consent]").check()
    submit(page, "consent")
    expect(page).to_have_url(re.compile(r"/events/my/$"))
    row = page.get_by_role("main").get_by_role("row").filter(has_text=PUBLIC_EVENT[language])
    expect(row).to_contain_text(status(language, "Pending approval"))
    fits(page, width)
    subject = words(language, "Your registration for %(week)s").split(" %")[0]
    received = readable_mail(portal.wait_for_mail(email, subject), language)
    assert "text/calendar" in received and "STATUS:TENTATIVE" in received["text/calendar"]

    # Change the dates: one day later, shown in the reader's own format.
    page.locator("a[href*='/change/']").click()
    fits(page, width)
    arrival = page.locator("input[name=arrival_date]")
    later = dt.date.fromisoformat(arrival.input_value()) + dt.timedelta(days=1)
    arrival.fill(later.isoformat())
    submit(page, "arrival_date")
    expect(page.locator(".messages")).to_contain_text(words(language, "Your registration is changed."))
    with translation.override(language):
        shown = date_format(later, "DATE_FORMAT")
    expect(page.get_by_role("main")).to_contain_text(shown)

    # Cancel, after a confirmation page that names the event.
    page.get_by_role("link", name=re.compile(re.escape(PUBLIC_EVENT[language]))).filter(
        has_text=re.compile(words(language, "Cancel my place at %(event)s").split(" %")[0])
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PUBLIC_EVENT[language])
    fits(page, width)
    page.locator("main form button[type=submit]").click()
    row = page.get_by_role("main").get_by_role("row").filter(has_text=PUBLIC_EVENT[language])
    expect(row).to_contain_text(status(language, "Cancelled"))
    fits(page, width)
    screenshot(page, f"journey-cancelled-{variant}")


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_freed_seat_promotes_the_next_delegate_who_gets_an_html_mail(new_page, portal, variant):
    people = variant_people(variant)
    meeting = {"en": f"One-seat briefing {variant}", "fr": f"Point à une place {variant}"}
    page, language, width = open_variant(new_page, variant)
    sign_in(page, language, people["holder"][0], JOURNEY_PASSWORD)
    page.goto(f"/{language}/events/my/")
    page.get_by_role("link", name=re.compile(re.escape(meeting[language]))).filter(
        has_text=re.compile(words(language, "Cancel my place at %(event)s").split(" %")[0])
    ).click()
    fits(page, width)
    page.locator("main form button[type=submit]").click()

    waiting_email, *_rest, waiting_language = people["waiting"]
    subject = words(waiting_language, "A place is yours: %(event)s") % {"event": meeting[waiting_language]}
    promoted = readable_mail(portal.wait_for_mail(waiting_email, subject), waiting_language)
    assert meeting[waiting_language] in promoted["text/html"]
    assert "text/calendar" in promoted  # the place, in the calendar
    other, _l, _w = open_variant(new_page, variant)
    sign_in(other, language, waiting_email, JOURNEY_PASSWORD)
    other.goto(f"/{language}/events/my/")
    row = other.get_by_role("main").get_by_role("row").filter(has_text=meeting[language])
    expect(row).to_contain_text(status(language, "Approved"))
    fits(other, width)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_manager_approves_and_the_delegate_downloads_the_badge(new_page, staff_state, portal, variant):
    email, first, last, _country, _bureau, language = variant_people(variant)["approved"]
    admin = new_page(storage_state=staff_state("events@liaison.example"))
    admin.goto(f"/admin/snippets/events/attendance/?status=pending&q={last}")
    row = admin.get_by_role("row").filter(has_text=f"{first} {last}").filter(has_text="Heads of NCB")
    row.get_by_role("checkbox").check()
    admin.get_by_role("link", name=re.compile("^Approve")).click()
    admin.get_by_role("button", name=re.compile("Yes|Approve", re.I)).first.click()
    expect(admin.get_by_text(re.compile(r"1 registration updated"))).to_be_visible()

    approval = readable_mail(
        portal.wait_for_mail(email, words(language, "Approved: %(event)s").split(":")[0]), language
    )
    assert "STATUS:CONFIRMED" in approval.get("text/calendar", "")
    page, language, width = open_variant(new_page, variant)
    sign_in(page, language, email, JOURNEY_PASSWORD)
    page.goto(f"/{language}/events/my/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=words(language, "Badge (PDF)")).click()
    badge = Path(download_info.value.path()).read_bytes()
    assert badge.startswith(b"%PDF")
    text = pdf_text(badge)
    assert first in text and last.upper() in text.upper()
    (ARTIFACTS / f"badge-{variant}.pdf").write_bytes(badge)
    fits(page, width)
