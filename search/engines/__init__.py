"""Search engines. ``get_engine()`` returns the configured one (embedded unless SEARCH_URL)."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=1)
def get_engine():
    url = getattr(settings, "SEARCH_URL", None)
    if url:
        from .elastic import ElasticEngine
        from .elastic_client import ClusterSettings

        return ElasticEngine(ClusterSettings.from_django())
    from .embedded import EmbeddedEngine

    return EmbeddedEngine(settings.SEARCH_EMBEDDED_PATH, facet_cache_size=settings.SEARCH_FACET_CACHE)


def reset_engine() -> None:
    """Forget the configured engine (tests switch between engines)."""
    get_engine.cache_clear()
