"""Capacity and quotas hold under simultaneous submissions, on a real PostgreSQL server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgserver import PostgresServer, binaries

ROOT = Path(__file__).resolve().parents[3]


def _postgres():
    """A throwaway server; the tests fail in CI and skip elsewhere, saying why, without one."""
    bindir = binaries()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed: make test installs the postgresql package")
        pytest.skip("PostgreSQL binaries not found (apt-get install postgresql); make test installs them as root")
    server = PostgresServer(bindir)
    yield server.start()
    server.stop()


postgres_url = pytest.fixture(scope="module")(_postgres)
# The lock probe gets a server of its own: the probes' factories number their rows from 0 in each
# process, so two probes on one database would collide whichever ran first.
own_postgres_url = pytest.fixture(_postgres)


def run_probe(url: str, script: str, *args: str) -> dict:
    """Run a probe script in its own process on the database at ``url``; its last line is JSON."""
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "events" / script), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_concurrent_registrations_never_exceed_capacity_or_quota(postgres_url):
    outcome = run_probe(
        postgres_url, "concurrency_probe.py", "5"
    )  # 60 delegates, 12 countries, 20 seats, 3 per country
    assert outcome["vendor"] == "postgresql"
    assert outcome["errors"] == []
    assert outcome["registrations"] == outcome["submitted"] == outcome["attendances"] == 60  # nothing lost
    assert outcome["holding"] == outcome["capacity"] == 20  # every seat used, none oversold
    assert outcome["max_per_country"] <= outcome["quota"]
    assert outcome["waitlisted"] == 40
    # Ten delegates submitted twice at once: one registration each, the twin told why.
    assert outcome["refused_twins"] == 10
    assert all("already registered" in message for message in outcome["refusal_messages"])
    # The held-seat counters the seats were taken with agree with the attendances, per country too.
    assert outcome["counters"] == outcome["rows"]
    # Then five cancel while ten newcomers register at once: freed seats go to the waiting list,
    # the counters follow every change, still no seat oversold and nothing lost.
    wave = outcome["after_second_wave"]
    assert wave["cancelled"] == 5 and wave["registrations"] == 70
    assert wave["counters"] == wave["rows"]
    assert wave["rows"]["held"] == 20
    assert max(wave["rows"]["by_country"].values()) <= outcome["quota"]


def test_a_stuck_lock_answers_busy_quickly_and_the_retry_succeeds(own_postgres_url):
    outcome = run_probe(own_postgres_url, "lock_probe.py")
    assert outcome["vendor"] == "postgresql"
    assert outcome["busy_status"] == 503 and outcome["retry_after"] == "5"
    assert "Many delegates are registering at this moment" in outcome["busy_text"]
    assert outcome["waited"] < 5  # the 0.8 s lock timeout, not an indefinite wait
    assert outcome["after_status"] == 302 and outcome["attendances"] == 1  # nothing half-done, then done
