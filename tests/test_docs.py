"""docs/architecture.md stays readable and true in the ways a script can check: its code
fences close, no line is written twice, every module it names in the tree exists, and the tests
mirror the tree as it says (section "Tests")."""

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


# Suites that prove one behaviour across many modules, named for what they prove. Everything
# else tests one module and lives at its path (docs/architecture.md, "Tests").
ACROSS_MODULES = {
    "tests/test_hostile_input.py": "hostile input on every form and URL",
    "tests/test_several_nodes.py": "two portal processes on one PostgreSQL and Redis",
    "tests/portal/test_access_matrix.py": "every surface × every role × every audience",
    "tests/portal/test_french_crawl.py": "French on every page each role reaches",
    "tests/portal/test_editorial.py": "the editorial workflow through Wagtail's admin",
    "tests/events/test_web.py": "the events site over HTTP: views, API, iCal, search",
    "tests/events/test_french_pages.py": "the events pages in French",
    "tests/events/test_idor.py": "every id-carrying URL tried by the wrong person",
    "tests/four_languages/test_four_languages.py": "Spanish and Arabic by settings",
}


def _tested_module(test_file: Path) -> Path | None:
    """The module (or package) at the mirrored path whose name starts the test's name:
    tests/events/services/test_registrations_changes.py → events/services/registrations.py."""
    folder = ROOT / test_file.parent.relative_to(ROOT / "tests")
    words = test_file.stem.removeprefix("test_").split("_")
    for end in range(len(words), 0, -1):
        name = "_".join(words[:end])
        for candidate in (folder / f"{name}.py", folder / name, folder / "management" / "commands" / f"{name}.py"):
            if candidate.exists():
                return candidate
    return None


def test_tests_mirror_the_tree():
    test_files = [
        path
        for path in (ROOT / "tests").rglob("test_*.py")
        if "e2e" not in path.relative_to(ROOT / "tests").parts  # browser journeys: tests/e2e/
    ]
    assert len(test_files) >= 40, len(test_files)
    strays = [
        str(path.relative_to(ROOT))
        for path in test_files
        if str(path.relative_to(ROOT)) not in ACROSS_MODULES and _tested_module(path) is None
    ]
    assert not strays, f"tests with no module at their path (move them, or list them in ACROSS_MODULES): {strays}"
    assert all((ROOT / name).exists() for name in ACROSS_MODULES)
