"""Wagtail's Locale rows by language code, from the shared tree cache (tree_cache): every page
view looked them up again — the home page three times — although they change only when a
language is added or removed (which bumps the tree version, see signals.connect)."""

from __future__ import annotations

from .tree_cache import tree_cached


def _by_code() -> dict:
    from wagtail.models import Locale

    return {locale.language_code: locale for locale in Locale.objects.all()}


def locale_for(language: str):
    """The Locale of ``language``, or None if the site has no such locale."""
    return tree_cached("locales", _by_code).get(language)


def language_of(locale_id: int) -> str | None:
    """The language code of the Locale with this id (a page's ``locale_id``)."""
    return next((code for code, locale in tree_cached("locales", _by_code).items() if locale.pk == locale_id), None)
