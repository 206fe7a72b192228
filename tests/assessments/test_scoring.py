"""The scoring rules: dimension and overall scores, bands, changes, risk levels."""

from __future__ import annotations

import pytest

from assessments.scoring import band, changes, risk_level, round_scores
from assessments.toolkit import DIMENSIONS, QUESTION_KEYS


def test_a_dimension_scores_its_answered_levels_over_the_most_they_could_reach():
    governance = DIMENSIONS[0]
    levels = {governance.questions[0].key: 4, governance.questions[1].key: 1}  # 5 of 8
    scores = round_scores(levels)
    assert scores.of("governance").score == 63  # 62.5 rounds half up
    assert scores.of("governance").answered == 2 and not scores.of("governance").complete
    assert scores.of("data").score is None
    assert scores.overall == 63 and scores.answered == 2 and not scores.complete


def test_the_overall_score_weighs_each_dimension_the_same():
    levels = {key: (4 if key.startswith("governance.") else 0) for key in QUESTION_KEYS}
    scores = round_scores(levels)
    assert scores.complete and scores.of("governance").score == 100 and scores.of("people").score == 0
    assert scores.overall == 17  # 100 / 6 = 16.7


def test_bands_and_changes():
    assert [band(s) for s in (0, 24, 25, 50, 74, 75, 100)] == [
        "Early",
        "Early",
        "Developing",
        "Established",
        "Established",
        "Advanced",
        "Advanced",
    ]
    before = round_scores(dict.fromkeys(QUESTION_KEYS, 1))
    after = round_scores(dict.fromkeys(QUESTION_KEYS, 3))
    delta = changes(after, before)
    assert delta["overall"] == 50 and delta["data"] == 50
    assert changes(after, None) == {}


@pytest.mark.parametrize(
    ("likelihood", "severity", "level"),
    [
        (1, 1, "low"),
        (2, 2, "low"),
        (1, 5, "medium"),
        (3, 3, "medium"),
        (2, 5, "high"),
        (3, 4, "high"),
        (3, 5, "critical"),
        (5, 5, "critical"),
    ],
)
def test_risk_levels_come_from_likelihood_times_severity(likelihood, severity, level):
    assert risk_level(likelihood, severity) == level
