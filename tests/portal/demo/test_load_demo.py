from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal.accounts.models import User
from portal.taxonomy.models import Region, Theme


def snapshot():
    pages = sorted(
        (
            p.locale.language_code,
            p.url_path,
            p.title,
            p.live,
            getattr(p, "audience", "public"),
            getattr(p, "summary", ""),
        )
        for p in Page.objects.filter(depth__gt=1).specific()
    )
    return {
        "pages": pages,
        "themes": sorted(Theme.objects.values_list("slug", "name", "locale__language_code")),
        "regions": sorted(Region.objects.values_list("slug", "name", "locale__language_code")),
        "users": sorted(User.objects.values_list("email", "is_superuser")),
        "groups": sorted(User.objects.values_list("email", "groups__name")),
    }


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_content():
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before
    call_command("load_demo", "--refresh", verbosity=0)
    assert snapshot() == before


@pytest.mark.django_db
def test_demo_content_covers_the_brief():
    from portal.pages.models import (
        BestPracticePage,
        ConclusionPage,
        ConferencePage,
        InitiativePage,
        ToolkitPage,
    )

    singapore = ConferencePage.objects.get(slug="singapore-2023")
    assert (singapore.participants, singapore.countries_represented) == (266, 133)
    assert singapore.meetings.count() == 2
    assert ConferencePage.objects.get(slug="lyon-2022", locale__language_code="en").number == 17
    assert ConclusionPage.objects.filter(locale__language_code="en", edition=singapore).count() == 4
    assert ConclusionPage.objects.filter(locale__language_code="fr").count() == 4
    assert ToolkitPage.objects.get(slug="responsible-ai-toolkit").releases.count() == 2
    watchmaker = InitiativePage.objects.get(slug="watchmaker", locale__language_code="en")
    assert [b.value["value"] for b in watchmaker.key_figures] == ["4,600+", "38,750"]
    restricted = BestPracticePage.objects.filter(audience="law_enforcement", locale__language_code="en")
    assert restricted.count() >= 3
    english_only = BestPracticePage.objects.get(slug="scam-centre-victim-screening")
    assert english_only.get_translations().count() == 0


@pytest.mark.django_db
def test_load_demo_reports_progress(capsys):
    call_command("load_demo", "--quiet-users")
    out = capsys.readouterr().out
    assert "[1/9] themes and regions" in out
    assert "0 pages created" in out
