"""Registrations at 10, 50 and 100 connections beside the database's own limit, interleaved.

    python bench/registration_series.py [--users 3000] [--runs 3] [--two-nodes]

Every run is a fresh PostgreSQL (durable) and a fresh Redis, the same delegates, 4 gunicorn
workers, and the database-only limit for the same transactions with the same number of clients
(bench/registration.py, pgbench) — measured after the web load in odd runs and before it in
even ones, so neither side always meets the larger database. ``--runs`` repeats every
connection count; ``--two-nodes`` adds two nodes × 2 workers sharing the database and Redis,
alternating with one node run by run. Written to results.json under "registration_series":
min/median/max per configuration and connection count, with the web's share of the limit.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, RESULTS, ROOT, save  # noqa: E402

CONFIGURATIONS = {
    "1 node × 4 workers": ["--nodes", "1", "--workers", "4", "--redis"],
    "2 nodes × 2 workers": ["--nodes", "2", "--workers", "2"],
}
LEVELS = (10, 50, 100)


def run(users: int, connections: int, options: list[str]) -> dict:
    capacity = str(users // 3)
    subprocess.run(
        [
            PYTHON,
            "bench/registration.py",
            "--users",
            str(users),
            "--capacity",
            capacity,
            "--quota",
            "10",
            "--connections",
            str(connections),
            *options,
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    result = json.loads(RESULTS.read_text())["registration"]
    return {
        "per_minute": result["registrations_per_minute"],
        "p50_ms": round(result["load"]["p50_ms"]),
        "p95_ms": round(result["load"]["p95_ms"]),
        "lost": result["lost"],
        "cut_short": result["cut_short"],
        "over_capacity": result["database"]["over_capacity"] + result["database"]["over_quota_countries"],
        "limit_per_minute": result["limit"]["per_minute"],
        "limit_p95_ms": round(result["limit"]["p95_ms"], 1),
        "limit_measured": result["limit_measured"],
        "share_of_limit": result["share_of_limit"],
        "emails_received": result["emails"]["smtp_sink_received"],
        "emails_queued": result["emails"]["queued"],
    }


def spread(values: list[float]) -> dict:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--two-nodes", action="store_true")
    args = parser.parse_args()
    configurations = CONFIGURATIONS if args.two_nodes else dict(list(CONFIGURATIONS.items())[:1])
    before = json.loads(RESULTS.read_text()).get("registration") if RESULTS.exists() else None
    table: dict[str, dict[str, list[dict]]] = {name: {} for name in configurations}
    for attempt in range(args.runs):
        for connections in LEVELS:
            for name, options in configurations.items():
                print(f"{connections} connections, {name}, run {attempt + 1}/{args.runs}…", flush=True)
                order = ["--limit-first"] if attempt % 2 else []
                outcome = run(args.users, connections, [*options, *order])
                table[name].setdefault(str(connections), []).append(outcome)
    summary = {
        name: {
            connections: {
                "runs": len(runs),
                "per_minute": spread([r["per_minute"] for r in runs]),
                "p95_ms": spread([r["p95_ms"] for r in runs]),
                "p50_ms": spread([r["p50_ms"] for r in runs]),
                "lost": sum(r["lost"] for r in runs),
                "cut_short": sum(r["cut_short"] for r in runs),
                "over_capacity": sum(r["over_capacity"] for r in runs),
                "limit_per_minute": spread([r["limit_per_minute"] for r in runs]),
                "limit_p95_ms": spread([r["limit_p95_ms"] for r in runs]),
                "share_of_limit": spread([r["share_of_limit"] for r in runs]),
                "emails_missing": sum(r["emails_queued"] - r["emails_received"] for r in runs),
            }
            for connections, runs in by_connections.items()
        }
        for name, by_connections in table.items()
    }
    results = json.loads(RESULTS.read_text())
    if before is not None:  # each run wrote "registration"; that section stays bench/registration.py's own
        results["registration"] = before
    else:
        results.pop("registration", None)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    save("registration_series", {"users": args.users, "summary": summary, "runs": table})
    for name, by_connections in summary.items():
        for connections, row in by_connections.items():
            rate, p95, limit, share = row["per_minute"], row["p95_ms"], row["limit_per_minute"], row["share_of_limit"]
            print(
                f"{name:22} c={connections:>3}: {rate['min']:,}–{rate['median']:,}–{rate['max']:,}/min, "
                f"p95 {p95['min']}–{p95['median']}–{p95['max']} ms ({row['runs']} runs), lost {row['lost']}, "
                f"cut short {row['cut_short']}; limit {limit['min']:,}–{limit['median']:,}–{limit['max']:,}/min, "
                f"share {share['min']:.0%}–{share['median']:.0%}–{share['max']:.0%}"
            )


if __name__ == "__main__":
    main()
