"""The move from ``<field>_en`` / ``<field>_fr`` columns to one translated JSON column, run on a
demo database of its own (built by ``load_demo`` in a file): back to 0012 and forward again,
nothing lost on the way."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

FIELDS = {
    "events_conferenceweek": ("name", "city", "letter_signatory_title"),
    "events_event": ("name", "description", "venue", "city"),
    "events_session": ("title", "description", "room", "speakers"),
    "events_roundtable": ("topic", "room"),
}
ROOT = Path(settings.BASE_DIR)


def _manage(database: Path, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    done = subprocess.run(
        [sys.executable, "manage.py", *args, "-v", "0"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr


def _translated(database: Path) -> dict:
    with sqlite3.connect(database) as db:
        return {
            table: {
                pk: {field: json.loads(value) for field, value in zip(fields, values, strict=True)}
                for pk, *values in db.execute(f"SELECT id, {', '.join(fields)} FROM {table}")  # noqa: S608 (our names)
            }
            for table, fields in FIELDS.items()
        }


def _legacy(database: Path) -> dict:
    with sqlite3.connect(database) as db:
        found = {}
        for table, fields in FIELDS.items():
            columns = [f"{field}_{code}" for field in fields for code in ("en", "fr")]
            rows = db.execute(f"SELECT id, {', '.join(columns)} FROM {table}")  # noqa: S608 (our names)
            found[table] = {pk: dict(zip(columns, values, strict=True)) for pk, *values in rows}
        return found


def test_the_demo_database_goes_back_and_forward_with_nothing_lost(tmp_path):
    database = tmp_path / "demo.sqlite3"
    _manage(database, "migrate", "--no-input")
    _manage(database, "load_demo")
    before = _translated(database)
    assert sum(len(rows) for rows in before.values()) > 40  # the whole demo: weeks, events, sessions, tables
    assert all(set(row["name"]) == {"en", "fr"} for row in before["events_event"].values())
    assert any("é" in row["name"]["fr"] for row in before["events_event"].values())  # accents survive

    _manage(database, "migrate", "events", "0012_run_events_permission", "--no-input")
    back = _legacy(database)
    for table, rows in before.items():
        assert set(back[table]) == set(rows), table
        for pk, fields in rows.items():
            for field, texts in fields.items():
                for code in ("en", "fr"):
                    assert back[table][pk][f"{field}_{code}"] == texts.get(code, ""), (table, pk, field, code)

    _manage(database, "migrate", "events", "--no-input")
    assert _translated(database) == before
