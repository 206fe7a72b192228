"""Participant lists as CSV or XLSX files (the staff export view writes what this returns).

A module of its own, not the view: the columns and the spreadsheet-safety rule are the same
whichever surface asks (the site's export link today, a management command tomorrow). The
writers are the standard library's csv and openpyxl.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from portal.spreadsheets import XLSX, safe_cell, xlsx_bytes

EXPORT_COLUMNS = (
    ("event", lambda a: a.event.name),
    ("status", lambda a: a.get_status_display()),
    ("last_name", lambda a: getattr(a.registration.user, "last_name", "")),  # no user: anonymised
    ("first_name", lambda a: getattr(a.registration.user, "first_name", "")),
    ("email", lambda a: getattr(a.registration.user, "email", "")),
    ("country", lambda a: a.registration.country.code),
    ("country_name", lambda a: str(a.registration.country.name)),
    ("bureau", lambda a: a.registration.bureau),
    ("role", lambda a: a.registration.get_role_display()),
    ("arrival", lambda a: a.registration.arrival_date.isoformat()),
    ("departure", lambda a: a.registration.departure_date.isoformat()),
    ("dietary_needs", lambda a: a.registration.dietary_needs),
    ("accessibility_needs", lambda a: a.registration.accessibility_needs),
    ("visa_letter", lambda a: "yes" if a.registration.needs_visa_letter else "no"),
    ("checked_in", lambda a: a.registration.checked_in_at.isoformat() if a.registration.checked_in_at else ""),
)


def participants_file(rows, fmt: str) -> tuple[bytes, str]:
    """The attendances ``rows`` as a file of format ``fmt`` ("csv" or "xlsx"): (content, type)."""
    header = [name for name, _getter in EXPORT_COLUMNS]
    lines = ([safe_cell(getter(attendance) or "") for _name, getter in EXPORT_COLUMNS] for attendance in rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(lines)
        return buffer.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    if fmt == "xlsx":
        return xlsx_bytes([(_("Participants"), header, lines)]), XLSX
    raise ValueError(f"unknown export format: {fmt}")
