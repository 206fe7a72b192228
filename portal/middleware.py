"""Site-wide middleware: Content-Security-Policy (strict on the site, adjusted for the Wagtail
admin), language prefixes that leave the API alone, and private answers kept out of shared
caches."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control

RESTRICTED_ATTR = "liaison_serves_restricted"


def mark_restricted(request) -> None:
    """Say that this request is being answered with something not everyone may see."""
    setattr(request, RESTRICTED_ATTR, True)


class PrivateResponsesMiddleware:
    """No shared cache (a proxy, a CDN) keeps an answer meant for one person.

    Restricted pages and documents (marked by the audience checks with :func:`mark_restricted`)
    are ``private, no-store``; anything else answered to a signed-in person is ``private``
    (menus, search hits and API results follow their clearance), unless the view said its
    content is public.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, RESTRICTED_ATTR, False):
            patch_cache_control(response, private=True, no_store=True)
        elif _signed_in(request) and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PortalCSPMiddleware(CSPMiddleware):
    """The admin's editor widgets set inline styles; only admin pages get that allowance."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(settings.LIAISON_ADMIN_PATH_PREFIX):
            update = dict(parts.update or {})
            update["style-src"] = ["'unsafe-inline'"]
            update["img-src"] = ["blob:", "https:"]
            update["frame-src"] = ["'self'", "https:"]
            parts.update = update
            # The admin shows page previews in a same-origin frame.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


class PortalLocaleMiddleware(LocaleMiddleware):
    """Language prefixes for the site, but the API answers for itself.

    Django's middleware turns a 404 on an unprefixed path into a redirect to ``/en/<path>/``
    whenever that would resolve, which Wagtail's catch-all page route always does; an API
    client asking for a missing event must get its 404, not a redirect to a web page.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/")
