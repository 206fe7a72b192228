"""After a publish, the page's PDFs are made again (in a task, once the publish is committed), and
any change to the page tree invalidates the cached menus.

Several publishes in one transaction (load_demo, a workflow) each enqueue a refresh; the first
one that runs makes the documents and the others find them already cached.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction


def _published(sender, instance, **kwargs):
    if not getattr(settings, "PDF_PREPARE_ON_PUBLISH", True):
        return
    from .documents import document_parts

    parts = document_parts(instance.specific, "public")
    if parts is None:
        return
    subject_id = parts[1].pk

    def enqueue():
        from .tasks import refresh_page_documents

        refresh_page_documents.enqueue(subject_id)

    transaction.on_commit(enqueue)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .tree_cache import page_saved, tree_changed

    page_published.connect(_published, dispatch_uid="pages-documents-published")
    # Anything that can change what tree_cache holds (menus, restricted sections).
    post_save.connect(page_saved, dispatch_uid="pages-tree-saved")  # every page class: sender varies
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(tree_changed, dispatch_uid=f"pages-tree-{id(signal)}")
    post_delete.connect(tree_changed, sender=Page, dispatch_uid="pages-tree-deleted")
    # Locales are kept there too (locales.py).
    from wagtail.models import Locale

    for signal in (post_save, post_delete):
        signal.connect(tree_changed, sender=Locale, dispatch_uid=f"pages-locales-{id(signal)}")
    # And sites: the site a host belongs to, the page a path serves (routing.py).
    from wagtail.models import Site

    for signal in (post_save, post_delete):
        signal.connect(tree_changed, sender=Site, dispatch_uid=f"pages-sites-{id(signal)}")
    # And whether any Wagtail view restriction is stored (models/base.py: view_restrictions_exist).
    from wagtail.models import PageViewRestriction

    for signal in (post_save, post_delete):
        signal.connect(tree_changed, sender=PageViewRestriction, dispatch_uid=f"pages-restrictions-{id(signal)}")
