"""Values derived from the page tree, kept in the shared cache until the tree changes.

The menus and the list of restricted sections are read on every page view but change only when a
page is saved, published, unpublished, moved or deleted. One version number, part of every key,
is bumped on each of those, so all processes stop using old values at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
_VERSION_KEY = "pages:tree-version"
_TTL = 3600


def tree_version() -> int:
    return cache.get_or_set(_VERSION_KEY, 1, None)


def tree_cached(name: str, build: Callable[[], T]) -> T:
    """``build()``, or its value cached under ``name`` for the current version of the tree."""
    key = f"pages:{name}:{tree_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, _TTL)
    return value


def tree_changed(**kwargs) -> None:
    """Signal receiver: the page tree changed, so every cached value is stale."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, None)


def page_saved(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        tree_changed()
