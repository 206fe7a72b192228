"""Background work for content pages."""

from __future__ import annotations

from django_tasks import task


@task()
def refresh_page_documents(page_id: int) -> int:
    """Make the cached PDFs of a published page (and of its edition's conclusion set) again."""
    from wagtail.models import Page

    from .documents import document_parts, documents_refresh

    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or document_parts(page.specific, "public") is None:
        return 0
    return documents_refresh(page)
