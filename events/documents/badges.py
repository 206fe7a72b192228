"""Badges: one per delegate (A6) or as A4 sheets of four with crop marks, each with its QR code."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from portal.pdf.document import ACCENT, INK, MUTED, draw_fitted, draw_text
from portal.pdf.fonts import BOLD
from portal.pdf.qr import draw_qr

from .data import BadgeData

BADGE_WIDTH = 90 * mm
BADGE_HEIGHT = 128 * mm
SHEET_COLUMNS = 2
SHEET_ROWS = 2
PER_SHEET = SHEET_COLUMNS * SHEET_ROWS
CROP_LENGTH = 5 * mm
CROP_GAP = 1.5 * mm
GUTTER = 14 * mm  # room for the crop marks of two neighbouring badges

ROLE_COLOURS = {
    "head": colors.HexColor("#7a1f5c"),
    "delegate": ACCENT,
    "speaker": colors.HexColor("#1f6b3a"),
    "observer": colors.HexColor("#5a6472"),
}


def draw_badge(canvas: Canvas, x: float, y: float, badge: BadgeData, role_key: str = "delegate") -> None:
    """Draw one badge with its lower-left corner at (x, y)."""
    w, h = BADGE_WIDTH, BADGE_HEIGHT
    pad = 5 * mm
    inner = w - 2 * pad
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#c9d2de"))
    canvas.setLineWidth(0.4)
    canvas.rect(x, y, w, h, stroke=1, fill=0)
    # Header band: the week.
    band = 20 * mm
    canvas.setFillColor(ACCENT)
    canvas.rect(x, y + h - band, w, band, stroke=0, fill=1)
    draw_text(canvas, "Liaison", x + pad, y + h - 7 * mm, 9, weight=BOLD, color=colors.white)
    draw_fitted(
        canvas, badge.week, x + pad, y + h - 12.5 * mm, inner, 9, 6, max_lines=1, color=colors.white, align="left"
    )
    draw_fitted(
        canvas,
        badge.week_dates,
        x + pad,
        y + h - 17 * mm,
        inner,
        7.5,
        5.5,
        max_lines=1,
        color=colors.white,
        align="left",
    )
    # The person.
    top = y + h - band - 13 * mm
    used = draw_fitted(canvas, badge.name, x + pad, top, inner, 22, 11, max_lines=2, weight=BOLD, color=INK)
    top -= used + 2 * mm
    draw_fitted(canvas, badge.country, x + pad, top, inner, 13, 8, max_lines=1, color=INK)
    top -= 5.5 * mm
    if badge.bureau:
        draw_fitted(canvas, badge.bureau, x + pad, top, inner, 9, 6, max_lines=1, color=MUTED)
        top -= 6 * mm
    # Role strip.
    canvas.setFillColor(ROLE_COLOURS.get(role_key, ACCENT))
    canvas.rect(x, top - 3 * mm, w, 8 * mm, stroke=0, fill=1)
    draw_fitted(canvas, badge.role.upper(), x + pad, top, inner, 11, 7, max_lines=1, weight=BOLD, color=colors.white)
    top -= 10 * mm
    # Events and roundtable.
    if badge.events:
        draw_text(canvas, _("Events"), x + pad, top, 7, weight=BOLD, color=MUTED)
        top -= 3.8 * mm
        shown = badge.events[:3]
        for name in shown:
            draw_fitted(canvas, name, x + pad, top, inner, 7.5, 5.5, max_lines=1, color=INK, align="left")
            top -= 3.5 * mm
        if len(badge.events) > len(shown):
            more = len(badge.events) - len(shown)
            draw_text(canvas, _("and %(count)d more") % {"count": more}, x + pad, top, 7, color=MUTED)
            top -= 3.5 * mm
    for table in badge.roundtables[:1]:
        top -= 1 * mm
        draw_text(canvas, _("Roundtable"), x + pad, top, 7, weight=BOLD, color=MUTED)
        top -= 3.8 * mm
        draw_fitted(canvas, table, x + pad, top, inner, 7.5, 5.5, max_lines=2, color=INK, align="left")
    # QR code with the signed payload (read offline by the desk), and the code in clear for typing.
    qr_size = 30 * mm
    draw_qr(canvas, badge.qr or badge.code, x + pad - 2 * mm, y + 8 * mm, qr_size)
    draw_text(canvas, badge.code, x + pad + qr_size / 2 - 2 * mm, y + 4.5 * mm, 9, weight=BOLD, align="center")
    draw_fitted(
        canvas,
        _("Show this code at the check-in desk."),
        x + pad + qr_size + 1 * mm,
        y + 24 * mm,
        inner - qr_size - 1 * mm,
        7,
        5.5,
        max_lines=3,
        color=MUTED,
        align="left",
    )
    canvas.restoreState()


def _crop_marks(canvas: Canvas, x: float, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.25)
    for cx in (x, x + BADGE_WIDTH):
        for cy in (y, y + BADGE_HEIGHT):
            dx = -1 if cx == x else 1
            dy = -1 if cy == y else 1
            canvas.line(cx + dx * CROP_GAP, cy, cx + dx * (CROP_GAP + CROP_LENGTH), cy)
            canvas.line(cx, cy + dy * CROP_GAP, cx, cy + dy * (CROP_GAP + CROP_LENGTH))
    canvas.restoreState()


def _canvas(buffer, pagesize, title: str) -> Canvas:
    canvas = Canvas(buffer, pagesize=pagesize)
    canvas.setTitle(title)
    canvas.setAuthor("Liaison")
    canvas.setCreator("Liaison")
    return canvas


def badge_pdf(badge: BadgeData, role_key: str) -> bytes:
    """One badge centred on an A6 page, with crop marks."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, A6, _("Badge — %(name)s") % {"name": badge.name})
    x = (A6[0] - BADGE_WIDTH) / 2
    y = (A6[1] - BADGE_HEIGHT) / 2
    draw_badge(canvas, x, y, badge, role_key)
    _crop_marks(canvas, x, y)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def badge_sheets(badges: Iterable[tuple[BadgeData, str]], out, title: str, progress=None) -> int:
    """Write A4 sheets of four badges with crop marks to ``out``; returns the number of badges."""
    canvas = _canvas(out, A4, title)
    margin_x = (A4[0] - SHEET_COLUMNS * BADGE_WIDTH - (SHEET_COLUMNS - 1) * GUTTER) / 2
    margin_y = (A4[1] - SHEET_ROWS * BADGE_HEIGHT - (SHEET_ROWS - 1) * GUTTER) / 2
    count = 0
    for badge, role_key in badges:
        slot = count % PER_SHEET
        if slot == 0 and count:
            canvas.showPage()
        column, row = slot % SHEET_COLUMNS, slot // SHEET_COLUMNS
        x = margin_x + column * (BADGE_WIDTH + GUTTER)
        y = A4[1] - margin_y - (row + 1) * BADGE_HEIGHT - row * GUTTER
        draw_badge(canvas, x, y, badge, role_key)
        _crop_marks(canvas, x, y)
        count += 1
        if progress:
            progress(count)
    if count == 0:
        draw_text(canvas, _("No approved delegates to print badges for."), A4[0] / 2, A4[1] / 2, 14, align="center")
    canvas.showPage()
    canvas.save()
    return count
