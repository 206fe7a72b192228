"""The Wagtail admin in Chromium with the real Content-Security-Policy, as each role uses it.

Each role signs in through the portal's login page with its TOTP code; every view it uses is
opened, every chooser opened (and a choice made where the form needs one), every date or time
picker opened, inline panels extended, and forms saved. Any console error — a policy
violation, a script error, a failed request — fails the test.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import screenshot

pytestmark = pytest.mark.slow

EDITOR = "editor@liaison.example"
MODERATOR = "moderator@liaison.example"
EVENT_MANAGER = "events@liaison.example"
STAFF_MANAGER = "privacy@liaison.example"
ADMIN = "admin@liaison.example"


def open_admin(new_page, staff_state, email):
    page = new_page(storage_state=staff_state(email))
    return page


def assert_clean(page, where: str) -> None:
    errors = page.liaison_console.errors
    assert not errors, f"{where}: {errors[:5]}"


def visible_modal(page):
    return page.locator(".modal.in").first


def close_modal(page) -> None:
    page.locator(".modal.in button.close").first.click()
    page.wait_for_timeout(400)


def exercise_choosers(page, choose: bool = False) -> list[str]:
    """Open each chooser on the page; with ``choose``, pick the first item listed."""
    opened = []
    for button in page.locator("button[data-chooser-action-choose]").all():
        if not button.is_visible():
            continue
        label = (button.inner_text() or "").strip()
        button.click()
        modal = visible_modal(page)
        modal.wait_for(state="visible")
        modal.locator("table, .listing, p").first.wait_for(state="visible")
        if choose and modal.locator("a[data-chooser-modal-choice]").count():
            modal.locator("a[data-chooser-modal-choice]").first.click()
            page.wait_for_timeout(500)
            assert not page.locator(".modal.in").count(), f"{label}: the choice did not close the chooser"
        else:
            close_modal(page)
        opened.append(label)
    return opened


def exercise_pickers(page) -> list[str]:
    """Open every date/time picker (Wagtail's jQuery datetimepicker)."""
    opened = []
    fields = page.locator("input[autocomplete='off'][id$='date'], input[autocomplete='off'][id$='_at']")
    for field in fields.all():
        if not field.is_visible():
            continue
        field.click()
        page.locator(".xdsoft_datetimepicker:visible").first.wait_for(state="visible", timeout=5000)
        opened.append(field.get_attribute("id"))
        page.keyboard.press("Escape")
        page.locator("body").click(position={"x": 5, "y": 5})  # away from the field: the picker closes
        page.wait_for_timeout(200)
    return opened


SNIPPET_FORMS = {
    # path: (role, choosers expected on the form, pickers expected)
    "/admin/snippets/events/conferenceweek/add/": (EVENT_MANAGER, 1, 2),
    "/admin/snippets/events/event/add/": (EVENT_MANAGER, 1, 2),
    "/admin/snippets/events/session/add/": (EVENT_MANAGER, 1, 2),
    "/admin/snippets/events/roundtable/add/": (EVENT_MANAGER, 2, 0),
    "/admin/snippets/events/invitation/add/": (EVENT_MANAGER, 1, 0),
    "/admin/snippets/taxonomy/theme/add/": (EDITOR, 0, 0),
    "/admin/snippets/taxonomy/region/add/": (EDITOR, 0, 0),
    "/admin/snippets/search/glossaryentry/add/": (ADMIN, 0, 0),
}


@pytest.mark.parametrize("path", list(SNIPPET_FORMS))
def test_snippet_forms_work_under_the_policy(new_page, staff_state, portal, path):
    role, choosers, pickers = SNIPPET_FORMS[path]
    page = open_admin(new_page, staff_state, role)
    page.goto(path)
    assert page.locator("main form").count(), page.content()[:1000]
    assert len(exercise_choosers(page)) == choosers
    assert len(exercise_pickers(page)) == pickers
    assert_clean(page, path)


PAGE_TYPES = [
    "homepage",
    "conferenceindexpage",
    "conferencepage",
    "conclusionindexpage",
    "conclusionpage",
    "toolkitindexpage",
    "toolkitpage",
    "compendiumindexpage",
    "compendiumpage",
    "bestpracticeindexpage",
    "bestpracticepage",
    "initiativeindexpage",
    "initiativepage",
    "newsindexpage",
    "newspage",
]


def test_every_page_type_is_in_the_editor_test():
    from wagtail.models import get_page_models

    assert sorted(PAGE_TYPES) == sorted(m._meta.model_name for m in get_page_models() if m._meta.app_label == "pages")


def open_rich_text_modal(page, editor, button: str) -> str:
    """Type a line in the editor, select it and press a toolbar button that opens a chooser."""
    editor.focus()  # not a click: the toolbar left floating by the last selection may cover it
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("See also")
    page.keyboard.press("Shift+Home")
    page.locator("[role=toolbar]").get_by_role("button", name=re.compile(f"^{button}")).first.click()
    modal = visible_modal(page)
    modal.wait_for(state="visible")
    heading = modal.locator("h1, h2").first.inner_text().strip()
    close_modal(page)
    return heading


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_the_editor_of_each_page_type_works_under_the_policy(new_page, staff_state, portal, page_type):
    """Every tab's inline panels extended and their choosers and pickers opened, the rich-text
    link and document choosers, the StreamField's block menu, the scheduled-publishing dialog
    and its picker, and the preview panel rendering the page."""
    page = open_admin(new_page, staff_state, EDITOR)
    edit_url = f"/admin/pages/{portal.pages[page_type]}/edit/"
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response))
    page.goto(edit_url)
    page.wait_for_load_state("networkidle")
    title = page.locator("#id_title").input_value()
    # The preview first, while the form is still valid (an invalid form previews as an error).
    page.get_by_role("button", name="Toggle preview").first.click()
    expect(page.frame_locator("iframe").last.locator("h1").first).to_contain_text(title[:40])
    page.get_by_role("button", name="Toggle preview").first.click()
    tabs = page.locator("[role=tablist]").first.get_by_role("tab")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        for add in page.locator("button[id$='-ADD']").all():
            if add.is_visible():
                add.click()
        exercise_choosers(page)
        exercise_pickers(page)
    tabs.first.click()

    editors = page.locator("[contenteditable=true]")
    if editors.count():
        assert "Choose a page" in open_rich_text_modal(page, editors.last, "Link")
        assert "Choose a document" in open_rich_text_modal(page, editors.last, "Document")
    for stream in page.locator("[data-contentpath] > .c-sf-container, .c-sf-container").all()[:1]:
        blocks = stream.locator("[data-streamfield-child]")
        before = blocks.count()
        stream.locator("button.c-sf-add-button").last.click()  # one block type: added at once
        expect(blocks).to_have_count(before + 1)

    page.get_by_role("button", name="Toggle status").first.click()
    page.get_by_role("button", name=re.compile("Set schedule|Edit schedule")).click()
    go_live = page.locator("#id_go_live_at")
    go_live.click()
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for(state="visible")
    page.keyboard.press("Escape")  # closes the picker, and the dialog with it
    dialog = page.locator("#schedule-publishing-dialog")
    if dialog.is_visible():
        dialog.get_by_role("button", name="Close dialog").click()
    expect(dialog).to_be_hidden()
    page.wait_for_load_state("networkidle")

    # The empty inline forms added above make the form invalid on purpose, and Wagtail's autosave
    # answers each attempt with 400 and a "validation_error" (its status indicator shows it).
    # Those are the only failed requests allowed; their console lines are not errors of ours.
    # Matched by address and answer, not by method: one run out of five saw these 400s with
    # another request method reported (a keepalive send as the dialog closed, it seems).
    autosaves = [r for r in failed if r.status == 400 and r.url.endswith(edit_url) and _autosave_refusal(r)]
    assert len(autosaves) == len(failed), [(r.status, r.url) for r in failed]
    errors = page.liaison_console.errors
    rejected = [e for e in errors if e.startswith("Failed to load resource: the server responded with a status of 400")]
    assert len(rejected) == len(autosaves)
    errors[:] = [e for e in errors if e not in rejected]
    assert_clean(page, f"{page_type} editor")


