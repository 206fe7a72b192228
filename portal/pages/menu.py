"""The main menu, kept in the shared cache per site, language and clearance.

Building it costs a query per section type on every page view; it changes only when the page tree
does. Every publish, unpublish, move, rename or deletion bumps one version number that is part of
the cache key, so all processes stop using the old menus at once.
"""

from __future__ import annotations

from django.core.cache import cache

from portal.audiences import can_view, clearance_for

_VERSION_KEY = "pages:tree-version"
_TTL = 3600


def tree_version() -> int:
    return cache.get_or_set(_VERSION_KEY, 1, None)


def tree_changed(**kwargs) -> None:
    """Signal receiver: the page tree changed, so every cached menu is stale."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, None)


def menu_sections(site, language: str, user) -> list[dict]:
    """Live, in-menu sections under the home page of ``language`` that ``user`` may see:
    ``[{"title", "url", "path"}]`` (``path`` lets the caller mark the current section)."""
    clearance = clearance_for(user)
    key = f"pages:menu:{site.pk}:{language}:{clearance}:{tree_version()}"
    items = cache.get(key)
    if items is None:
        items = _build(site, language, user)
        cache.set(key, items, _TTL)
    return items


def _build(site, language: str, user) -> list[dict]:
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    home = site.root_page.get_translation_or_none(locale) if locale else None
    if home is None:
        return []
    return [
        {"title": child.title, "url": child.get_url(), "path": child.path}
        for child in home.get_children().live().in_menu().specific()
        if can_view(user, getattr(child, "audience", None))
    ]
