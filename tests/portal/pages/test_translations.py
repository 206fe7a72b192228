"""An editor translates a page into French in wagtail-localize's editor, saves a draft and submits
it to the same moderation workflow as any page; the moderator sees what is translated, approves,
and the French page goes live with its French slug. A changed source shows as out of date."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from tests.factories import news_page
from tests.portal.test_editorial import staff

pytestmark = pytest.mark.django_db

FRENCH = {
    "title": "Les bureaux se réunissent à Lyon",
    "slug": "les-bureaux-se-reunissent-a-lyon",
    "summary": "Résumé en français",
}


def send_for_translation(client, page) -> Translation:
    fr = Locale.objects.get(language_code="fr")
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [fr.pk]})
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=fr)


def type_translation(client, translation, field_name: str, text: str) -> None:
    """What the editor's React app does when a string is saved: PUT to wagtail-localize's API."""
    segment = StringSegment.objects.get(source=translation.source, context__path=field_name)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201), response.content


def test_sending_a_live_page_for_translation_makes_a_french_draft_not_a_live_copy(client):
    editor = staff("editor")
    page = news_page(title="Bureaux meet in Lyon")
    client.force_login(editor)
    translation = send_for_translation(client, page)
    french = translation.get_target_instance()
    assert not french.live  # no English text published under /fr/ by an editor


def test_editor_saves_submits_and_moderator_publishes_the_french_page(client):
    editor, moderator = staff("editor"), staff("moderator")
    page = news_page(title="Bureaux meet in Lyon")
    client.force_login(editor)
    translation = send_for_translation(client, page)
    french_page = translation.get_target_instance()
    editor_url = reverse("wagtailadmin_pages:edit", args=[french_page.pk])

    screen = client.get(editor_url).content.decode()
    assert "Hand over this translation" in screen
    assert "0 of 4 texts translated." in screen  # title, slug, summary, body
    assert "<strong>Slug</strong> — bureaux-meet-in-lyon" in screen
    for name, text in FRENCH.items():
        type_translation(client, translation, name, text)

    action = reverse("liaison_translation_action", args=[translation.pk])
    response = client.post(action, {"action": "save"})
    assert response["Location"] == editor_url
    draft = Page.objects.get(pk=french_page.pk).specific
    assert draft.get_latest_revision_as_object().title == FRENCH["title"]
    assert not draft.live and not draft.workflow_in_progress

    client.post(action, {"action": "submit"})
    draft = Page.objects.get(pk=french_page.pk).specific
    state = draft.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    screen = client.get(editor_url).content.decode()
    assert "3 of 4 texts translated." in screen
    assert "<strong>Body</strong> — Body of Bureaux meet in Lyon." in screen  # what is still in English
    assert "awaiting moderation" in screen
    approve = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", state.current_task_state.pk])
    client.post(approve, {"comment": "Bon pour publication"})
    live = Page.objects.get(pk=french_page.pk).specific
    assert live.live and live.title == FRENCH["title"] and live.slug == FRENCH["slug"]
    assert live.url.endswith(f"/{FRENCH['slug']}/") and live.url.startswith("/fr/")
    client.logout()
    assert client.get(live.url).status_code == 200


def test_the_editor_cannot_approve_and_others_cannot_submit(client):
    editor = staff("editor")
    page = news_page(title="Bureaux meet in Lyon")
    client.force_login(editor)
    translation = send_for_translation(client, page)
    client.force_login(staff("event_manager"))  # no page permissions
    response = client.post(reverse("liaison_translation_action", args=[translation.pk]), {"action": "submit"})
    assert response.status_code in (302, 403)
    assert not translation.get_target_instance().workflow_in_progress
    client.force_login(editor)
    response = client.post(reverse("liaison_translation_action", args=[translation.pk]), {"action": "publish"})
    assert response.status_code == 302
    assert not Page.objects.get(pk=translation.get_target_instance().pk).live


def test_a_changed_source_shows_as_out_of_date_and_syncs_as_a_draft_for_editors(client):
    editor = staff("editor")
    page = news_page(title="Bureaux meet in Lyon")
    client.force_login(editor)
    translation = send_for_translation(client, page)
    editor_url = reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
    assert "has changed since" not in client.get(editor_url).content.decode()

    page.summary = "A new summary in English"
    page.save_revision(user=editor)
    screen = client.get(editor_url).content.decode()
    assert "The source page has changed since this translation was last brought up to date." in screen
    update_url = reverse("wagtail_localize:update_translations", args=[translation.source.pk])
    assert update_url in screen

    form = client.get(update_url).context["form"]
    assert form.fields["publish_translations"].disabled  # editors cannot publish from here
    client.post(update_url, {"publish_translations": "on"})
    assert not Page.objects.get(pk=translation.get_target_instance().pk).live
    assert "has changed since" not in client.get(editor_url).content.decode()