def test_editor_edits_a_news_page_with_themes_date_and_choosers(new_page, staff_state, portal):
    page = open_admin(new_page, staff_state, EDITOR)
    page.goto("/admin/pages/search/?q=Lyon")
    edit = page.locator("a[href*='/edit/']", has_text=re.compile("Lyon")).first
    edit.click()
    page.wait_for_load_state("networkidle")
    forms_before = page.locator("[id$='-FORMS'] > [data-inline-panel-child]").count()
    page.get_by_role("button", name=re.compile("Add theme", re.I)).click()
    assert page.locator("[id$='-FORMS'] > [data-inline-panel-child]").count() == forms_before + 1
    assert exercise_choosers(page, choose=True)  # every theme chooser, the new one included
    assert exercise_pickers(page) == ["id_date"]
    page.get_by_role("button", name=re.compile("Toggle status|Status", re.I)).first.click()
    page.get_by_role("button", name=re.compile("Save draft", re.I)).click()
    page.wait_for_load_state("networkidle")
    saved = page.locator(".messages .success, [role='status']").filter(has_text=re.compile("updated|saved", re.I))
    assert saved.count()
    screenshot(page, "admin-editor-news")
    assert_clean(page, "news page editor")


def test_event_manager_creates_an_invitation_with_the_week_chooser(new_page, staff_state, portal):
    page = open_admin(new_page, staff_state, EVENT_MANAGER)
    page.goto("/admin/snippets/events/invitation/add/")
    assert exercise_choosers(page, choose=True) == ["Choose conference week"]
    page.locator("#id_email").fill("chooser.guest@example.test")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert "/admin/snippets/events/invitation/" in page.url
    assert portal.wait_for_mail("chooser.guest@example.test", "invit")
    assert_clean(page, "invitation")


