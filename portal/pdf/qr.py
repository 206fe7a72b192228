"""QR codes drawn as vector squares (sharp at any print size, tiny in the file)."""

from __future__ import annotations

import segno


def qr_modules(data: str) -> list[list[bool]]:
    """The QR matrix for ``data`` (error correction M: a scuffed badge still scans)."""
    # A fixed mask pattern: choosing the "best" of eight costs most of the time on a badge sheet,
    # and any mask decodes (tests and the benchmark decode every code they check).
    code = segno.make_qr(data, error="m", boost_error=False, mask=2)
    return [[bool(cell) for cell in row] for row in code.matrix]


def draw_qr(canvas, data: str, x: float, y: float, size: float, quiet_zone: int = 2) -> None:
    """Draw the QR code for ``data`` in a ``size``-point square whose lower-left corner is (x, y).

    Dark modules on one row are merged into single rectangles; a white quiet zone surrounds it.
    """
    matrix = qr_modules(data)
    count = len(matrix) + 2 * quiet_zone
    module = size / count
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    rects = []
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + quiet_zone + 1) * module
        start = None
        for col_index, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                left = x + (start + quiet_zone) * module
                rects.append(f"{left:.2f} {top:.2f} {(col_index - start) * module:.2f} {module:.2f} re")
                start = None
    # One path of rectangles, filled once (written directly: reportlab's path object formats
    # every number through a slow generic routine).
    canvas._code.append("\n".join([*rects, "f"]))
    canvas.restoreState()
