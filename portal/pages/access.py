"""Serving pages under the audience rule: log in, or a 403 that explains why."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.template.response import TemplateResponse

from portal.audiences import AUDIENCE_EXPLANATIONS, Audience, can_view, clearance_for, highest
from portal.middleware import mark_restricted


def effective_audience(page) -> str:
    """The most restricted audience among a page and its ancestors (theirs from the cached
    section audiences: every ancestor is a section)."""
    from wagtail.models import Page

    from .models.base import section_audiences

    own = getattr(page.specific_deferred if type(page) is Page else page, "audience", Audience.PUBLIC)
    above = (audience for path, audience in section_audiences().items() if page.path.startswith(path))
    return highest([own, *above])


def page_access_response(request, page):
    """None when the user may see ``page``; otherwise a login redirect or a 403 page."""
    return audience_response(request, effective_audience(page))


def audience_response(request, audience: str):
    """None when the user may see something of ``audience``; otherwise a login redirect
    (anonymous) or a 403 page saying who may see it. Pages and events answer alike."""
    if can_view(request.user, audience):
        if audience != Audience.PUBLIC:
            mark_restricted(request)
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    clearance = clearance_for(request.user)
    return TemplateResponse(
        request,
        "403_audience.html",
        {
            "page_audience": Audience(audience),
            "page_audience_text": AUDIENCE_EXPLANATIONS[Audience(audience)],
            "clearance": Audience(clearance),
        },
        status=403,
    )


def pages_using(obj):
    """The live pages that attach, show or link ``obj`` (a document or an image; Wagtail's
    reference index knows them)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type).values("object_id")
    return Page.objects.live().filter(pk__in=[int(row["object_id"]) for row in ids])


def other_holders_audiences(obj) -> list[str]:
    """The audiences of the objects other than pages that show ``obj`` (an event's session
    with its documents): any model in the reference index whose objects answer
    ``files_audience(obj)`` (None: no longer holds it). Duck-typed so that this package needs no import of the apps that
    hold files (imports flow one way, docs/architecture.md)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.get_references_to(obj).exclude(base_content_type=page_type)
    ids_by_type: dict[int, set[int]] = {}
    for type_id, object_id in rows.values_list("base_content_type_id", "object_id"):
        ids_by_type.setdefault(type_id, set()).add(int(object_id))
    audiences = []
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not hasattr(model, "files_audience"):
            continue
        for holder in model._default_manager.filter(pk__in=ids):
            audience = holder.files_audience(obj)
            if audience is not None:
                audiences.append(audience)
    return audiences


def document_access_response(request, document):
    """None when the user may download ``document`` (or see an image, and its renditions);
    otherwise a login redirect or a 404.

    A file is as open as the most open live page, or other holder (a session), that uses it;
    one nothing uses is a draft, for staff only. Refusals say nothing of what the file is.
    """
    audiences = [effective_audience(page) for page in pages_using(document)]
    audiences += other_holders_audiences(document)
    if Audience.PUBLIC not in audiences:
        mark_restricted(request)  # whoever may download it, a shared cache must not keep it
    if clearance_for(request.user) == Audience.STAFF:
        return None
    if any(can_view(request.user, audience) for audience in audiences):
        return None
    if audiences and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
