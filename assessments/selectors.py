"""Reads shared by the pages, the report, the exports and the API."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from .models import Mitigation, ReadinessRound, RiskRating, Workspace
from .scoring import RoundScores, changes, round_scores
from .toolkit import DIMENSIONS

MIN_AGENCIES = 5  # the staff's aggregates show a region only when this many agencies contribute


@dataclass
class Readiness:
    round: ReadinessRound | None
    scores: RoundScores | None
    previous: ReadinessRound | None
    previous_scores: RoundScores | None
    delta: dict


def rounds_of(workspace: Workspace):
    return workspace.rounds.order_by("-number")


def readiness_of(workspace: Workspace, number: int | None = None) -> Readiness:
    """A round (the latest unless ``number``), its scores, and the completed round before it."""
    rounds = rounds_of(workspace)
    current = rounds.filter(number=number).first() if number else rounds.first()
    if current is None:
        return Readiness(None, None, None, None, {})
    scores = round_scores(current.levels())
    previous = rounds.filter(number__lt=current.number, completed_at__isnull=False).first()
    previous_scores = round_scores(previous.levels()) if previous else None
    return Readiness(current, scores, previous, previous_scores, changes(scores, previous_scores))


def risk_matrix(workspace: Workspace) -> dict[tuple[int, int], int]:
    """(likelihood, severity) → how many ratings of the workspace's systems sit there."""
    return Counter(RiskRating.objects.filter(system__workspace=workspace).values_list("likelihood", "severity"))


def mitigations_due(workspace: Workspace, limit: int = 20):
    return (
        Mitigation.objects.filter(system__workspace=workspace)
        .exclude(status=Mitigation.Status.DONE)
        .select_related("system", "owner", "rating")
        .order_by("due_date", "id")[:limit]
    )


def is_overdue(mitigation: Mitigation, today=None) -> bool:
    return mitigation.status != Mitigation.Status.DONE and mitigation.due_date < (today or timezone.localdate())


@dataclass
class RegionReadiness:
    region: str  # a region slug, or "" for all agencies together
    agencies: int
    dimensions: dict[str, int]  # dimension key → mean score
    overall: int


def readiness_by_region(min_agencies: int = MIN_AGENCIES) -> tuple[list[RegionReadiness], int]:
    """For staff: per region, the mean score per dimension over each agency's latest completed
    round, only where at least ``min_agencies`` agencies contribute (fewer could single one
    out); and the same for all regions together. Returns (rows, regions held back)."""
    latest: dict[int, ReadinessRound] = {}
    for round in (
        ReadinessRound.objects.filter(completed_at__isnull=False).select_related("workspace").order_by("number")
    ):
        latest[round.workspace_id] = round
    by_region: dict[str, list[RoundScores]] = defaultdict(list)
    everyone = []
    levels: dict[int, dict[str, int]] = defaultdict(dict)
    for round_id, question, level in (
        ReadinessRound.objects.filter(pk__in=[r.pk for r in latest.values()])
        .values_list("pk", "answers__question", "answers__level")
        .iterator()
    ):
        levels[round_id][question] = level
    for round in latest.values():
        scores = round_scores(levels[round.pk])
        by_region[round.workspace.region].append(scores)
        everyone.append(scores)

    def row(region, scored):
        means = {d.key: int(sum(s.of(d.key).score for s in scored) / len(scored) + 0.5) for d in DIMENSIONS}
        overall = int(sum(s.overall for s in scored) / len(scored) + 0.5)
        return RegionReadiness(region, len(scored), means, overall)

    rows = [row(region, scored) for region, scored in sorted(by_region.items()) if len(scored) >= min_agencies]
    held_back = sum(1 for scored in by_region.values() if len(scored) < min_agencies)
    if len(everyone) >= min_agencies:
        rows.append(row("", everyone))
    return rows, held_back
