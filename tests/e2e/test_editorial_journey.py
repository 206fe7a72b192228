"""Staff publish in both languages, in Chromium with the real CSP, signed in with TOTP: an editor
writes a news page with a theme and a date, submits it, translates it into French in
wagtail-localize's editor (French slug included) and submits the translation; a moderator
reads how much of it is translated, approves both from the dashboard, and both languages go
live at their own addresses."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import screenshot
from .test_admin import EDITOR, MODERATOR, assert_clean

pytestmark = pytest.mark.slow

ENGLISH = {
    "summary": "Bureaux rehearsed a round-the-clock alert relay across four regions.",
    "body": "Each bureau answered the test alert within the agreed time.",
}
FRENCH = {
    "summary": "Les bureaux ont répété un relais d’alerte permanent dans quatre régions.",
    "body": "Chaque bureau a répondu à l’alerte d’essai dans le délai convenu.",
}


def news_index_id(page) -> str:
    page.goto("/admin/pages/search/?q=News")
    link = page.locator("a[href$='/edit/']", has_text=re.compile(r"^\s*News\s*$")).first
    return re.search(r"/pages/(\d+)/edit/", link.get_attribute("href")).group(1)


def test_editor_writes_translates_and_submits_and_moderator_publishes_both(new_page, staff_state, portal):
    stamp = str(int(time.time()))
    title = f"Bureaux rehearse the alert relay {stamp}"
    french_title = f"Les bureaux répètent le relais d’alerte {stamp}"
    french_slug = f"les-bureaux-repetent-le-relais-dalerte-{stamp}"

    # The editor writes the English page and submits it.
    editor = new_page(storage_state=staff_state(EDITOR))
    editor.goto(f"/admin/pages/add/pages/newspage/{news_index_id(editor)}/")
    editor.locator("#id_title").fill(title)
    editor.locator("#id_summary").fill(ENGLISH["summary"])
    editor.locator("#id_date").fill("2027-06-08")
    editor.keyboard.press("Escape")
    editor.locator("[contenteditable=true]").first.click()
    editor.keyboard.type(ENGLISH["body"])
    editor.locator("button[id$='-ADD']").first.click()  # "Add theme"
    editor.locator("[id$='-FORMS'] button[data-chooser-action-choose]").last.click()
    editor.locator(".modal.in a[data-chooser-modal-choice]").first.click()
    editor.get_by_role("button", name="Save draft").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page_id = re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1)
    editor.get_by_role("button", name="More actions").last.click()
    editor.get_by_role("button", name="Submit to Moderators approval").click()
    editor.wait_for_load_state("networkidle")
    assert "submitted for moderation" in editor.locator(".messages").inner_text()

    # …translates it into French in wagtail-localize's editor, slug included…
    editor.goto(f"/admin/localize/submit/page/{page_id}/")
    editor.get_by_label("French").check()
    editor.locator("main input[type=submit], main button[type=submit]").first.click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    french_edit = editor.url
    app = editor.locator(".js-translation-editor")
    english_slug = f"bureaux-rehearse-the-alert-relay-{stamp}"
    translations = [
        ("Content", title, french_title),
        ("Content", ENGLISH["summary"], FRENCH["summary"]),
        ("Content", ENGLISH["body"], FRENCH["body"]),
        ("Promote", english_slug, french_slug),  # the slug is on the editor's Promote tab
    ]
    for tab, source, text in translations:
        app.get_by_role("tab", name=tab).click()
        source_text = editor.locator("p").filter(has_text=re.compile(f"^{re.escape(source)}$"))
        segment = app.locator("li").filter(has=source_text).first
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(text)
        segment.get_by_role("button", name="Save").click()
        segment.locator("textarea").wait_for(state="detached")
    editor.goto(french_edit)
    panel = editor.locator("section", has=editor.locator("#translation-workflow-title"))
    assert "4 of 4 texts translated." in " ".join(panel.inner_text().split())
    panel.get_by_role("button", name="Submit for moderation").click()
    editor.wait_for_load_state("networkidle")
    assert "The translation is submitted for moderation." in editor.locator(".messages").inner_text()
    screenshot(editor, "editor-translation-submitted")
    assert_clean(editor, "editor's journey")

    # The moderator reads the French page: everything is translated.
    moderator = new_page(storage_state=staff_state(MODERATOR))
    moderator.goto(french_edit)
    panel = moderator.locator("section", has=moderator.locator("#translation-workflow-title"))
    assert "4 of 4 texts translated." in " ".join(panel.inner_text().split())
    assert not panel.get_by_role("button", name="Submit for moderation").count()  # already in moderation

    # …approves both languages from the dashboard's "Awaiting your review"…
    moderator.goto("/admin/")
    review = moderator.locator("#awaiting-review-content")
    for page_title in (french_title, title):
        row = review.locator("tr").filter(has_text=page_title)
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve", exact=True).click()
        moderator.wait_for_load_state("networkidle")
        expect(moderator.locator("#awaiting-review-content tr").filter(has_text=page_title)).to_have_count(0)
    screenshot(moderator, "moderator-approved-both")
    assert_clean(moderator, "moderator's approval")

    # …and each language is live at its own address, the French one under its French slug.
    visitor = new_page(locale="fr-FR")
    for path, heading in (
        (f"/fr/actualites/{french_slug}/", french_title),
        (f"/en/news/{english_slug}/", title),
    ):
        response = visitor.goto(path)
        assert response.status == 200, path
        expect(visitor.get_by_role("heading", level=1)).to_have_text(heading)
