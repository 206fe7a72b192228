"""The embedded index damaged or deleted under a live gunicorn (4 sync workers): no worker
dies, readers get the bilingual 503, /healthz says degraded, a rebuild is queued, and search
comes back by itself (the portal's tasks run at once, as in `make run`)."""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.conftest import served_portal

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with served_portal(
        tmp_path_factory.mktemp("embedded-faults"),
        scenario=False,
        workers=["--worker-class", "sync", "--workers", "4"],
    ) as portal:
        yield portal


def get(live, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(live.base + path, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def index_folder(live) -> Path:
    search = live.var / "search"
    return search / "indexes" / (search / "current").read_text().strip()


def biggest_file(folder: Path) -> Path:
    return max((p for p in folder.iterdir() if p.suffix in (".store", ".idx", ".term")), key=lambda p: p.stat().st_size)


def searches_answer(live, rounds: int = 12) -> list[int]:
    """Every worker answers (a dead worker would drop its connection: URLError, not a status)."""
    return [get(live, "/en/search/?q=biometric")[0] for _ in range(rounds)]


def assert_unavailable_then_back(live, statuses: list[int]):
    assert 503 in statuses and set(statuses) <= {200, 503}, statuses
    status, page = get(live, "/en/search/?q=biometric")
    assert status == 200 and "Biometric Hub" in page  # rebuilt by the task the 503 queued
    assert json.loads(get(live, "/healthz")[1])["search"]["status"] == "ok"


def workers_restarted(live) -> int:
    return live.logs.read_text().count("Booting worker")


def test_search_works_before_any_damage(live):
    assert get(live, "/en/search/?q=biometric")[0] == 200
    health = json.loads(get(live, "/healthz")[1])
    assert health["status"] == "ok" and health["search"]["status"] == "ok" and health["search"]["documents"] > 40


def test_a_file_truncated_while_serving_is_a_503_not_a_dead_worker(live):
    booted = workers_restarted(live)
    searches_answer(live, 8)  # every worker has the index open and mapped
    target = biggest_file(index_folder(live))
    with target.open("r+b") as handle:
        handle.truncate(target.stat().st_size // 2)
    statuses = searches_answer(live)
    _status, page = get(live, "/fr/recherche/?q=biometric")
    assert workers_restarted(live) == booted, live.logs.read_text()[-2000:]  # no worker died (SIGBUS)
    assert "SIGBUS" not in live.logs.read_text() and "was sent SIG" not in live.logs.read_text()
    assert_unavailable_then_back(live, statuses + [_status])


def test_a_corrupt_file_of_the_same_size_is_found_by_its_checksum(live):
    booted = workers_restarted(live)
    searches_answer(live, 8)
    target = biggest_file(index_folder(live))
    with target.open("r+b") as handle:
        handle.seek(target.stat().st_size // 3)
        data = handle.read(64)
        handle.seek(target.stat().st_size // 3)
        handle.write(bytes(b ^ 0xFF for b in data))
    statuses = searches_answer(live)
    assert workers_restarted(live) == booted
    assert_unavailable_then_back(live, statuses)


def test_a_deleted_index_is_missing_not_empty(live):
    shutil.rmtree(live.var / "search")
    health = json.loads(get(live, "/healthz")[1])
    assert health["status"] == "degraded" and health["search"]["status"] == "missing"
    status, page = get(live, "/en/search/?q=biometric")
    assert status == 503
    assert "temporarily unavailable" in page and "momentanément indisponible" in page  # both languages
    assert os.path.isdir(live.var / "search")  # the rebuild the 503 queued has run
    assert_unavailable_then_back(live, [status])
