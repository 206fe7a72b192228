"""Lines of text in any script: font fallback, HarfBuzz shaping, bidirectional order, drawing.

A line is split into runs (one face, one bidi level), each run shaped by HarfBuzz, and the runs
put in visual order by the Unicode bidirectional algorithm (levels resolved by python-bidi, then
reversed level by level, rule L2). Glyphs are written to the PDF in
logical order at their visual positions, and every glyph's ToUnicode entry names the characters
it came from, so extracted text reads in logical order with the original characters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache

import uharfbuzz as hb
from bidi import algorithm as bidi_algorithm

from .fonts import REGULAR, REPLACEMENT, face_for, font, font_data, loaded_face

ZERO_WIDTH_JOINERS = {"\u200c", "\u200d"}
FEATURES = {"kern": True, "liga": True}
_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str | None) -> str:
    """Printable text on one line: control and format characters dropped, spaces collapsed."""
    if not text:
        return ""
    kept = []
    for char in str(text):
        category = unicodedata.category(char)
        if char in ZERO_WIDTH_JOINERS:
            kept.append(char)
        elif category in ("Cc", "Zl", "Zp") or char in "\t\n\r":
            kept.append(" ")
        elif category in ("Cf", "Cs", "Co", "Cn"):
            continue  # bidi overrides, surrogates, private use, unassigned: never drawn
        else:
            kept.append(char)
    return _WHITESPACE.sub(" ", "".join(kept)).strip()


def _direction(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "rtl"
    if kind in ("L", "EN", "AN"):
        return "ltr"
    return None


def base_direction(text: str) -> str:
    """The paragraph direction: that of the first strong character (left to right if none)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@dataclass
class Run:
    face: str
    weight: str
    text: str
    rtl: bool
    size: float
    # (glyph id, cluster, x advance, x offset, y offset) in visual order, in points
    glyphs: list[tuple[int, int, float, float, float]] = field(default_factory=list)
    width: float = 0.0
    level: int = 0
    codes: list | None = None


@dataclass
class Line:
    text: str
    size: float
    runs: list[Run]
    width: float
    rtl: bool


@cache
def _hb_font(face: str, weight: str) -> tuple[hb.Font, int]:
    blob = hb.Blob(font_data(face, weight))
    hb_face = hb.Face(blob, loaded_face(face).face.subfont_index)
    return hb.Font(hb_face), hb_face.upem


_hb_lock = threading.Lock()


def bidi_levels(text: str) -> list[int]:
    """The embedding level of each character by the Unicode bidirectional algorithm (UAX #9:
    explicit, weak, neutral and implicit rules), from python-bidi; odd levels are right to left.
    Only the levels come from it: shaping (HarfBuzz), font fallback and drawing stay ours."""
    storage = bidi_algorithm.get_empty_storage()
    base_level = bidi_algorithm.get_base_level(text)
    storage["base_level"], storage["base_dir"] = base_level, ("L", "R")[base_level]
    bidi_algorithm.get_embedding_levels(text, storage)
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def _itemise(text: str) -> list[tuple[str, int, str]]:
    """(face, bidi level, text) pieces in logical order."""
    faces: list[str] = []
    previous = None
    chars = []
    for char in text:
        category = unicodedata.category(char)
        joins_previous = category.startswith("M") or char in ZERO_WIDTH_JOINERS
        neutral = _direction(char) is None
        if previous is not None and (joins_previous or neutral):
            face = face_for(char, preferred=previous) if not joins_previous else previous
        else:
            face = face_for(char)
        if face is None:
            char, face = REPLACEMENT, "sans"
        chars.append(char)
        faces.append(face)
        previous = face
    text = "".join(chars)
    pieces: list[tuple[str, int, str]] = []
    for char, face, level in zip(text, faces, bidi_levels(text), strict=True):
        if pieces and pieces[-1][0] == face and pieces[-1][1] == level:
            pieces[-1] = (face, level, pieces[-1][2] + char)
        else:
            pieces.append((face, level, char))
    return pieces


def _shape(run: Run) -> None:
    hb_font, upem = _hb_font(run.face, run.weight)
    scale = run.size / upem
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(run.text)
    buf.direction = "rtl" if run.rtl else "ltr"
    buf.guess_segment_properties()
    with _hb_lock:  # a HarfBuzz font object is not safe to share between threads while shaping
        hb.shape(hb_font, buf, FEATURES)
    glyphs = []
    width = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        advance = pos.x_advance * scale
        glyphs.append((info.codepoint, info.cluster, advance, pos.x_offset * scale, pos.y_offset * scale))
        width += advance
    run.glyphs = glyphs
    run.width = width


