"""The staff's aggregates: a region only when at least five agencies contribute, never one
agency's answers."""

from __future__ import annotations

import pytest

from assessments.selectors import readiness_by_region
from assessments.services import answers_save, round_start
from tests.factories import UserFactory

from .factories import agency, all_answers

pytestmark = pytest.mark.django_db


def _complete(country, level):
    workspace, admin = agency(f"Agency {country} {level}", country)
    answers_save(round=round_start(workspace=workspace, by=admin), by=admin, answers=all_answers(lambda k: level))
    return workspace


def test_a_region_shows_once_five_agencies_contribute(client):
    from assessments.models import ReadinessRound

    ReadinessRound.objects.all().delete()  # the demo's agencies are not part of this count
    for level in (0, 1, 2, 3):
        _complete("KE", level)
    _complete("FR", 4)
    rows, held_back = readiness_by_region()
    assert [(r.region, r.agencies) for r in rows] == [("", 5)] and held_back == 2  # all regions together only
    _complete("NG", 4)  # a fifth African agency
    rows, held_back = readiness_by_region()
    africa = next(r for r in rows if r.region == "africa")
    assert africa.agencies == 5 and africa.overall == 50 and africa.dimensions["data"] == 50  # (0+25+50+75+100)/5
    everyone = next(r for r in rows if r.region == "")
    assert everyone.agencies == 6 and held_back == 1
    client.force_login(UserFactory(role="editor"))
    page = client.get("/en/workspaces/aggregates/").text
    assert "Africa" in page and "5 agencies" in page and "Agency KE" not in page and "1 region has too few" in page


def test_an_open_round_does_not_count():
    from assessments.models import ReadinessRound

    ReadinessRound.objects.all().delete()
    for n in range(5):
        workspace, admin = agency(f"Open {n}", "KE")
        round = round_start(workspace=workspace, by=admin)
        answers_save(round=round, by=admin, answers=dict(list(all_answers().items())[:5]))
    assert readiness_by_region() == ([], 0)
