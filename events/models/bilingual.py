"""Fields kept in both languages on event data (events are not Wagtail pages)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def in_language(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<language>``, falling back to the site's default language, then to the
    others in the order of ``settings.LANGUAGES``, when empty."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    value = getattr(obj, f"{field}_{language}", "")
    if value:
        return value
    for other in dict.fromkeys([settings.LANGUAGE_CODE[:2], *(code[:2] for code, _name in settings.LANGUAGES)]):
        value = getattr(obj, f"{field}_{other}", "")
        if value:
            return value
    return ""
