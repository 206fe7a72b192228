"""Page templates, styles, header and footer shared by every Liaison PDF.

``build_pdf`` lays out a story of flowables on A4 pages with the portal's header (name, document
title, the audience marking of restricted documents) and footer ("Page 2 of 7", date), in the
language that is active when it runs. ``ShapedParagraph`` is a flowable for text in any script.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from .fonts import BOLD, REGULAR, register_family
from .shaping import clean_text, draw_line, fit, shape_line, wrap

INK = colors.HexColor("#1b2a41")
ACCENT = colors.HexColor("#0b5cad")
MUTED = colors.HexColor("#5a6472")
RULE = colors.HexColor("#c9d2de")
ALERT = colors.HexColor("#a4262c")

MARGIN = 20 * mm


@dataclass
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    title: ParagraphStyle
    toc_levels: list[ParagraphStyle]


def styles() -> Styles:
    family = register_family()
    body = ParagraphStyle("body", fontName=family, fontSize=10.5, leading=15, textColor=INK, spaceAfter=6)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED)
    heading1 = ParagraphStyle("h1", parent=body, fontName=_bold_name(), fontSize=18, leading=23, spaceBefore=6)
    heading2 = ParagraphStyle("h2", parent=heading1, fontSize=14, leading=18, spaceBefore=12, spaceAfter=6)
    heading3 = ParagraphStyle("h3", parent=heading1, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("title", parent=heading1, fontSize=26, leading=32, textColor=ACCENT, spaceAfter=12)
    toc = [
        ParagraphStyle("toc1", parent=body, leftIndent=0, firstLineIndent=0, fontSize=11, leading=16),
        ParagraphStyle("toc2", parent=body, leftIndent=12 * mm, fontSize=10, leading=14),
    ]
    return Styles(body, small, heading1, heading2, heading3, title, toc)


def _bold_name() -> str:
    from .fonts import body_font_name

    return body_font_name(BOLD)


class ShapedParagraph(Flowable):
    """A paragraph of user-supplied text in any script: shaped, bidirectional, wrapped.

    Right-to-left text is aligned right; ``align`` may force "left", "right" or "center".
    """

    def __init__(
        self,
        text: str,
        size: float = 10.5,
        weight: str = REGULAR,
        leading: float | None = None,
        color=INK,
        align: str | None = None,
        space_after: float = 4,
    ):
        super().__init__()
        self.text = clean_text(text)
        self.size = size
        self.weight = weight
        self.leading = leading or size * 1.35
        self.color = color
        self.align = align
        self.space_after = space_after
        self._lines = []

    def wrap(self, available_width, available_height):
        self._width = available_width
        self._lines = wrap(self.text, self.size, available_width, self.weight)
        self.height = len(self._lines) * self.leading
        return available_width, self.height

    def getSpaceAfter(self):
        return self.space_after

    def split(self, available_width, available_height):
        lines_fit = int(available_height // self.leading)
        self.wrap(available_width, available_height)
        if lines_fit <= 0 or lines_fit >= len(self._lines):
            return []
        head = " ".join(line.text for line in self._lines[:lines_fit])
        tail = " ".join(line.text for line in self._lines[lines_fit:])
        kwargs = {
            "size": self.size,
            "weight": self.weight,
            "leading": self.leading,
            "color": self.color,
            "align": self.align,
            "space_after": self.space_after,
        }
        return [ShapedParagraph(head, **kwargs), ShapedParagraph(tail, **kwargs)]

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(self.color)
        y = self.height - self.size
        for line in self._lines:
            align = self.align or ("right" if line.rtl else "left")
            x = {"left": 0, "right": self._width - line.width, "center": (self._width - line.width) / 2}[align]
            draw_line(canvas, line, x, y)
            y -= self.leading


def draw_text(
    canvas, text: str, x: float, y: float, size: float, weight: str = REGULAR, align: str = "left", color=INK
) -> float:
    """Draw one line of text (any script); returns its width. ``x`` is the left, right or centre."""
    line = shape_line(clean_text(text), size, weight)
    canvas.setFillColor(color)
    offset = {"left": 0, "right": line.width, "center": line.width / 2}[align]
    draw_line(canvas, line, x - offset, y)
    return line.width


def draw_fitted(
    canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    min_size: float,
    max_lines: int = 2,
    weight: str = REGULAR,
    color=INK,
    align: str = "center",
) -> float:
    """Draw text shrunk (and if need be wrapped) to fit ``width``; ``y`` is the top line's baseline.

    Returns the height used.
    """
    lines, used = fit(text, width, size, min_size, max_lines=max_lines, weight=weight)
    canvas.setFillColor(color)
    leading = used * 1.15
    for index, line in enumerate(lines):
        offset = {"left": 0, "right": width - line.width, "center": (width - line.width) / 2}[align]
        draw_line(canvas, line, x + offset, y - index * leading)
    return len(lines) * leading


class NumberedCanvas(Canvas):
    """A canvas that knows the page count when it draws each footer ("Page 2 of 7")."""

    def __init__(self, *args, decorate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []
        self._decorate = decorate

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            if self._decorate:
                self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


class PortalDocTemplate(BaseDocTemplate):
    """A4 portrait; the table of contents (if any) is filled from headings marked ``toc_level``."""

    def __init__(self, buffer, *, title: str, **kwargs):
        super().__init__(buffer, pagesize=A4, title=title, author="Liaison", creator="Liaison", **kwargs)
        frame = Frame(MARGIN, MARGIN + 8 * mm, A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - 18 * mm, id="body")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            text = getattr(flowable, "toc_text", None) or flowable.getPlainText()
            key = f"toc-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)
            self.notify("TOCEntry", (level, text, self.page, key))


def _decorator(title: str, marking: str | None, generated: str):
    def decorate(canvas, page: int, total: int):
        width, height = A4
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        top = height - MARGIN + 4 * mm
        draw_text(canvas, "Liaison", MARGIN, top, 9, weight=BOLD, color=ACCENT)
        # A long title is shrunk to the middle of the header, clear of the name and the marking.
        middle = width - 2 * MARGIN - 90 * mm
        draw_fitted(canvas, title, (width - middle) / 2, top, middle, 8.5, 6, max_lines=1, color=MUTED)
        if marking:
            draw_text(canvas, marking, width - MARGIN, top, 8.5, weight=BOLD, align="right", color=ALERT)
        canvas.line(MARGIN, top - 3 * mm, width - MARGIN, top - 3 * mm)
        bottom = MARGIN - 2 * mm
        canvas.line(MARGIN, bottom + 5 * mm, width - MARGIN, bottom + 5 * mm)
        draw_text(canvas, generated, MARGIN, bottom, 8, color=MUTED)
        draw_text(
            canvas,
            _("Page %(page)d of %(total)d") % {"page": page, "total": total},
            width - MARGIN,
            bottom,
            8,
            align="right",
            color=MUTED,
        )
        canvas.restoreState()

    return decorate


def table_of_contents() -> TableOfContents:
    toc = TableOfContents()
    toc.levelStyles = styles().toc_levels
    toc.dotsMinLevel = 0
    return toc


def build_pdf(story: Iterable[Flowable], *, title: str, marking: str | None = None, multi_pass: bool = False) -> bytes:
    """Lay out ``story`` with the portal's page template and return the PDF bytes.

    ``marking`` (e.g. "Delegates only") is printed on every page of restricted documents;
    ``multi_pass`` is needed when the story holds a table of contents.
    """
    buffer = io.BytesIO()
    doc = PortalDocTemplate(buffer, title=clean_text(title))
    generated = _("Generated on %(date)s") % {"date": date_format(timezone.localdate(), "DATE_FORMAT")}
    decorate = _decorator(title, marking, generated)

    def canvasmaker(*args, **kwargs):
        return NumberedCanvas(*args, decorate=decorate, **kwargs)

    story = list(story)
    if multi_pass:
        doc.multiBuild(story, canvasmaker=canvasmaker)
    else:
        doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


__all__ = [
    "ACCENT",
    "INK",
    "MUTED",
    "RULE",
    "ShapedParagraph",
    "build_pdf",
    "draw_fitted",
    "draw_text",
    "styles",
    "table_of_contents",
]
