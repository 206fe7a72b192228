"""This folder needs Spanish and Arabic in settings: `make test` runs it with
``--ds=portal.settings.test_four_languages``. Asked for by name under other settings, it says so
instead of failing."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if {"es", "ar"} <= set(dict(settings.LANGUAGES)):
        return
    reason = "needs Spanish and Arabic: run with --ds=portal.settings.test_four_languages (make test does)"
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.skip(reason=reason))
