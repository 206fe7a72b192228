"""Errors any app may raise that the core turns into an answer."""

from __future__ import annotations


class TryAgainShortly(Exception):
    """The work could not be done now (a lock held too long); nothing was changed.

    ``portal.middleware.TryAgainMiddleware`` answers 503 with ``Retry-After`` and the message.
    """

    retry_after = 5  # seconds
