"""QR codes drawn as vector squares (sharp at any print size, tiny in the file)."""

from __future__ import annotations

import segno


def qr_modules(data: str) -> list[list[bool]]:
    """The QR matrix for ``data`` (error correction M: a scuffed badge still scans)."""
    code = segno.make_qr(data, error="m", boost_error=False)
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
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + quiet_zone + 1) * module
        start = None
        for col_index, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                path.rect(x + (start + quiet_zone) * module, top, (col_index - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
