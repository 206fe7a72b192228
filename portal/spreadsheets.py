"""Spreadsheets every app hands out (participant lists, an agency's assessments): cells that
cannot run as formulas, and an XLSX workbook of named sheets (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value) -> str:
    """Spreadsheet-safe text: a leading = + - @ would run as a formula in Excel."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def xlsx_bytes(sheets: Iterable[tuple[str, list[str], Iterable[list]]]) -> bytes:
    """``sheets``: (title, header, rows); text cells are made safe, numbers stay numbers."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([v if isinstance(v, int | float) and not isinstance(v, bool) else safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
