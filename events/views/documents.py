"""Downloading delegate documents: badge, visa letter, certificate."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render

from portal.audit.models import Action
from portal.audit.services import record

from ..models import Registration
from ..permissions import is_event_manager
from ..services.documents import KINDS, DocumentDenied, DocumentUnavailable, document_render


def _pdf_response(content: bytes, filename: str) -> FileResponse:
    response = FileResponse(io.BytesIO(content), content_type="application/pdf", filename=filename)
    response["Cache-Control"] = "private, no-store"  # personal data: never kept by a shared cache
    return response


@login_required
def registration_document(request, pk: int, kind: str):
    if kind not in KINDS:
        raise Http404
    registration = Registration.objects.select_related("user", "week").filter(pk=pk).first()
    if registration is None:
        # Only staff learn that an id does not exist; others get the same answer as for someone else's.
        if is_event_manager(request.user):
            raise Http404
        raise PermissionDenied
    try:
        document = document_render(user=request.user, registration=registration, kind=kind)
    except DocumentDenied:
        raise PermissionDenied from None
    except DocumentUnavailable as exc:
        return render(request, "events/document_unavailable.html", {"reason": str(exc)}, status=409)
    if registration.user_id != request.user.pk:  # staff handing out someone's personal data
        record(Action.DOCUMENT, request=request, obj=registration, subject_user_id=registration.user_id, kind=kind)
    return _pdf_response(document.content, document.filename)
