"""The rules that turn answers into scores and ratings into risk levels (the dashboard, the
report, the API and the staff's aggregates all use these; the readiness page states them).

- A dimension's score is the sum of its answered levels over the most they could reach
  (4 per answered question), as a percentage rounded to the nearest whole number; it is final
  when every question of the dimension is answered.
- The overall score is the mean of the dimension scores, each dimension weighing the same,
  over the dimensions with at least one answer; final when the round is complete.
- A risk's level comes from likelihood × severity (1 to 25): 15 and above critical, 10 to 14
  high, 5 to 9 medium, below 5 low.
"""

from __future__ import annotations

from dataclasses import dataclass

from .toolkit import BANDS, DIMENSIONS, RISK_LEVELS, TOP_LEVEL


@dataclass(frozen=True)
class DimensionScore:
    key: str
    name: str
    score: int | None  # None: nothing answered yet
    answered: int
    questions: int

    @property
    def complete(self) -> bool:
        return self.answered == self.questions


@dataclass(frozen=True)
class RoundScores:
    dimensions: tuple[DimensionScore, ...]
    overall: int | None
    answered: int
    questions: int

    @property
    def complete(self) -> bool:
        return self.answered == self.questions

    def of(self, key: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.key == key)


def _percent(total: int, most: int) -> int:
    return int(100 * total / most + 0.5)  # half up, not Python's half-to-even


def round_scores(levels: dict[str, int]) -> RoundScores:
    """``levels``: question key → answered level (0-4); unknown keys are ignored."""
    dimensions = []
    for dimension in DIMENSIONS:
        answered = [levels[q.key] for q in dimension.questions if q.key in levels]
        score = _percent(sum(answered), TOP_LEVEL * len(answered)) if answered else None
        dimensions.append(
            DimensionScore(dimension.key, str(dimension.name), score, len(answered), len(dimension.questions))
        )
    scored = [d.score for d in dimensions if d.score is not None]
    overall = int(sum(scored) / len(scored) + 0.5) if scored else None
    return RoundScores(
        tuple(dimensions),
        overall,
        sum(d.answered for d in dimensions),
        sum(d.questions for d in dimensions),
    )


def band(score: int | None) -> str:
    if score is None:
        return ""
    return str(next(name for floor, name in BANDS if score >= floor))


def changes(current: RoundScores, previous: RoundScores | None) -> dict[str, int | None]:
    """Per dimension (and "overall"), the change in points since the previous round; None when
    either round has no score there."""
    if previous is None:
        return {}
    delta = {}
    for dimension in current.dimensions:
        before = previous.of(dimension.key).score
        delta[dimension.key] = None if before is None or dimension.score is None else dimension.score - before
    delta["overall"] = (
        None if previous.overall is None or current.overall is None else current.overall - previous.overall
    )
    return delta


def risk_level(likelihood: int, severity: int) -> str:
    product = likelihood * severity
    return next(key for floor, key, _name in RISK_LEVELS if product >= floor)


def risk_level_name(key: str) -> str:
    return str(next(name for _floor, k, name in RISK_LEVELS if k == key))
