"""Registration benchmark: concurrent clients registering over HTTP, on PostgreSQL, beside the
database's own limit for the same transactions, in the same run.

    python bench/registration.py [--users 6000] [--capacity 2000] [--quota 20] [--connections 50] [--workers 4]
                                 [--threads 1] [--worker-nice 19] [--no-fsync] [--nodes 1] [--redis]
                                 [--limit-first] [--time-limit 300]

The rate is the client's: wrk's own count of accepted registrations over wrk's whole run, from
its first request to the last answer (ramp and tail included). A run that reaches
``--time-limit`` before every delegate has an answer says so (``cut_short``). Mail goes to a
real SMTP server on loopback (aiosmtpd's sink), which counts what it received.

The limit: on the same PostgreSQL server, a second event with the same capacity and quota and
as many other delegates, registered by pgbench with the same number of clients and the same
statements as the web's transaction (bench/registration_limit.py) — no web layer. By default it
runs after the web load; ``--limit-first`` runs it before (bench/registration_series.py
alternates, so neither side always meets the larger database).

``--nodes 2`` serves the portal from two gunicorn nodes (``--workers`` each) sharing the
database and a Redis cache (``--redis``, implied): the delegates are split between the nodes and
one wrk per node sends ``--connections`` / N connections to its own node, as a load balancer
would. The rate is the database's (first to last registration); p50/p95 are the worst node's.

A throwaway PostgreSQL server (tests/pgserver.py; durable: it flushes the WAL at each commit
as a production server does, unless ``--no-fsync``) holds one open event with a capacity and a
per-country quota and N verified delegates from 120 countries with live sessions. gunicorn
serves the portal; wrk keeps 50 connections busy POSTing the real registration form (CSRF
token and all), each request as a different delegate, until every delegate has registered.
Then the database is checked: seats held versus capacity, per-country quotas, and accepted
submissions versus stored registrations. Targets: ≥ 3,000 registrations a minute,
p95 ≤ 500 ms, at least half the database's limit, 0 over capacity, 0 lost.

The mail worker (db_worker) runs beside them, as in production, at the lowest CPU priority
(``--worker-nice``, 19 by default, as docs/architecture.md advises for deployment): during the
rush it sends what it can with the CPU the web workers leave, and the rest right after. The
figures say how many emails went during the load and how long the rest took; none is lost.
With ``--worker-nice 0`` the worker competes with the web workers for the same two cores.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH, PYTHON, ROOT, VAR, gunicorn, save  # noqa: E402
from tests.pgserver import PostgresServer, binaries  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=6000)
    parser.add_argument("--capacity", type=int, default=2000)
    parser.add_argument("--quota", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per node")
    parser.add_argument("--nodes", type=int, default=1, help="web nodes sharing the database and Redis")
    parser.add_argument("--redis", action="store_true", help="a shared Redis cache (CACHE_URL), as production has")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread when > 1)")
    parser.add_argument(
        "--no-fsync",
        action="store_true",
        help="a throwaway PostgreSQL that skips WAL flushes (default: it flushes at each commit, as in production)",
    )
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=19,
        help="CPU niceness of the mail worker (0 = same priority as gunicorn); see the module docstring",
    )
    parser.add_argument("--limit-first", action="store_true", help="measure the database's limit before the web load")
    parser.add_argument("--time-limit", type=int, default=300, help="seconds wrk may run before it is cut short")
    args = parser.parse_args()
    bindir = binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL is needed: apt-get install postgresql")
    VAR.mkdir(parents=True, exist_ok=True)
    server = PostgresServer(bindir, durable=not args.no_fsync)
    url = server.start()
    os.environ["DATABASE_URL"] = url
    redis = None
    if args.redis or args.nodes > 1:
        from tests.redisserver import RedisServer

        redis = RedisServer()
        os.environ["CACHE_URL"] = redis.start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "LIAISON_VAR_DIR": str(VAR),
        "DATABASE_URL": url,
    }
    sink = MailSink()
    env["EMAIL_URL"] = sink.start()
    try:
        creds = VAR / "registration-creds.txt"
        print(f"Preparing PostgreSQL with {args.users:,} delegates…", flush=True)
        setup = subprocess.run(
            [
                PYTHON,
                str(BENCH / "registration_setup.py"),
                str(args.users),
                str(args.capacity),
                str(args.quota),
                str(creds),
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        prepared = json.loads(setup.stdout.strip().splitlines()[-1])
        today = dt.date.today()
        wrk_env = {
            **env,
            "WRK_CREDS_FILE": str(creds),
            "WRK_EVENT_ID": str(prepared["event_id"]),
            "WRK_WEEK": prepared["week"],
            "WRK_ARRIVAL": (today + dt.timedelta(days=89)).isoformat(),
            "WRK_DEPARTURE": (today + dt.timedelta(days=94)).isoformat(),
            "WRK_THREADS": "2",
        }
        os.environ.update({"DATABASE_URL": url, "EMAIL_URL": env["EMAIL_URL"]})
        limit = _limit(env, args.connections, args.users, prepared) if args.limit_first else None
        # As in production, a worker sends the emails the requests queue; it yields the CPU to the
        # web workers (docs/architecture.md, "Tasks"), so a rush delays emails, not answers.
        worker = subprocess.Popen(
            ["nice", "-n", str(args.worker_nice), PYTHON, "manage.py", "db_worker", "--interval", "0.2"]
            + ["--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with contextlib.ExitStack() as stack:
            bases = [stack.enter_context(gunicorn(args.workers, threads=args.threads)) for _ in range(args.nodes)]
            print(
                f"Load: wrk, {args.connections} connections over {args.nodes} node(s), "
                f"until all {args.users:,} have registered",
                flush=True,
            )
            lines = creds.read_text().splitlines()
            runs = []
            done_dir = VAR / "registration-wrk-done"
            shutil.rmtree(done_dir, ignore_errors=True)
            for index, base in enumerate(bases):
                (done_dir / str(index)).mkdir(parents=True)
                part = VAR / f"registration-creds-{index}.txt"
                part.write_text("\n".join(lines[index :: args.nodes]) + "\n")
                connections = max(2, args.connections // args.nodes)
                runs.append(
                    subprocess.Popen(
                        ["wrk", "-t2", f"-c{connections}", f"-d{args.time_limit}s", "--timeout", "10s"]
                        + ["-s", str(BENCH / "wrk_register.lua"), base + "/"],
                        env={
                            **wrk_env,
                            "WRK_CREDS_FILE": str(part),
                            "WRK_DONE_DIR": str(done_dir / str(index)),
                        },
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        text=True,
                    )
                )
            loads = []
            started = time.monotonic()
            # Each wrk thread leaves a file at its last answer; then wrk is interrupted, which
            # makes it print its summary at once instead of sleeping out its -d.
            threads_expected = 2 * len(runs)
            while time.monotonic() - started < args.time_limit + 60:
                if len(list(done_dir.glob("*/thread-*"))) >= threads_expected or all(
                    run.poll() is not None for run in runs
                ):
                    break
                time.sleep(0.5)
            for run in runs:
                if run.poll() is None:
                    run.send_signal(signal.SIGINT)
            for run in runs:
                out, err = run.communicate(timeout=120)
                if run.returncode:
                    raise RuntimeError(f"wrk failed: {err[-2000:]}")
                loads.append(json.loads([ln for ln in out.splitlines() if ln.startswith("{")][-1]))
        load = _combined(loads)
        state = _database_state(env)  # the emails still unsent when the last answer came
        # The worker finishes the run it is in (it sends what is waiting), then stops; the
        # command sends anything left. Both are timed: how long the mail took after the rush.
        started = time.monotonic()
        worker.terminate()
        try:
            worker.wait(timeout=600)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        drained = subprocess.run(
            [PYTHON, "manage.py", "send_event_reminders", "--pending-only"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        drain_seconds = time.monotonic() - started
        unsent_in_the_end = _database_state(env)["emails_unsent"]
        if limit is None:
            limit = _limit(env, args.connections, args.users, prepared)
        limit["database"] = _database_state(env, "limit-event")
    finally:
        sink.stop()
        server.stop()
        if redis is not None:
            redis.stop()
    # The client's rate: what wrk saw accepted over its whole run (each wrk thread stops at its
    # last answer). The database's first-to-last span is kept beside it, for comparison.
    per_minute = load["accepted"] / max(load["client_seconds"], 0.001) * 60
    span_per_minute = state["registrations"] / max(state["busy_seconds"], 0.001) * 60
    answered = load["accepted"] + load["refused"]
    cut_short = answered < args.users or not load["every_answer_in"]
    lost = max(0, load["accepted"] - state["registrations"])  # accepted, yet not in the database
    share = per_minute / max(limit["per_minute"], 1)
    data = {
        "users": args.users,
        "connections": args.connections,
        "gunicorn_workers": args.workers,
        "nodes": args.nodes,
        "shared_cache": "redis" if redis is not None else "none (one process's memory)",
        "durable_database": not args.no_fsync,
        "capacity": args.capacity,
        "quota_per_country": args.quota,
        "load": load,
        "database": state,
        "registrations_per_minute": round(per_minute),
        "rate_from": "client (wrk: accepted answers over its whole run, ramp and tail included)",
        "database_span_per_minute": round(span_per_minute),
        "cut_short": cut_short,
        "time_limit_seconds": args.time_limit,
        "lost": lost,
        "stored_without_an_accepted_answer": max(0, state["registrations"] - load["accepted"]),
        "limit": limit,
        "limit_measured": "before the web load" if args.limit_first else "after the web load",
        "share_of_limit": round(share, 3),
        "emails": {
            "queued": state["emails_queued"],
            "sent_during_the_load": state["emails_queued"] - state["emails_unsent"],
            "left_after_the_load": state["emails_unsent"],
            "drain_seconds": round(drain_seconds, 1),
            "drain": drained,
            "worker_nice": args.worker_nice,
            "unsent_in_the_end": unsent_in_the_end,
            "smtp_sink_received": sink.received,
        },
        "targets": {"per_minute": 3000, "p95_ms": 500, "share_of_limit": 0.5, "over_capacity": 0, "lost": 0},
        "met": {
            "per_minute": per_minute >= 3000 and not cut_short,
            "p95": load["p95_ms"] <= 500,
            "share_of_limit": share >= 0.5,
            "over_capacity": state["over_capacity"] == 0 and state["over_quota_countries"] == 0,
            "lost": lost == 0 and load["refused"] == 0 and not cut_short,
        },
    }
    save("registration", data)
    print(
        f"\n{load['accepted']:,} registrations accepted in {load['client_seconds']:.1f} s (client) = "
        f"{per_minute:,.0f}/min"
        f"{' — CUT SHORT by the time limit' if cut_short else ''}; "
        f"p50 {load['p50_ms']:.0f} ms, p95 {load['p95_ms']:.0f} ms; held {state['holding']}/{state['capacity']}, "
        f"waiting {state['waitlisted']}, over capacity {state['over_capacity']}, over-quota countries "
        f"{state['over_quota_countries']}, refused {load['refused']}, lost {lost}"
    )
    print(
        f"database limit, same statements, {args.connections} pgbench clients: {limit['per_minute']:,}/min, "
        f"p95 {limit['p95_ms']:.0f} ms; the web reaches {share:.0%} of it"
    )
    emails = data["emails"]
    print(
        f"emails: {emails['queued']:,} queued, {emails['sent_during_the_load']:,} sent during the load by the "
        f"worker (nice {args.worker_nice}), the other {emails['left_after_the_load']:,} in "
        f"{emails['drain_seconds']} s after it ({drained}); the SMTP sink received {sink.received:,}"
    )
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in data["met"].items()))


def _combined(loads: list[dict]) -> dict:
    """One wrk per node: counts add up; latencies are the worst node's (never flattered)."""
    if len(loads) == 1:
        return loads[0]
    counts = ("requests", "accepted", "refused", "socket_errors", "idle_requests")
    combined = {key: sum(load[key] for load in loads) for key in counts}
    worst = ("seconds", "client_seconds", "p50_ms", "p95_ms", "p99_ms", "max_ms")
    combined.update({key: max(load[key] for load in loads) for key in worst})
    combined["every_answer_in"] = all(load["every_answer_in"] for load in loads)
    combined["per_node"] = loads
    return combined


def _database_state(env: dict, slug: str = "bench-event") -> dict:
    """Seats, quotas, registrations and emails as the database has them (registration_check.py)."""
    check = subprocess.run(
        [PYTHON, str(BENCH / "registration_check.py"), slug],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(check.stdout.strip().splitlines()[-1])


def _limit(env: dict, clients: int, users: int, prepared: dict) -> dict:
    """The same transactions straight at PostgreSQL (bench/registration_limit.py, pgbench)."""
    print(f"Database limit: pgbench, {clients} clients, {users - users % clients:,} registrations…", flush=True)
    run = subprocess.run(
        [PYTHON, str(BENCH / "registration_limit.py"), str(clients), str(users - users % clients)]
        + [str(prepared["limit_event_id"]), str(prepared["limit_week_id"])],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(run.stdout.strip().splitlines()[-1])


class MailSink:
    """A real SMTP server on loopback (aiosmtpd) that accepts every message and counts it."""

    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.received += 1
        return "250 OK"

    def start(self) -> str:
        from aiosmtpd.controller import Controller

        from bench.common import free_port

        port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=port)
        self._controller.start()
        return f"smtp://127.0.0.1:{port}"

    def stop(self) -> None:
        self._controller.stop()


if __name__ == "__main__":
    main()
