"""schemathesis (its command line, as a separate program) against /api/v1/openapi.json on the live
server: no 5xx, and every status code, content type and body the API sends matches its schema.
Anonymous, then as a law-enforcement officer (who sees more, so other responses are produced)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, log_in

pytestmark = pytest.mark.slow


def schemathesis() -> str:
    found = Path(sys.executable).with_name("schemathesis")
    if found.exists():
        return str(found)
    return shutil.which("schemathesis") or pytest.fail("schemathesis is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def officer_cookie(browser, portal) -> str:
    context = browser.new_context(base_url=portal.base)
    page = context.new_page()
    log_in(page, "officer@liaison.example")
    session = next(c for c in context.cookies() if c["name"] == "sessionid")
    context.close()
    return f"sessionid={session['value']}"


@pytest.mark.parametrize("caller", ["anonymous", "officer"])
def test_the_api_answers_as_its_schema_says(portal, caller, request, tmp_path):
    report = ARTIFACTS / "schemathesis" / f"{caller}.xml"
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        schemathesis(),
        "run",
        portal.url("/api/v1/openapi.json"),
        "--checks",
        "all",
        "--max-examples",
        "40",
        "--seed",
        "20261121",  # the same cases every run; change it to explore further
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
        "--no-color",
    ]
    if caller == "officer":
        command += ["--header", f"Cookie: {request.getfixturevalue('officer_cookie')}"]
    # Run from a scratch folder: schemathesis keeps a cache of what it tried in the working folder.
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    generated, passed = map(int, re.search(r"(\d+) generated, (\d+) passed", output).groups())
    assert generated == passed and generated >= 200, output[-2000:]
    operations = re.search(r"Tested: (\d+)", output)
    import json
    import urllib.request

    schema = json.loads(urllib.request.urlopen(portal.url("/api/v1/openapi.json")).read())  # noqa: S310 (loopback)
    expected = sum(len(operations_of_path) for operations_of_path in schema["paths"].values())
    assert expected >= 19, expected  # search, events and the workspaces
    assert operations and int(operations.group(1)) == expected, "every operation of the schema was exercised"
