"""Helpers shared by the benchmark scripts: paths, gunicorn, wrk, results.json."""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
RESULTS = BENCH / "results.json"


def env(**extra) -> dict:
    environment = dict(os.environ)
    environment.update(DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT), LIAISON_VAR_DIR=str(VAR))
    # The load generator is one address sending thousands of requests: the API limit would
    # measure itself, not the search.
    environment.setdefault("API_RATE_LIMIT", "off")
    environment.update(extra)
    return environment


def manage(*args, environment: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=environment or env(), check=True, **kwargs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    workers: int,
    port: int | None = None,
    threads: int = 1,
    environment: dict | None = None,
    stop: signal.Signals = signal.SIGTERM,
):
    """Serve the portal under gunicorn on loopback; yields the base URL. ``stop``: SIGQUIT ends
    at once, without finishing the requests a load generator left behind (SIGTERM waits)."""
    port = port or free_port()
    binary = Path(PYTHON).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(binary),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--threads",
            str(threads),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
            "--keep-alive",
            "5",
        ],
        cwd=ROOT,
        env=environment or env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()  # noqa: S310 (loopback)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start: " + process.stderr.read().decode()[-2000:]) from None
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(stop)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def warm(base: str, paths: list[str], rounds: int = 2) -> None:
    for _ in range(rounds):
        for path in paths:
            urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 (loopback)


def wrk(
    base: str, paths: list[str], *, seconds: int, connections: int, threads: int = 2, headers: dict | None = None
) -> dict:
    """Bounded load on loopback with wrk, rotating over ``paths`` (with extra request ``headers``)."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed for the HTTP benchmarks: apt-get install wrk")
    paths_file = VAR / "wrk-paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            *[arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")],
            "-s",
            str(BENCH / "wrk_paths.lua"),
            base + paths[0],
        ],
        env={**os.environ, "WRK_PATHS_FILE": str(paths_file)},
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)


_TICKS = os.sysconf("SC_CLK_TCK")


def _busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores), from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / _TICKS


# Command-line words of the servers a benchmark runs: gunicorn (master and workers), the
# throwaway PostgreSQL (postmaster and backends: "postgres: liaison …") and OpenSearch's JVM
# (its class path). A server of the same kind that someone else runs on the machine would be
# counted as ours too; the benchmarks start their own on loopback, and nothing else here runs one.
OUR_SERVERS = (b"gunicorn", b"postgres", b"opensearch")


def _ours_seconds() -> float:
    """CPU seconds of the processes a benchmark runs: its servers (OUR_SERVERS, found by
    command line), this process and its finished children (wrk, pgbench)."""
    import resource

    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            if not any(word in command for word in OUR_SERVERS):
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            # utime, stime, and cutime, cstime: the children it has reaped (PostgreSQL's
            # parallel query workers live for one query; gunicorn's replaced workers).
            total += sum(int(value) for value in fields[11:15]) / _TICKS
        except (OSError, IndexError, ValueError):
            continue
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def settle(idle_below: float = 0.25, seconds: float = 1.0, limit: float = 60.0) -> float:
    """Wait until the machine is quiet (busy under ``idle_below`` of its cores over ``seconds``),
    so one side's left-over work (requests still running after wrk stopped) is not charged to
    the next. Returns the seconds waited."""
    started = time.monotonic()
    cores = os.cpu_count() or 1
    while time.monotonic() - started < limit:
        before = _busy_seconds()
        time.sleep(seconds)
        if (_busy_seconds() - before) / seconds / cores < idle_below:
            break
    return round(time.monotonic() - started, 1)


@contextmanager
def outside_load():
    """Measures the CPU that other programs on the machine used meanwhile: yields a dict that
    holds, afterwards, ``outside_cpu_percent`` (of one core) over the block's wall time."""
    seen: dict = {}
    started, busy, ours = time.monotonic(), _busy_seconds(), _ours_seconds()
    yield seen
    wall = max(time.monotonic() - started, 1e-6)
    outside = (_busy_seconds() - busy) - (_ours_seconds() - ours)
    seen["outside_cpu_percent"] = round(max(0.0, outside) / wall * 100, 1)


def spread(values: list[float]) -> dict:
    """min/median/max of several runs."""
    ordered = sorted(values)
    return {"min": ordered[0], "median": ordered[len(ordered) // 2], "max": ordered[-1], "runs": len(values)}


def machine() -> dict:
    memory = 0
    try:
        with open("/proc/meminfo") as meminfo:
            memory = int(meminfo.readline().split()[1]) // 1024 // 1024
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def save(section: str, data: dict) -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[section] = {"measured_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": machine(), **data}
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
