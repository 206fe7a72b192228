"""Readiness rounds: start one, answer it a dimension at a time (saved as you go), read its
scores beside the round before."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import member_required
from ..forms import dimension_form
from ..models import ReadinessRound
from ..scoring import band, round_scores
from ..selectors import readiness_of, rounds_of
from ..services import WorkspaceError, answers_save, round_start
from ..toolkit import BANDS, DIMENSION_BY_KEY, DIMENSIONS, LEVEL_HELP, LEVELS
from .workspaces import readiness_chart


@member_required(audit="readiness rounds")
def rounds(request, slug):
    listed = []
    for round in rounds_of(request.workspace).prefetch_related("answers"):
        scores = round_scores({a.question: a.level for a in round.answers.all()})
        listed.append({"round": round, "scores": scores, "band": band(scores.overall)})
    return render(request, "assessments/rounds.html", {"workspace": request.workspace, "rounds": listed})


@require_POST
@member_required()
def round_start_view(request, slug):
    try:
        new = round_start(workspace=request.workspace, by=request.user, request=request)
    except WorkspaceError as error:
        messages.error(request, error.message)
        return redirect("assessments:rounds", slug)
    return redirect("assessments:round", slug, new.number)


def _round(workspace, number) -> ReadinessRound:
    found = workspace.rounds.filter(number=number).first()
    if found is None:
        raise Http404
    return found


@member_required(audit="readiness questionnaire")
def round_detail(request, slug, number):
    """GET ?dimension=KEY: that dimension's questions (the first not fully answered by default).
    POST: save what was answered; JSON when asked by the autosave script."""
    round = _round(request.workspace, number)
    saved = {a.question: (a.level, a.note) for a in round.answers.all()}
    key = request.POST.get("dimension") or request.GET.get("dimension")
    if key not in DIMENSION_BY_KEY:
        key = next((d.key for d in DIMENSIONS if any(q.key not in saved for q in d.questions)), DIMENSIONS[0].key)
    dimension = DIMENSION_BY_KEY[key]
    wants_json = "application/json" in request.headers.get("Accept", "")
    if request.method == "POST":
        form = dimension_form(dimension, answers=saved, data=request.POST)
        if form.is_valid():
            answers = {
                q.key: {"level": form.cleaned_data[q.key], "note": form.cleaned_data[f"{q.key}.note"]}
                for q in dimension.questions
                if form.cleaned_data.get(q.key) is not None
            }
            try:
                answers_save(round=round, by=request.user, answers=answers, request=request)
            except WorkspaceError as error:
                if wants_json:
                    return JsonResponse({"error": error.message}, status=400)
                form.add_error(None, error.message)
            else:
                answered = round.answers.count()
                if wants_json:
                    answer = {"saved": len(answers), "answered": answered, "complete": bool(round.completed_at)}
                    if round.completed_at:  # the script goes on to the scores, as the button would
                        answer["next"] = reverse("assessments:results", args=[slug, round.number])
                    return JsonResponse(answer)
                if round.completed_at:
                    messages.success(request, _("Round %(n)s is complete.") % {"n": round.number})
                    return redirect("assessments:results", slug, round.number)
                following = _next_dimension(key)
                target = reverse("assessments:round", args=[slug, round.number])
                if following and "save_next" in request.POST:
                    target += f"?dimension={following}"
                else:
                    target += f"?dimension={key}"
                messages.success(request, _("Saved."))
                return redirect(target)
        elif wants_json:
            return JsonResponse({"error": _("Check the answers: some are not on the scale.")}, status=400)
    else:
        form = dimension_form(dimension, answers=saved)
    progress = [
        {"dimension": d, "answered": sum(1 for q in d.questions if q.key in saved), "questions": len(d.questions)}
        for d in DIMENSIONS
    ]
    return render(
        request,
        "assessments/round.html",
        {
            "workspace": request.workspace,
            "round": round,
            "dimension": dimension,
            "form": form,
            "fields": [(form[q.key], form[f"{q.key}.note"]) for q in dimension.questions],
            "progress": progress,
            "answered": len(saved),
            "questions": sum(len(d.questions) for d in DIMENSIONS),
            "levels": [(level, name, LEVEL_HELP[level]) for level, name in LEVELS],
            "next_dimension": _next_dimension(key),
        },
    )


def _next_dimension(key: str) -> str | None:
    keys = [d.key for d in DIMENSIONS]
    index = keys.index(key)
    return keys[index + 1] if index + 1 < len(keys) else None


@member_required(audit="readiness results")
def results(request, slug, number):
    round = _round(request.workspace, number)
    readiness = readiness_of(request.workspace, number=round.number)
    return render(
        request,
        "assessments/results.html",
        {
            "workspace": request.workspace,
            "readiness": readiness,
            "band": band(readiness.scores.overall),
            "chart": readiness_chart(readiness),
            "comparison": [
                {
                    "name": score.name,
                    "before": readiness.previous_scores.of(score.key).score,
                    "now": score.score,
                    "change": readiness.delta.get(score.key),
                }
                for score in readiness.scores.dimensions
            ]
            if readiness.previous
            else [],
            "bands": [(floor, name) for floor, name in BANDS],
        },
    )
