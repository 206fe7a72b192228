"""After a publish, the page's PDFs are made again (once per page and transaction, in a task)."""

from __future__ import annotations

import threading

from django.conf import settings
from django.db import transaction

_pending = threading.local()


def _subject_id(page) -> int | None:
    from .documents import document_parts

    parts = document_parts(page.specific, "public")
    return parts[1].pk if parts else None


def _published(sender, instance, **kwargs):
    if not getattr(settings, "PDF_PREPARE_ON_PUBLISH", True):
        return
    subject = _subject_id(instance)
    if subject is None:
        return
    waiting = getattr(_pending, "ids", None)
    if waiting is None:
        waiting = _pending.ids = set()
    if subject in waiting:
        return
    waiting.add(subject)

    def enqueue():
        from .tasks import refresh_page_documents

        waiting.discard(subject)
        refresh_page_documents.enqueue(subject)

    transaction.on_commit(enqueue)


def connect() -> None:
    from wagtail.signals import page_published

    page_published.connect(_published, dispatch_uid="pages-documents-published")
