"""/healthz: the database answers, plus figures the apps register (``events`` adds its outbox).

A registry, so the core names no app that builds on it (imports flow one way, DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.http import JsonResponse

_FIGURES: dict[str, Callable[[], dict]] = {}


def register(name: str, figures: Callable[[], dict]) -> None:
    _FIGURES[name] = figures


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    figures = {name: figures() for name, figures in _FIGURES.items()}
    # A part that reports a status other than ok (the search index missing or damaged) makes
    # the whole "degraded": still 200, so a load balancer keeps the node serving pages.
    degraded = any(isinstance(value, dict) and value.get("status", "ok") != "ok" for value in figures.values())
    return JsonResponse({"status": "degraded" if degraded else "ok", **figures})
