"""Site-wide middleware: Content-Security-Policy (strict on the site, adjusted for the Wagtail
admin) and language prefixes that leave the API alone."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware


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
