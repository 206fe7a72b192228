"""Serving pages under the audience rule: log in, or a 403 that explains why."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from portal.audiences import AUDIENCE_EXPLANATIONS, Audience, can_view, clearance_for, highest


def effective_audience(page) -> str:
    """The most restricted audience among a page and its ancestors."""
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1).specific(defer=False)
    return highest(getattr(p, "audience", Audience.PUBLIC) for p in ancestors)


def page_access_response(request, page):
    """None when the user may see ``page``; otherwise a login redirect or a 403 page."""
    audience = effective_audience(page)
    if can_view(request.user, audience):
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
