"""``/media/``: every uploaded file through the audience rule, never straight from the disk.

Documents are served by Wagtail's own view (``/documents/<id>/…``, with the same check);
a document's file asked for under ``/media/documents/`` gets the same answer. Images and their
renditions (``original_images/``, ``images/``) are as open as the most open live page that
shows them, and staff-only while no page does. Written by hand because Wagtail serves media
from the web server and only offers a hook for documents.
"""

from __future__ import annotations

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from portal.middleware import is_restricted

from .access import document_access_response


def _owner(name: str):
    """The document or image a stored file belongs to (a rendition belongs to its image)."""
    if name.startswith("documents/"):
        return get_document_model().objects.filter(file=name).first()
    image_model = get_image_model()
    if name.startswith("original_images/"):
        return image_model.objects.filter(file=name).first()
    if name.startswith("images/"):
        rendition = image_model.get_rendition_model().objects.filter(file=name).select_related("image").first()
        return rendition.image if rendition else None
    return None


def serve_media(request, path: str):
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith("..") or "\x00" in name:
        raise Http404
    owner = _owner(name)
    if owner is None:
        raise Http404  # a file nobody uploaded through the portal is not served
    refusal = document_access_response(request, owner)
    if refusal is not None:
        return refusal
    try:
        local_path = default_storage.path(name)
    except NotImplementedError:  # an object store: a short-lived signed address
        return HttpResponseRedirect(default_storage.url(name))
    try:
        response = FileResponse(open(local_path, "rb"))  # noqa: SIM115 — FileResponse closes it
    except FileNotFoundError:
        raise Http404 from None
    if not is_restricted(request):
        patch_cache_control(response, public=True, max_age=3600)
    return response
