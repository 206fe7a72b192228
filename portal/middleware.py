"""Content-Security-Policy: strict on the public site, adjusted for the Wagtail admin."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
