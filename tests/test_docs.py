"""docs/architecture.md stays readable and true in the ways a script can check: its code
fences close, no line is written twice, and every module it names in the tree exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_code_fences_close():
    assert DOC.count("\n```") % 2 == 0


def test_no_line_is_written_twice():
    lines = [line.strip() for line in DOC.splitlines() if len(line.strip()) > 40]
    twice = {line for line in lines if lines.count(line) > 1}
    assert not twice, twice


def test_the_tree_names_files_that_exist():
    tree = DOC.split("```")[1]  # the first fenced block: the source tree
    missing, checked = [], 0
    folder = None
    for line in tree.splitlines():
        top = re.match(r"^(\w[\w.-]*/)\s", line)
        if top:
            folder = top.group(1)
            continue
        entry = re.match(r"^\s{2}(\w[\w.]*\.py)\b", line)
        if folder and entry:
            checked += 1
            if not (ROOT / folder / entry.group(1)).exists():
                missing.append(folder + entry.group(1))
    assert checked >= 15, checked  # the check reads the tree
    assert not missing, missing
