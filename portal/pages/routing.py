"""The site a request belongs to and the page a path serves, from the shared cache.

Wagtail finds both again on every request: the site by a query on the host name, then the page
by walking the tree from the site's root, one query per level and one more per ``.specific``
(five queries for /en/conferences/singapore-2023/ before the page renders). Both answers change
only when a site or the page tree changes, so :class:`CachedRoutesMiddleware` keeps them under the
page tree's version (pages.tree_cache: any page saved, published, unpublished, moved or deleted,
and any site saved or deleted, bumps it) and hands them to Wagtail through the attributes its own
lookups cache their results in (``request._wagtail_site``, ``request._wagtail_route_for_request``),
so Wagtail's serve view, hooks and audience checks run unchanged.

What is kept is the site object and, per site, language and path, the page's id and content
type: the page itself is read afresh (one query) and served only if it is still live. A path
that matches no page, a page that routes further itself (args or kwargs), and anything but GET
or HEAD go through Wagtail's own routing every time.
"""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .tree_cache import tree_cached

_NOT_FOUND = "-"  # a host with no site: kept too (tree_cached keeps no None)


def _site_key(request) -> str:
    return f"site:{request._get_raw_host()}:{request.get_port()}"


def site_for(request):
    """The request's Wagtail site, from the cache; kept on the request where
    Site.find_for_request looks first, so Wagtail's own calls find it too."""
    if not hasattr(request, "_wagtail_site"):
        try:
            key = _site_key(request)
        except Exception:  # noqa: BLE001 (a malformed Host header: Wagtail's own lookup decides)
            return Site.find_for_request(request)
        site = tree_cached(key, lambda: Site._find_for_request(request) or _NOT_FOUND)
        request._wagtail_site = None if site == _NOT_FOUND else site
    return request._wagtail_site


def _route_key(site, path: str) -> str:
    digest = hashlib.sha1(path.encode(), usedforsecurity=False).hexdigest()
    return f"route:{site.pk}:{translation.get_language()}:{digest}"


def _route(request, path: str):
    """Wagtail's own routing (its result stays on the request); what to keep of it, or None."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    if args or kwargs:
        return None
    return (page.pk, page.content_type_id)


def prime_route(request, path: str) -> None:
    """Set the request's Wagtail route from the cache: the page read by id, if still live."""
    site = site_for(request)
    if site is None or hasattr(request, "_wagtail_route_for_request"):
        return
    found = tree_cached(_route_key(site, path), lambda: _route(request, path))
    if found is None or hasattr(request, "_wagtail_route_for_request"):
        return  # not a page, or routed just now by Wagtail itself
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id, live=True).first() if model else None
    if page is not None:
        request._wagtail_route_for_request = (page, [], {})


class CachedRoutesMiddleware:
    """The site and the route of Wagtail's page views from the cache (other views ask
    :func:`site_for` when they need the site: the header's menu does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve and request.method in ("GET", "HEAD"):
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            prime_route(request, path)
        return None