def test_event_manager_writes_an_event_in_each_language(new_page, staff_state, portal):
    """The translated fields: one labelled input per language, saved together, found in either."""
    page = open_admin(new_page, staff_state, EVENT_MANAGER)
    page.goto("/admin/snippets/events/event/add/")
    name = page.locator("#id_name_en")
    expect(name).to_have_attribute("lang", "en")
    expect(page.locator("#id_name_fr")).to_have_attribute("lang", "fr")
    expect(page.get_by_label("French").first).to_be_visible()
    name.fill("Browser-made conference")
    page.get_by_role("button", name="Save").click()
    # The French name may wait; the city may not: the error names the field, the text stays.
    expect(page.locator(".error-message, .w-field__errors").first).to_be_visible()
    expect(page.locator("#id_name_en")).to_have_value("Browser-made conference")
    page.locator("#id_name_fr").fill("Conférence faite au navigateur")
    page.locator("#id_slug").fill("browser-made-conference")
    page.locator("#id_city_en").fill("Lyon")
    page.locator("#id_start_date").fill("2027-06-07")
    page.locator("#id_end_date").fill("2027-06-08")
    page.locator("#id_country").select_option("FR")
    page.locator("#id_capacity").fill("40")
    page.locator("#id_registration_opens").fill("2027-01-04 09:00")
    page.locator("#id_registration_closes").fill("2027-05-31 18:00")
    page.locator("body").click(position={"x": 5, "y": 5})
    assert exercise_choosers(page, choose=True) == ["Choose conference week"]
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").endswith("/admin/snippets/events/event"), page.url
    page.goto("/admin/snippets/events/event/?q=navigateur")
    expect(page.get_by_role("link", name="Browser-made conference", exact=True)).to_be_visible()
    assert_clean(page, "event in two languages")


ROLE_VIEWS = {
    MODERATOR: ["/admin/", "/admin/reports/locked/", "/admin/reports/site-history/", "/admin/workflows/list/"],
    EVENT_MANAGER: [
        "/admin/snippets/events/event/",
        "/admin/snippets/events/registration/",
        "/admin/snippets/events/attendance/",
    ],
    STAFF_MANAGER: ["/admin/audit/"],
    ADMIN: ["/admin/users/", "/admin/images/multiple/add/", "/admin/documents/multiple/add/"],
}


@pytest.mark.parametrize("email", list(ROLE_VIEWS))
def test_role_views_open_without_console_errors(new_page, staff_state, portal, email):
    page = open_admin(new_page, staff_state, email)
    for path in ROLE_VIEWS[email]:
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert_clean(page, path)


