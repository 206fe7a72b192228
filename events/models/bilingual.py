"""Fields kept in both languages on event data (events are not Wagtail pages)."""

from __future__ import annotations

from django.utils import translation


def in_language(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<language>``, falling back to the other language when empty."""
    language = (language or translation.get_language() or "en")[:2]
    value = getattr(obj, f"{field}_{language}", "")
    if value:
        return value
    for other in ("en", "fr"):
        value = getattr(obj, f"{field}_{other}", "")
        if value:
            return value
    return ""
