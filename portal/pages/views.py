"""The PDF of a content page (toolkit, compendium, an edition's conclusions), under the audience rule."""

from __future__ import annotations

import io

from django.http import FileResponse, Http404
from wagtail.models import Page

from portal.audiences import Audience, clearance_for

from .access import page_access_response
from .documents import document_parts, document_pdf


def page_pdf(request, page_id: int):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    clearance = clearance_for(request.user)
    parts = document_parts(page, clearance)
    if parts is None:
        raise Http404
    _kind, subject, _pages, audience = parts
    # The page asked for and the document's subject (a conclusion's edition) must both be visible:
    # a restricted conclusion's id must not answer with its edition's PDF.
    for checked in (page,) if page.pk == subject.pk else (page, subject):
        denied = page_access_response(request, checked)
        if denied is not None:
            return denied
    content, filename = document_pdf(subject, clearance, parts)
    response = FileResponse(io.BytesIO(content), content_type="application/pdf", filename=filename)
    # Restricted documents stay out of shared caches; public ones may be kept a few minutes.
    response["Cache-Control"] = "public, max-age=300" if audience == Audience.PUBLIC else "private, no-store"
    return response
