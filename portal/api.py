"""The JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Apps add their routers here."""

from __future__ import annotations

from ninja import NinjaAPI

from events.api import router as events_router
from search.api import router as search_router

api = NinjaAPI(
    title="Liaison API",
    version="1",
    description="Bilingual search and events of the Liaison portal. Results respect the caller's audience.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs need inline scripts, which our CSP forbids
)
api.add_router("/", search_router)
api.add_router("/", events_router)
