"""The main menu, kept in the shared cache per site, language and clearance (see tree_cache)."""

from __future__ import annotations

from portal.audiences import can_view, clearance_for

from .tree_cache import tree_cached


def menu_sections(site, language: str, user) -> list[dict]:
    """Live, in-menu sections under the home page of ``language`` that ``user`` may see:
    ``[{"title", "url", "path"}]`` (``path`` lets the caller mark the current section)."""
    return tree_cached(f"menu:{site.pk}:{language}:{clearance_for(user)}", lambda: _build(site, language, user))


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