def _visual_order(runs: list[Run], base_rtl: bool) -> list[Run]:
    """Reverse runs level by level (UAX #9 rule L2), from the highest level to the lowest odd one."""
    ordered = list(runs)
    highest = max((r.level for r in ordered), default=0)
    lowest_odd = min((r.level for r in ordered if r.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(ordered):
            if ordered[i].level >= level:
                j = i
                while j < len(ordered) and ordered[j].level >= level:
                    j += 1
                ordered[i:j] = reversed(ordered[i:j])
                i = j
            else:
                i += 1
    return ordered


@lru_cache(maxsize=8192)
def shape_line(text: str, size: float, weight: str = REGULAR) -> Line:
    """Shape one line of (already cleaned) text at ``size`` points (cached: treat it as read-only)."""
    pieces = _itemise(text)
    base_rtl = base_direction(text) == "rtl"
    runs = [Run(face=f, weight=weight, text=t, rtl=level % 2 == 1, size=size, level=level) for f, level, t in pieces]
    for run in runs:
        _shape(run)
    ordered = _visual_order(runs, base_rtl)
    return Line(text=text, size=size, runs=ordered, width=sum(r.width for r in runs), rtl=base_rtl)


def text_width(text: str, size: float, weight: str = REGULAR) -> float:
    return shape_line(text, size, weight).width


def _cluster_texts(run: Run) -> dict[int, str]:
    starts = sorted({g[1] for g in run.glyphs})
    bounds = [*starts[1:], len(run.text)]
    return {start: run.text[start:end] for start, end in zip(starts, bounds, strict=True)}


def _glyph_codes(run: Run) -> list[tuple[int, float, float, int]]:
    """(character code, x from run start, y offset, glyph index) in logical order."""
    if run.codes is None:
        run.codes = _compute_codes(run)
    return run.codes


def _compute_codes(run: Run) -> list[tuple[int, float, float, int]]:
    ttf = font(run.face, run.weight)
    texts = _cluster_texts(run)
    placed = []
    pen = 0.0
    for index, (gid, cluster, advance, x_offset, y_offset) in enumerate(run.glyphs):
        placed.append((index, cluster, pen + x_offset, y_offset, gid))
        pen += advance
    logical = list(reversed(placed)) if run.rtl else placed
    seen: set[int] = set()
    codes = []
    for index, cluster, x, y, gid in logical:
        text = texts.get(cluster, "") if cluster not in seen else ""
        seen.add(cluster)
        codes.append((ttf.code_for(gid, text), x, y, index))
    return codes


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def draw_line(canvas, line: Line, x: float, y: float) -> None:
    """Write the line's glyphs with their left edge at ``x`` and baseline at ``y``."""
    doc = canvas._doc
    ops = ["BT"]
    run_x = x
    for run in line.runs:
        ttf = font(run.face, run.weight)
        codes = _glyph_codes(run)
        if not codes:
            run_x += run.width
            continue
        text = "".join(chr(code) for code, _x, _y, _i in codes)
        # Where glyphs and characters do not pair one to one (Devanagari conjuncts and reordered
        # vowel signs), the run says what it spells so copy and extraction get the words whole.
        # (Not for right-to-left runs: readers reorder those glyph by glyph from their positions.)
        actual = not run.rtl and any(ttf.aliases.get(code) == "" for code, _x, _y, _i in codes)
        if actual:
            ops.append(f"/Span <</ActualText <FEFF{run.text.encode('utf-16-be').hex().upper()}>>> BDC")
        position = 0
        for subset, chunk in ttf.splitString(text, doc):
            name = ttf.getSubsetInternalName(subset, doc)
            ops.append(f"{name} {_fmt(run.size)} Tf")
            segment: list[str] = []
            pen = None
            current_y = None
            for byte in chunk:
                code, gx, gy, _index = codes[position]
                position += 1
                target = run_x + gx
                if pen is None or gy != current_y:
                    if segment:
                        ops.append(f"[{''.join(segment)}] TJ")
                        segment = []
                    ops.append(f"1 0 0 1 {_fmt(target)} {_fmt(y + gy)} Tm")
                    current_y = gy
                else:
                    shift = (pen - target) * 1000 / run.size
                    if abs(shift) > 0.001:
                        segment.append(f" {_fmt(shift)} ")
                segment.append(f"<{byte:02X}>")
                pen = target + ttf.face.charWidths.get(code, ttf.face.defaultWidth) * run.size / 1000
            if segment:
                ops.append(f"[{''.join(segment)}] TJ")
        if actual:
            ops.append("EMC")
        run_x += run.width
    ops.append("ET")
    canvas._code.append("\n".join(ops))


def wrap(text: str, size: float, width: float, weight: str = REGULAR) -> list[Line]:
    """Break text into lines no wider than ``width`` (long words are cut where they must be)."""
    words = clean_text(text).split(" ")
    if words == [""]:
        return []
    space = text_width(" ", size, weight) or size * 0.25
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word in words:
        word_width = text_width(word, size, weight)
        pieces = [word] if word_width <= width else _split_word(word, size, width, weight)
        for piece in pieces:
            piece_width = word_width if piece is word else text_width(piece, size, weight)
            extra = piece_width + (space if current else 0)
            if current and current_width + extra > width:
                lines.append(" ".join(current))
                current, current_width = [piece], piece_width
            else:
                current.append(piece)
                current_width += extra
    if current:
        lines.append(" ".join(current))
    return [shape_line(line, size, weight) for line in lines]


def _split_word(word: str, size: float, width: float, weight: str) -> list[str]:
    """Cut an over-long word between characters (never inside a character and its marks)."""
    pieces, current = [], ""
    for char in word:
        candidate = current + char
        attach = unicodedata.category(char).startswith("M") or char in ZERO_WIDTH_JOINERS
        if current and not attach and text_width(candidate, size, weight) > width:
            pieces.append(current)
            current = char
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def fit(text: str, width: float, size: float, min_size: float, max_lines: int = 2, weight: str = REGULAR):
    """The biggest size (down to ``min_size``) at which ``text`` fits in ``max_lines`` lines.

    Returns (lines, size). Text too long even then is cut with an ellipsis on the last line.
    """
    text = clean_text(text)
    if not text:
        return [], size
    step = max(0.5, size / 20)
    for lines_allowed in range(1, max_lines + 1):
        current = size
        while current >= min_size:
            lines = wrap(text, current, width, weight)
            if len(lines) <= lines_allowed:
                return lines, current
            current -= step
    lines = wrap(text, min_size, width, weight)[:max_lines]
    last = lines[-1].text
    while last and text_width(last + "…", min_size, weight) > width:
        last = last[:-1].rstrip()
    lines[-1] = shape_line(last + "…", min_size, weight)
    return lines, min_size
