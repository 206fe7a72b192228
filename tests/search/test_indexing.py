"""Index updates follow publishing; when the engine is down they wait and are replayed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings

from portal.pages.models import NewsIndexPage
from search import indexing
from search.engines import get_engine, reset_engine
from search.models import PendingIndexUpdate
from search.service import search_run
from tests.factories import add_page, en_index, news_page


def found(title, user=None, reader="en"):
    outcome = search_run(user=user or AnonymousUser(), params=QueryDict(f"q={title}"), language=reader)
    return title in [h["title"] for h in outcome.hits]


def test_publish_unpublish_and_delete_update_the_index(indexed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = news_page(title="Zanzibar liaison workshop")
    assert found("Zanzibar liaison workshop")
    assert PendingIndexUpdate.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Zanzibar liaison seminar"
        page.save_revision().publish()
    assert found("Zanzibar liaison seminar") and not found("Zanzibar liaison workshop")

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not found("Zanzibar liaison seminar")

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("Zanzibar liaison seminar")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert not found("Zanzibar liaison seminar")


def test_restricting_a_section_restricts_what_search_shows(indexed, django_capture_on_commit_callbacks):
    home = en_index(NewsIndexPage).get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        section = add_page(home, NewsIndexPage(title="Quartermaster notes", slug="quartermaster"))
        news_page(title="Kilimanjaro logistics memo", parent=section)
    assert found("Kilimanjaro logistics memo")
    with django_capture_on_commit_callbacks(execute=True):
        section.audience = "delegates"
        section.save_revision().publish()
    assert not found("Kilimanjaro logistics memo")


def test_translation_published_later_joins_its_group(indexed, django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    with django_capture_on_commit_callbacks(execute=True):
        page = news_page(title="Reykjavik data exchange")
    outcome = search_run(user=AnonymousUser(), params=QueryDict("q=Reykjavik"), language="fr")
    assert [h["language"] for h in outcome.hits] == ["en"]  # no French yet: English shown
    with django_capture_on_commit_callbacks(execute=True):
        french = page.copy_for_translation(Locale.objects.get(language_code="fr"))
        french.title = "Échange de données à Reykjavik"
        french.save_revision().publish()
    outcome = search_run(user=AnonymousUser(), params=QueryDict("q=Reykjavik"), language="fr")
    assert [(h["language"], h["title"]) for h in outcome.hits] == [("fr", "Échange de données à Reykjavik")]
    assert outcome.hits[0]["translations"][0]["language"] == "en"


def test_updates_wait_while_the_engine_is_down_and_are_replayed(
    indexed, search_settings, engine_name, tmp_path, django_capture_on_commit_callbacks, client
):
    down = (
        {"SEARCH_EMBEDDED_PATH": str(tmp_path / "blocked")}
        if engine_name == "embedded"
        else {"SEARCH_URL": "http://127.0.0.1:9", "SEARCH_FLAVOUR": "opensearch"}
    )
    if engine_name == "embedded":
        (tmp_path / "blocked").write_text("not a directory")  # the engine cannot open its index
    with override_settings(**down):
        reset_engine()
        with django_capture_on_commit_callbacks(execute=True):
            page = news_page(title="Valparaiso port security")  # publishing still works
        assert page.live
        pending = PendingIndexUpdate.objects.get()
        assert pending.attempts == 1 and pending.last_error

        response = client.get("/en/search/?q=port")
        assert response.status_code == 503
        assert "temporarily unavailable" in response.text
        assert "momentanément indisponible" in response.text  # both languages
        api = client.get("/api/v1/search?q=port")
        assert api.status_code == 503 and "unavailable" in api.json()["detail"]
        french = client.get("/api/v1/search?q=port&lang=fr")  # in the language asked for
        assert french.status_code == 503 and "momentanément indisponible" in french.json()["detail"]
        assert client.get(page.url).status_code == 200  # pages keep serving

    reset_engine()  # the engine is back
    from search import service

    service._last_replay_check[0] = 0.0
    assert not found("Valparaiso port security")  # this first search notices the queue…
    assert PendingIndexUpdate.objects.count() == 0  # …and has it replayed
    assert found("Valparaiso port security")


def test_replay_command_applies_waiting_updates(indexed, capsys):
    page = news_page(title="Tbilisi cooperation desk")
    indexing.index_update_enqueue(instance=page)  # queued, not yet applied
    assert not found("Tbilisi cooperation desk")
    call_command("search_index", "--replay")
    assert "Applied 1 waiting updates; 0 still waiting." in capsys.readouterr().out
    assert found("Tbilisi cooperation desk")


def test_moving_a_page_into_a_restricted_section_hides_it(indexed, django_capture_on_commit_callbacks):
    home = en_index(NewsIndexPage).get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        restricted = add_page(
            home, NewsIndexPage(title="Officers only", slug="officers-only", audience="law_enforcement")
        )
        page = news_page(title="Montevideo harbour briefing")
    assert found("Montevideo harbour briefing")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(restricted, pos="last-child")
    assert not found("Montevideo harbour briefing")


def test_rebuild_swaps_in_a_new_index_without_downtime(indexed):
    engine = get_engine()
    before = engine.count()
    seen_during = []

    def documents():
        for number, doc in enumerate(indexing.all_documents()):
            if number == 5:  # mid-rebuild, the old index still answers
                seen_during.append(found("Biometric Hub"))
            yield doc

    assert engine.rebuild(documents()) == before
    assert seen_during == [True]
    assert engine.count() == before and found("Biometric Hub")


def test_search_index_command_shows_progress(indexed, capsys):
    call_command("search_index", "--rebuild")
    out = capsys.readouterr().out
    assert "Indexing" in out and "(100%)" in out
    assert "Rebuilt the index:" in out
    assert f"documents: {get_engine().count()}" in out


def test_rebuild_of_the_embedded_engine_reports_an_unusable_location(tmp_path, db):
    from django.core.management.base import CommandError

    blocked = tmp_path / "file"
    blocked.write_text("x")
    with override_settings(SEARCH_URL=None, SEARCH_EMBEDDED_PATH=str(blocked)):
        reset_engine()
        with pytest.raises(CommandError, match="unavailable"):
            call_command("search_index", "--rebuild")
    reset_engine()


def test_glossary_entries_added_by_staff_apply_at_once(indexed):
    from search.models import GlossaryEntry

    assert not found("Kigali liaison office", reader="en")
    with_page = news_page(title="Kigali liaison office")
    indexing.index_update_enqueue(instance=with_page)
    indexing.index_pending()
    assert not search_run(user=AnonymousUser(), params=QueryDict("q=antenne"), language="en").total
    GlossaryEntry.objects.create(english="liaison office", french="antenne")
    outcome = search_run(user=AnonymousUser(), params=QueryDict("q=antenne"), language="en")
    assert "Kigali liaison office" in [h["title"] for h in outcome.hits]


def test_a_change_made_while_the_worker_applies_the_previous_one_is_not_lost(indexed, monkeypatch):
    """The worker reads the pending row, re-makes the unit's documents and deletes the row. A
    publish that lands in between must leave its row behind, and the next run applies it."""
    page = news_page(title="Montevideo harbour liaison")
    indexing.index_update_enqueue(instance=page)
    engine = get_engine()
    original = engine.replace_units

    def replace_while_an_editor_publishes(units, documents):
        original(units, documents)  # the old title goes in…
        page.title = "Montevideo harbour liaison office"  # …while the editor publishes a new one
        page.save_revision().publish()
        indexing.index_update_enqueue(instance=page)

    monkeypatch.setattr(engine, "replace_units", replace_while_an_editor_publishes)
    indexing.index_pending()
    monkeypatch.setattr(engine, "replace_units", original)
    pending = PendingIndexUpdate.objects.get()
    assert pending.generation >= 2  # the publish during the drain is still queued
    indexing.index_pending()
    assert PendingIndexUpdate.objects.count() == 0
    assert found("Montevideo harbour liaison office")


def test_a_rebuild_keeps_changes_made_after_it_started(indexed, monkeypatch):
    page = news_page(title="Cartagena cooperation desk")
    indexing.index_update_enqueue(instance=page)
    row = PendingIndexUpdate.objects.get()
    PendingIndexUpdate.objects.filter(pk=row.pk).update(created_at=row.created_at.replace(year=2020))
    engine = get_engine()
    original = engine.rebuild

    def rebuild_while_an_editor_publishes(documents, progress=None):
        count = original(documents, progress=progress)
        page.title = "Cartagena cooperation office"
        page.save_revision().publish()
        indexing.index_update_enqueue(instance=page)  # the row created in 2020 changes now
        return count

    monkeypatch.setattr(engine, "rebuild", rebuild_while_an_editor_publishes)
    monkeypatch.setattr(indexing, "index_pending", lambda: (0, 0))  # look at the queue before replay
    indexing.rebuild()
    assert PendingIndexUpdate.objects.filter(unit=row.unit).exists()


def test_every_source_yields_a_unit_s_documents_together(db):
    """A rebuild streams unit by unit (``all_documents``): a unit split in two would index a
    translation group as two. The demo content has pages in both languages and events."""
    from search import registry

    for source in registry.sources():
        seen, previous = set(), None
        for doc in source.documents(None):
            if doc.unit != previous:
                assert doc.unit not in seen, f"{source.name}: unit {doc.unit} comes in two parts"
                seen.add(doc.unit)
                previous = doc.unit
        assert seen, source.name
