"""The workspace's PDF report in the reader's language, made with the portal's PDF toolkit:
readiness (latest round beside the one before, with bars), each AI system's risks and
mitigations. Marked confidential to the workspace on every page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from portal.pdf.document import ACCENT, BOLD, MUTED, RULE, ShapedParagraph, build_pdf

from .exports import workspace_data
from .models import Workspace
from .selectors import readiness_of

RISK_COLOURS = {"low": "#d9eddf", "medium": "#fff1c2", "high": "#ffd8b0", "critical": "#f6c1c1"}


def _bar(score: int | None, width=45 * mm, colour=ACCENT) -> Drawing:
    drawing = Drawing(width, 4 * mm)
    drawing.add(
        Rect(0, 0.5 * mm, width, 3 * mm, fillColor=colors.HexColor("#f3f5f8"), strokeColor=RULE, strokeWidth=0.3)
    )
    if score:
        drawing.add(Rect(0, 0.5 * mm, width * score / 100, 3 * mm, fillColor=colour, strokeColor=None))
    return drawing


def _p(text, size=9.5, weight=None, color=None) -> ShapedParagraph:
    kwargs = {"size": size}
    if weight:
        kwargs["weight"] = weight
    if color is not None:
        kwargs["color"] = color
    return ShapedParagraph(str(text or ""), **kwargs)


def _table(rows, widths, header=True, backgrounds=()) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", cell, cell, colors.HexColor(colour)) for cell, colour in backgrounds]
    table.setStyle(TableStyle(style))
    return table


def _rules_text() -> list[str]:
    # The rules of scoring.py, as the results page states them, in the reader's language.
    return [
        _(
            "A dimension's score is the sum of its answered levels over the most they could reach "
            "(4 per question), as a percentage."
        ),
        _("The overall score is the mean of the dimension scores, each dimension weighing the same."),
        _(
            "A risk's level comes from likelihood × severity (1 to 25): 15 and above critical, "
            "10 to 14 high, 5 to 9 medium, below 5 low."
        ),
    ]


def workspace_report_pdf(workspace: Workspace) -> bytes:
    data = workspace_data(workspace)
    readiness = readiness_of(workspace)
    story = [
        _p(_("Responsible AI self-assessment"), size=20, weight=BOLD, color=ACCENT),
        _p(workspace.name, size=14, weight=BOLD),
        _p(f"{workspace.country.name} · {date_format(timezone.localdate(), 'DATE_FORMAT')}", color=MUTED),
        _p(_("Confidential: members of the %(agency)s workspace only") % {"agency": workspace.name}, weight=BOLD),
        Spacer(1, 6 * mm),
        _p(_("Readiness"), size=14, weight=BOLD),
    ]
    if readiness.scores is None:
        story.append(_p(_("No readiness round yet.")))
    else:
        current, previous = readiness.scores, readiness.previous_scores
        state = (
            _("complete")
            if current.complete
            else _("%(answered)s of %(questions)s questions answered")
            % {
                "answered": current.answered,
                "questions": current.questions,
            }
        )
        story.append(
            _p(
                _("Round %(n)s (%(state)s). Overall score: %(score)s.")
                % {
                    "n": readiness.round.number,
                    "state": state,
                    "score": "—" if current.overall is None else _("%(score)s%%") % {"score": current.overall},
                }
            )
        )
        header = [
            _p(_("Dimension"), weight=BOLD),
            _p(_("Score"), weight=BOLD),
            "",
            _p(_("Previous round"), weight=BOLD),
            _p(_("Change"), weight=BOLD),
        ]
        rows = [header]
        for score in current.dimensions:
            before = previous.of(score.key).score if previous else None
            change = readiness.delta.get(score.key)
            rows.append(
                [
                    _p(score.name),
                    _p("—" if score.score is None else _("%(score)s%%") % {"score": score.score}),
                    _bar(score.score),
                    _p("—" if before is None else _("%(score)s%%") % {"score": before}),
                    _p("—" if change is None else f"{change:+d}"),
                ]
            )
        story += [Spacer(1, 2 * mm), _table(rows, [50 * mm, 18 * mm, 48 * mm, 28 * mm, 18 * mm])]
    story += [Spacer(1, 4 * mm), _p(_("How the scores are counted"), size=11, weight=BOLD)]
    story += [_p(text, size=8.5, color=MUTED) for text in _rules_text()]
    story += [Spacer(1, 6 * mm), _p(_("AI systems"), size=14, weight=BOLD)]
    if not data["systems"]:
        story.append(_p(_("No AI system registered yet.")))
    for system in data["systems"]:
        story += [
            Spacer(1, 3 * mm),
            _p(system["name"], size=12, weight=BOLD),
            _p(f"{_('Stage')}: {system['stage_name']} · {_('Supplier')}: {system['supplier'] or '—'}", color=MUTED),
            _p(system["purpose"]),
        ]
        if system["ratings"]:
            rows = [
                [
                    _p(h, weight=BOLD)
                    for h in (_("Principle"), _("Affected group"), _("Likelihood"), _("Severity"), _("Risk"))
                ]
            ]
            backgrounds = []
            for n, r in enumerate(sorted(system["ratings"], key=lambda r: -r["likelihood"] * r["severity"]), start=1):
                rows.append(
                    [
                        _p(r["principle_name"]),
                        _p(r["group_name"]),
                        _p(r["likelihood"]),
                        _p(r["severity"]),
                        _p(r["level_name"]),
                    ]
                )
                backgrounds.append(((4, n), RISK_COLOURS[r["level"]]))
            story += [
                Spacer(1, 2 * mm),
                _table(rows, [38 * mm, 56 * mm, 22 * mm, 20 * mm, 26 * mm], backgrounds=backgrounds),
            ]
        if system["mitigations"]:
            rows = [[_p(h, weight=BOLD) for h in (_("Mitigation"), _("Owner"), _("Due"), _("Status"))]]
            rows += [
                [_p(m["action"]), _p(m["owner"]), _p(m["due_date"]), _p(m["status_name"])]
                for m in system["mitigations"]
            ]
            story += [Spacer(1, 2 * mm), _table(rows, [78 * mm, 38 * mm, 24 * mm, 22 * mm])]
    marking = _("Confidential")  # short: the header also holds the title
    return build_pdf(
        story, title=_("Responsible AI self-assessment — %(agency)s") % {"agency": workspace.name}, marking=marking
    )
