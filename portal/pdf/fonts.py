"""The fonts every PDF uses: Unicode TrueType faces shipped as wheels, and the fallback chain.

The faces come from two PyPI packages installed with the project (no system fonts, no root):
``manimgx-fonts`` (Noto Sans and the Noto faces for Arabic, Hebrew, Devanagari and twenty other
scripts, variable weight) and ``paperang-p2-fonts-cjk`` (WenQuanYi Micro Hei, TrueType outlines
for Chinese, Japanese kana and Korean Hangul — reportlab cannot embed the CFF outlines of Noto CJK).

Variable faces carry their regular weight as the default instance. Bold instances are made once
with fontTools and cached under ``var/fonts``; a face that cannot be made bold stays regular.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from fontTools.ttLib import TTLibError
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

REGULAR = "regular"
BOLD = "bold"


@dataclass(frozen=True)
class Face:
    """One font file in the fallback chain."""

    key: str
    package: str
    filename: str
    subfont_index: int = 0
    variable: bool = True


# Order is the fallback chain: the first face that has a glyph for a character draws it.
FACES: tuple[Face, ...] = (
    Face("sans", "manimgx_fonts", "NotoSans[wght].ttf"),
    Face("arabic", "manimgx_fonts", "NotoSansArabic[wght].ttf"),
    Face("hebrew", "manimgx_fonts", "NotoSansHebrew[wght].ttf"),
    Face("devanagari", "manimgx_fonts", "NotoSansDevanagari[wght].ttf"),
    Face("bengali", "manimgx_fonts", "NotoSansBengali[wght].ttf"),
    Face("tamil", "manimgx_fonts", "NotoSansTamil[wght].ttf"),
    Face("telugu", "manimgx_fonts", "NotoSansTelugu[wght].ttf"),
    Face("thai", "manimgx_fonts", "NotoSansThai[wght].ttf"),
    Face("georgian", "manimgx_fonts", "NotoSansGeorgian[wght].ttf"),
    Face("armenian", "manimgx_fonts", "NotoSansArmenian[wght].ttf"),
    Face("ethiopic", "manimgx_fonts", "NotoSansEthiopic[wght].ttf"),
    Face("khmer", "manimgx_fonts", "NotoSansKhmer[wght].ttf"),
    Face("cjk", "paperang_p2_fonts_cjk", "fonts/wqy-microhei.ttc", variable=False),
    Face("symbols", "manimgx_fonts", "NotoSansSymbols[wght].ttf"),
)

# Characters no face has are drawn as this (from the first face) rather than as an empty box.
REPLACEMENT = "?"


class PortalTTFont(TTFont):
    """A reportlab TrueType font that can draw any glyph, with the right text behind it.

    Shaped text uses glyphs that have no character of their own (Arabic joining forms,
    Devanagari conjuncts, ligatures). Each such (glyph, text) pair gets a private-use code; the
    PDF's ToUnicode map then says which text that code stands for, so copying or extracting the
    text gives back the original characters rather than private-use codes.
    """

    _PRIVATE_START = 0xF0000  # Supplementary Private Use Area-A: never a real character

    def __init__(self, name: str, path: str, subfont_index: int = 0):
        super().__init__(name, path, subfontIndex=subfont_index, shapable=False)
        self.aliases: dict[int, str] = {}
        self._alias_of: dict[tuple[int, str], int] = {}
        self._next_private = self._PRIVATE_START
        self._lock = threading.Lock()

    def code_for(self, gid: int, text: str) -> int:
        """A character code that draws glyph ``gid`` and extracts as ``text``."""
        chars = self.face.glyphToChar.get(gid)
        if chars and len(text) == 1 and ord(text) in chars:
            return ord(text)
        key = (gid, text)
        code = self._alias_of.get(key)
        if code is not None:
            return code
        with self._lock:
            code = self._alias_of.get(key)
            if code is None:
                code = self._next_private
                self._next_private += 1
                face = self.face
                face.charToGlyph[code] = gid
                face.glyphToChar.setdefault(gid, []).append(code)
                metrics = face.hmetrics[gid] if gid < len(face.hmetrics) else (0, 0)
                face.charWidths[code] = face._pdfScale(metrics[0])
                self.aliases[code] = text
                self._alias_of[key] = code
        return code

    def addObjects(self, doc):
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state else []
        super().addObjects(doc)
        if not self.aliases:
            return
        for n, subset in enumerate(subsets):
            if not any(code in self.aliases for code in subset):
                continue
            base_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base_name)
            if stream is not None:
                stream.content = _to_unicode_cmap(base_name, subset, self.aliases)


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, subset: list[int], aliases: dict[int, str]) -> str:
    """A ToUnicode CMap where aliased codes map to their (possibly multi-character) text."""
    entries = []
    for index, code in enumerate(subset):
        text = aliases.get(code, chr(code))
        if code >= 0xF0000 and code not in aliases:
            text = "\ufffd"
        entries.append(f"<{index:02X}> <{_utf16_hex(text)}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF reference)
        chunk = entries[start : start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


@dataclass
class LoadedFace:
    face: Face
    path: Path
    fonts: dict[str, PortalTTFont] = field(default_factory=dict)
    cmap: frozenset[int] = frozenset()
    data: dict[str, bytes] = field(default_factory=dict)


def _package_dir(package: str) -> Path:
    import importlib

    module = importlib.import_module(package)
    return Path(module.__file__).parent


def bold_cache_dir() -> Path:
    return Path(getattr(settings, "PDF_FONT_CACHE", Path(settings.BASE_DIR) / "var" / "fonts"))


def _bold_instance(face: Face, path: Path) -> Path | None:
    """A static bold instance of a variable face, made once and kept in the cache folder."""
    if not face.variable:
        return None
    target = bold_cache_dir() / f"{face.key}-bold-v2.ttf"
    if target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
        return target
    try:
        from fontTools.ttLib import TTFont as ToolsFont
        from fontTools.varLib import instancer

        font = ToolsFont(str(path))
        axis = next((a for a in font["fvar"].axes if a.axisTag == "wght"), None)
        if axis is None:
            return None
        bold = instancer.instantiateVariableFont(font, {"wght": min(700, axis.maxValue)})
        # A PostScript name of its own: PDFs name embedded fonts by it, and it must differ from regular's.
        postscript = f"Liaison{face.key.title()}-Bold"
        bold["name"].setName(postscript, 6, 3, 1, 0x409)
        bold["name"].setName(postscript, 6, 1, 0, 0)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{threading.get_ident()}.tmp")
        bold.save(str(partial))
        partial.replace(target)  # atomic: another process never reads half a file
        return target
    except (OSError, KeyError, ValueError, TTLibError):
        return None  # a face that cannot be made bold is drawn in its regular weight


_load_lock = threading.Lock()


@cache
def _loaded(key: str) -> LoadedFace:
    face = next(f for f in FACES if f.key == key)
    path = _package_dir(face.package) / face.filename
    if not path.exists():
        raise FontMissing(path)
    regular = PortalTTFont(f"Liaison-{key}", str(path), face.subfont_index)
    pdfmetrics.registerFont(regular)
    loaded = LoadedFace(face=face, path=path, fonts={REGULAR: regular})
    loaded.cmap = frozenset(regular.face.charToGlyph)
    loaded.data[REGULAR] = regular.face._ttf_data
    return loaded


class FontMissing(RuntimeError):
    def __init__(self, path: Path):
        super().__init__(
            f"The font file {path} is missing. Reinstall the project (make install) to bring back its font packages."
        )


def loaded_face(key: str) -> LoadedFace:
    with _load_lock:
        return _loaded(key)


def font(key: str, weight: str = REGULAR) -> PortalTTFont:
    """The reportlab font for a face and weight (bold falls back to regular)."""
    loaded = loaded_face(key)
    if weight in loaded.fonts:
        return loaded.fonts[weight]
    with _load_lock:
        if weight not in loaded.fonts:
            bold_path = _bold_instance(loaded.face, loaded.path) if weight == BOLD else None
            if bold_path is None:
                loaded.fonts[weight] = loaded.fonts[REGULAR]
                loaded.data[weight] = loaded.data[REGULAR]
            else:
                bold = PortalTTFont(f"Liaison-{loaded.face.key}-{weight}", str(bold_path))
                pdfmetrics.registerFont(bold)
                loaded.fonts[weight] = bold
                loaded.data[weight] = bold.face._ttf_data
    return loaded.fonts[weight]


def font_data(key: str, weight: str = REGULAR) -> bytes:
    font(key, weight)
    return loaded_face(key).data[weight]


def face_for(char: str, preferred: str | None = None) -> str | None:
    """The first face in the chain (after ``preferred``) that has a glyph for ``char``."""
    code = ord(char)
    if preferred is not None and code in loaded_face(preferred).cmap:
        return preferred
    for face in FACES:
        if code in loaded_face(face.key).cmap:
            return face.key
    return None


def body_font_name(weight: str = REGULAR) -> str:
    """The registered name of the main face, for reportlab paragraph styles."""
    return font("sans", weight).fontName


def register_family() -> str:
    """Register the main face as a family so ``<b>`` works in paragraphs; returns its name."""
    regular = body_font_name(REGULAR)
    bold = body_font_name(BOLD)
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return regular
