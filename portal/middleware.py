"""Site-wide middleware: Content-Security-Policy (strict on the site, adjusted for the Wagtail
admin), language prefixes that leave the API alone, and private answers kept out of shared
caches."""

from __future__ import annotations

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.constants import NONCE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control

from portal.admin_csp import add_nonces

RESTRICTED_ATTR = "liaison_serves_restricted"


def mark_restricted(request) -> None:
    """Say that this request is being answered with something not everyone may see."""
    setattr(request, RESTRICTED_ATTR, True)


def is_restricted(request) -> bool:
    return bool(getattr(request, RESTRICTED_ATTR, False))


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
    """The site's policy everywhere; the admin's differs only where Wagtail needs it.

    Each admin allowance, and the Wagtail feature behind it (also listed in
    docs/architecture.md, "Content-Security-Policy"):

    - ``script-src 'nonce-…'``: Wagtail's inline initialisers (choosers, date/time pickers,
      inline panels) and two of wagtail-localize's; only those get the nonce (portal.admin_csp).
    - ``style-src 'unsafe-inline'``: Draftail, the StreamField and comment widgets, the
      focal-point chooser and several admin templates set ``style`` attributes (no nonce
      exists for attributes, and hashes of attributes need 'unsafe-hashes' for each one).
    - ``img-src blob:``: previews of images chosen for upload (object URLs).
    - ``frame-src 'self'`` and ``frame-ancestors 'self'``: the page preview panel frames the
      preview view of this site.
    """

    def process_response(self, request, response):
        if _is_admin(request):
            # Wagtail renders a preview by running the page's own URL through the middleware
            # (``make_preview_request``), so the preview arrives carrying the site's policy,
            # whose ``frame-ancestors 'none'`` forbids the preview panel's frame. The admin
            # answers with the admin's policy instead.
            for header in (CSP_HEADER, CSP_HEADER_REPORT_ONLY):
                if header in response:
                    del response[header]
        if _is_admin(request) and _rewritable_html(response):
            charset = response.charset or "utf-8"
            response.content = add_nonces(response.content.decode(charset), str(request.csp_nonce)).encode(charset)
            if response.has_header("Content-Length"):  # set by CommonMiddleware for the shorter body
                response["Content-Length"] = str(len(response.content))
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if _is_admin(request):
            update = dict(parts.update or {})
            update["style-src"] = ["'unsafe-inline'"]
            update["img-src"] = ["blob:"]
            update["frame-src"] = ["'self'"]
            if getattr(request, "_csp_nonce", None):
                update["script-src"] = [NONCE]
            parts.update = update
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


def _is_admin(request) -> bool:
    return request.path.startswith(settings.LIAISON_ADMIN_PATH_PREFIX)


def _rewritable_html(response) -> bool:
    return (
        not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
        and (b"<script>" in response.content or b'<script type="text/javascript">' in response.content)
    )


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


class TryAgainMiddleware:
    """A ``TryAgainShortly`` (a registration lock held too long, say) answers 503 with
    ``Retry-After`` and its message, not a worker stuck waiting or a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.http import JsonResponse
        from django.shortcuts import render

        from portal.errors import TryAgainShortly

        if not isinstance(exception, TryAgainShortly):
            return None
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": str(exception)}, status=503)
        else:
            response = render(request, "503.html", {"message": str(exception)}, status=503)
        response["Retry-After"] = str(exception.retry_after)
        return response


class SignOutClearsSiteDataMiddleware:
    """Signing out wipes what this site keeps in the browser: the offline check-in desk's copy of
    attendees (IndexedDB), its cached pages and its service worker (``Clear-Site-Data``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        was_signed_in = _signed_in(request)
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and was_signed_in
            and match is not None
            and match.url_name == "account_logout"
            and response.status_code in (302, 303)
        ):
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response
