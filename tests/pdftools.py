"""Reading generated PDFs back in tests: text (pdftotext), pages (pypdf), QR codes (zxing-cpp)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# Bidi embedding marks pdftotext puts around right-to-left text: not part of the words.
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(content: bytes) -> str:
    """The text of a PDF in reading order, as poppler's pdftotext extracts it."""
    executable = shutil.which("pdftotext")
    if executable is None:
        pytest.fail("pdftotext is not installed (apt-get install poppler-utils; .ci/run installs it)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(content)
        out = subprocess.run([executable, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    text = _BIDI_MARKS.sub("", out.stdout.decode("utf-8"))
    return re.sub(r"[ \t]+", " ", text)


def page_count(content: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def qr_codes(content: bytes, page: int = 0, scale: float = 2.0) -> list[str]:
    """The QR codes on one page, decoded from a rendering of it."""
    import pypdfium2 as pdfium
    import zxingcpp

    document = pdfium.PdfDocument(content)
    try:
        image = document[page].render(scale=scale).to_pil()
    finally:
        document.close()
    return [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


def badge_codes(content: bytes, page: int = 0, scale: float = 2.0, keys: list[str] | None = None) -> list[str]:
    """The badge codes in the signed QR codes on one page, each signature checked (with ``keys``,
    the BADGE_SIGNING_KEYS of another process, e.g. the browser tests' server)."""
    from django.test import override_settings

    from events.badge_signing import verify_badge

    with override_settings(**({"BADGE_SIGNING_KEYS": keys} if keys else {})):
        return [verify_badge(text).code for text in qr_codes(content, page, scale)]
