"""Index updates follow publish, unpublish, move and delete of indexed things.

The receivers only record which unit changed (``index_update_enqueue``); the work happens in
a task, so an unreachable engine never blocks or breaks an editor's publish.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def _changed(sender, instance, **kwargs):
    from wagtail.models import Page

    from .indexing import index_update_enqueue

    if type(instance) is Page:  # Wagtail sends the base Page on moves
        instance = instance.specific
    index_update_enqueue(instance=instance)


def _glossary_changed(sender, **kwargs):
    from .glossary import bump_version

    bump_version()


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from . import registry
    from .models import GlossaryEntry

    page_published.connect(_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_changed, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_changed, dispatch_uid="search-page-moved")
    from django.apps import apps
    from wagtail.models import Page

    for source in registry.sources():
        concrete = [m for m in apps.get_models() if issubclass(m, source.models) and not m._meta.abstract]
        for model in concrete:
            # Deleting a page (or any indexed object) removes its documents.
            post_delete.connect(_changed, sender=model, dispatch_uid=f"search-deleted-{model._meta.label}")
            if not issubclass(model, Page):
                # Pages are re-indexed when published, not on every draft save; other
                # indexed things (events, sessions) on save.
                post_save.connect(_changed, sender=model, dispatch_uid=f"search-saved-{model._meta.label}")
    post_save.connect(_glossary_changed, sender=GlossaryEntry, dispatch_uid="search-glossary-saved")
    post_delete.connect(_glossary_changed, sender=GlossaryEntry, dispatch_uid="search-glossary-deleted")
