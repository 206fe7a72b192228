"""The JSON API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Apps add their routers here."""

from __future__ import annotations

import math

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.throttling import UserRateThrottle

from assessments.api import router as assessments_router
from events.api import router as events_router
from search.api import router as search_router


class PerPersonThrottle(UserRateThrottle):
    """django-ninja's throttle, per signed-in person or else per address, at
    ``settings.API_RATE_LIMIT`` ("off": none; read at each request, so it can change without a restart). Its
    history lives in the cache, which several nodes share (``CACHE_URL``): they count together."""

    def __init__(self):  # the rate is read per request (allow_request), not once at import
        self.rate = None

    def allow_request(self, request) -> bool:
        self.rate = settings.API_RATE_LIMIT
        if not self.rate or self.rate == "off":
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Liaison API",
    version="1",
    description="Bilingual search and events of the Liaison portal. Results respect the caller's audience.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs need inline scripts, which our CSP forbids
    throttle=[PerPersonThrottle()],
)


@api.exception_handler(Throttled)
def too_many_requests(request, exc: Throttled):
    """429 in the reader's language, with Retry-After (seconds) for scripts that honour it."""
    response = api.create_response(
        request, {"detail": _("Too many requests: please wait a moment before trying again.")}, status=429
    )
    response["Retry-After"] = str(max(1, math.ceil(exc.wait or 1)))
    return response


api.add_router("/", search_router)
api.add_router("/", events_router)
api.add_router("/", assessments_router)