def test_new_staff_on_a_french_phone_enrol_totp_before_any_staff_page(new_page, portal):
    """A new editor (no authenticator yet) signs in with a password: staff pages send her to
    enrol; after allauth's password check she reads the secret, types the code from her app,
    and the admin opens. French, 390 px wide."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from .scenario import NEW_EDITOR_EMAIL, NEW_EDITOR_PASSWORD

    page = new_page(locale="fr-FR")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/fr/accounts/login/")
    page.locator("input[name=login]").fill(NEW_EDITOR_EMAIL)
    page.locator("input[name=password]").fill(NEW_EDITOR_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login" not in page.url

    page.goto("/fr/events/statistics/")
    assert "/accounts/" in page.url and "/admin" not in page.url  # no statistics without a second factor
    page.goto("/admin/pages/")
    assert "/accounts/reauthenticate/" in page.url, page.url  # allauth asks for the password before enrolment
    assert page.get_by_text("Les comptes du personnel doivent activer l’authentification à deux facteurs").count()
    page.locator("input[name=password]").fill(NEW_EDITOR_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/2fa/totp/activate/" in page.url, page.url
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(format_hotp_value(hotp_value(secret, int(time.time() // 30))))
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert "/2fa/totp/activate/" not in page.url, page.content()[:2000]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    response = page.goto("/admin/pages/")
    assert response.status == 200 and page.url.endswith("/admin/pages/")
    screenshot(page, "admin-new-editor-enrolled-fr-390")
    assert_clean(page, "enrolment")


def _pdf_bytes(text: str) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, text)
    sheet.save()
    return buffer.getvalue()


def test_editor_uploads_a_document_inside_the_chooser_and_attaches_it(new_page, staff_state, portal):
    """The chooser's own Upload tab: the form inside the modal is submitted, the modal closes
    with the new document chosen, and the page saves with it attached."""
    page = open_admin(new_page, staff_state, EDITOR)
    page.goto(f"/admin/pages/{portal.pages['bestpracticepage']}/edit/")
    page.get_by_role("button", name="Add Attachments").click()
    chooser = page.locator("[id^='inline_child_attachments'] [data-chooser-action-choose]").last
    chooser.click()
    modal = visible_modal(page)
    modal.get_by_role("tab", name="Upload").click()
    title = f"Checklist for joint patrols {int(time.time())}"
    modal.locator("input[type=file]").set_input_files(
        {"name": "checklist.pdf", "mimeType": "application/pdf", "buffer": _pdf_bytes(title)}
    )
    modal.locator("input[name$='upload-title']").fill(title)
    modal.locator("form").filter(has=page.locator("input[type=file]")).get_by_role("button", name="Upload").click()
    expect(page.locator(".modal.in")).to_have_count(0)
    chosen = page.locator("[id^='inline_child_attachments']").last
    expect(chosen).to_contain_text(title)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated|saved", re.I))
    assert_clean(page, "document upload in the chooser")


def test_event_manager_attaches_a_document_to_a_session(new_page, staff_state, portal):
    """The session form's Documents inline: the chooser lists the portal's documents for an
    event manager, the session saves with one attached, and its page offers it."""
    later = portal.desk["programme"]["later"]
    page = open_admin(new_page, staff_state, EVENT_MANAGER)
    page.goto(f"/admin/snippets/events/session/edit/{later}/")
    page.get_by_role("button", name="Add Documents").click()
    page.locator("[id^='inline_child_documents'] [data-chooser-action-choose]").last.click()
    modal = visible_modal(page)
    modal.get_by_role("link", name="Live programme background paper").click()
    expect(page.locator(".modal.in")).to_have_count(0)
    expect(page.locator("[id^='inline_child_documents']").last).to_contain_text("Live programme background paper")
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text(re.compile("updated|saved", re.I))
    page.goto(f"/en/events/{portal.desk['programme']['event']}/sessions/{later}/")
    expect(page.get_by_role("link", name="Live programme background paper")).to_have_attribute(
        "href", portal.desk["programme"]["paper"]
    )
    assert_clean(page, "a document attached to a session")


def test_editor_uploads_an_image_and_a_fake_one_is_refused_with_a_message(new_page, staff_state, portal):
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 90, 160)).save(picture, "PNG")
    page = open_admin(new_page, staff_state, EDITOR)
    page.goto("/admin/images/multiple/add/")
    page.locator("input[type=file]").first.set_input_files(
        [
            {"name": "harbour-patrol.png", "mimeType": "image/png", "buffer": picture.getvalue()},
            {"name": "not-a-picture.gif", "mimeType": "image/gif", "buffer": b"GIF89a" + b"\x00" * 18},
        ]
    )
    uploads = page.locator("#upload-list > li")
    expect(uploads).to_have_count(2)
    good = uploads.filter(has_text="harbour-patrol.png")
    expect(good.locator("form")).to_be_visible()  # the uploaded image's details form
    bad = uploads.filter(has_text="not-a-picture.gif")
    expect(bad).to_contain_text("This file could not be read as an image.")
    errors = page.liaison_console.errors
    assert all("status of 400" in e for e in errors), errors  # the refused upload's answer, nothing else
    assert len(errors) <= 1


def _autosave_refusal(response) -> bool:
    """Wagtail's autosave answered "validation_error". One run in many had a second such POST
    whose answer the page had already dropped (a keepalive send as the dialog closed): no
    headers or body to read then, so a POST to the edit address is all that can be checked."""
    try:
        return response.json()["error_code"] == "validation_error"
    except Exception:
        return response.request.method == "POST" and not response.headers.get("content-type", "").startswith("text/")
