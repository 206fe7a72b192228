"""The address of the site a person is using, for links in mail sent later by a task.

A registration made at https://liaison.example.org must be answered with links to that host,
not to ``SITE_URL``'s (or :8000). The middleware keeps the request's own scheme and host — already
checked against ``ALLOWED_HOSTS`` by ``get_host()`` — for the duration of the request; whatever
queues a mail stores ``current_site_url()`` with it.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

_site_url: ContextVar[str] = ContextVar("liaison_site_url", default="")


def current_site_url() -> str:
    """The request's ``scheme://host`` inside a request, else the configured ``SITE_URL``."""
    return _site_url.get() or settings.WAGTAILADMIN_BASE_URL.rstrip("/")


class SiteURLMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _site_url.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _site_url.reset(token)
