"""The portal's URLs plus one bench-only endpoint (never part of the real site)."""

from django.urls import path

from portal.urls import handler403, handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

from .wagtail_search import wagtail_search

urlpatterns = [path("bench/wagtail-search", wagtail_search), *portal_urlpatterns]
