"""Locales by language code, from the shared tree cache: no query once cached, and a new or
removed Locale is seen at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from portal.pages.locales import language_of, locale_for

pytestmark = pytest.mark.django_db


def test_locales_come_from_the_cache_after_the_first_lookup():
    french = Locale.objects.get(language_code="fr")
    assert locale_for("fr") == french
    with CaptureQueriesContext(connection) as captured:
        assert locale_for("fr") == french
        assert language_of(french.pk) == "fr"
        assert locale_for("xx") is None and language_of(-1) is None
    assert len(captured) == 0


def test_a_new_or_removed_locale_is_seen_at_once():
    assert locale_for("de") is None
    german = Locale.objects.create(language_code="de")
    assert locale_for("de") == german and language_of(german.pk) == "de"
    german.delete()
    assert locale_for("de") is None
