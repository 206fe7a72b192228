"""An agency's assessments as data (JSON) and as a workbook (XLSX), labels in the active language."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.spreadsheets import xlsx_bytes

from .models import Workspace
from .scoring import band, risk_level_name, round_scores
from .toolkit import AFFECTED_GROUPS, DIMENSIONS, LEVELS, PRINCIPLE_BY_KEY, STAGES


def workspace_data(workspace: Workspace) -> dict:
    levels = dict(LEVELS)
    groups = dict(AFFECTED_GROUPS)
    stages = dict(STAGES)
    rounds = []
    for round in workspace.rounds.order_by("number").prefetch_related("answers"):
        answers = {a.question: a for a in round.answers.all()}
        scores = round_scores({k: a.level for k, a in answers.items()})
        rounds.append(
            {
                "round": round.number,
                "started_at": round.started_at.isoformat(),
                "completed_at": round.completed_at.isoformat() if round.completed_at else None,
                "overall": scores.overall,
                "band": band(scores.overall),
                "dimensions": [
                    {"key": d.key, "name": d.name, "score": d.score, "answered": d.answered, "questions": d.questions}
                    for d in scores.dimensions
                ],
                "answers": [
                    {
                        "question": q.key,
                        "dimension": dimension.key,
                        "text": str(q.text),
                        "level": answers[q.key].level,
                        "level_name": str(levels[answers[q.key].level]),
                        "note": answers[q.key].note,
                    }
                    for dimension in DIMENSIONS
                    for q in dimension.questions
                    if q.key in answers
                ],
            }
        )
    systems = []
    for system in workspace.systems.prefetch_related("ratings", "mitigations__owner", "mitigations__rating"):
        systems.append(
            {
                "id": system.pk,
                "name": system.name,
                "purpose": system.purpose,
                "data": system.data,
                "supplier": system.supplier,
                "stage": system.stage,
                "stage_name": str(stages[system.stage]),
                "ratings": [
                    {
                        "principle": r.principle,
                        "principle_name": str(PRINCIPLE_BY_KEY[r.principle].name),
                        "group": r.group,
                        "group_name": str(groups[r.group]),
                        "likelihood": r.likelihood,
                        "severity": r.severity,
                        "level": r.level,
                        "level_name": risk_level_name(r.level),
                        "note": r.note,
                    }
                    for r in system.ratings.all()
                ],
                "mitigations": [
                    {
                        "id": m.pk,
                        "action": m.action,
                        "owner": (m.owner.get_full_name() or m.owner.email) if m.owner else "",
                        "due_date": m.due_date.isoformat(),
                        "status": m.status,
                        "status_name": str(m.get_status_display()),
                        "done_at": m.done_at.isoformat() if m.done_at else None,
                        "risk": f"{m.rating.principle}/{m.rating.group}" if m.rating else None,
                    }
                    for m in system.mitigations.all()
                ],
            }
        )
    return {
        "workspace": {"name": workspace.name, "country": str(workspace.country), "region": workspace.region},
        "language": get_language(),
        "generated_at": timezone.now().isoformat(),
        "readiness": rounds,
        "systems": systems,
    }


def workspace_xlsx(workspace: Workspace) -> bytes:
    data = workspace_data(workspace)
    dimension_names = [str(d.name) for d in DIMENSIONS]
    scores = (
        [r["round"], r["completed_at"] or "", r["overall"] if r["overall"] is not None else ""]
        + [d["score"] if d["score"] is not None else "" for d in r["dimensions"]]
        for r in data["readiness"]
    )
    answers = (
        [r["round"], a["dimension"], a["text"], a["level"], a["level_name"], a["note"]]
        for r in data["readiness"]
        for a in r["answers"]
    )
    systems = ([s["name"], s["stage_name"], s["supplier"], s["purpose"], s["data"]] for s in data["systems"])
    risks = (
        [s["name"], r["principle_name"], r["group_name"], r["likelihood"], r["severity"], r["level_name"], r["note"]]
        for s in data["systems"]
        for r in s["ratings"]
    )
    mitigations = (
        [s["name"], m["action"], m["owner"], m["due_date"], m["status_name"]]
        for s in data["systems"]
        for m in s["mitigations"]
    )
    return xlsx_bytes(
        [
            (_("Readiness"), [_("Round"), _("Completed"), _("Overall"), *dimension_names], scores),
            (_("Answers"), [_("Round"), _("Dimension"), _("Question"), _("Level"), _("Answer"), _("Note")], answers),
            (_("AI systems"), [_("Name"), _("Stage"), _("Supplier"), _("Purpose"), _("Data")], systems),
            (
                _("Risks"),
                [
                    _("AI system"),
                    _("Principle"),
                    _("Affected group"),
                    _("Likelihood"),
                    _("Severity"),
                    _("Risk"),
                    _("Why"),
                ],
                risks,
            ),
            (_("Mitigations"), [_("AI system"), _("Action"), _("Owner"), _("Due"), _("Status")], mitigations),
        ]
    )
