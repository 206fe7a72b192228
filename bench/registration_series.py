"""Registrations at 10, 50 and 100 connections, on one web node and on two, interleaved.

    python bench/registration_series.py [--users 3000] [--runs 3]

Every run is a fresh PostgreSQL (durable) and a fresh Redis, the same delegates and the same
total of gunicorn workers: one node × 4 workers, or two nodes × 2 workers sharing the database
and Redis (bench/registration.py --nodes). The configurations alternate run by run, so the
noise of this shared machine falls on both alike. ``--runs`` repeats each configuration at 50
connections (the target's load); 10 and 100 run once each. Written to results.json under
"registration_series": min/median/max per configuration and connection count.
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
        "over_capacity": result["database"]["over_capacity"],
    }


def spread(values: list[float]) -> dict:
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    before = json.loads(RESULTS.read_text()).get("registration") if RESULTS.exists() else None
    plan = [(c, n) for c, n in ((10, 1), (50, args.runs), (100, 1))]
    table: dict[str, dict[str, list[dict]]] = {name: {} for name in CONFIGURATIONS}
    for connections, repeats in plan:
        for attempt in range(repeats):
            for name, options in CONFIGURATIONS.items():
                print(f"{connections} connections, {name}, run {attempt + 1}/{repeats}…", flush=True)
                table[name].setdefault(str(connections), []).append(run(args.users, connections, options))
    summary = {
        name: {
            connections: {
                "runs": len(runs),
                "per_minute": spread([r["per_minute"] for r in runs]),
                "p95_ms": spread([r["p95_ms"] for r in runs]),
                "p50_ms": spread([r["p50_ms"] for r in runs]),
                "lost": sum(r["lost"] for r in runs),
                "over_capacity": sum(r["over_capacity"] for r in runs),
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
            rate, p95 = row["per_minute"], row["p95_ms"]
            print(
                f"{name:22} c={connections:>3}: {rate['min']:,}–{rate['median']:,}–{rate['max']:,}/min, "
                f"p95 {p95['min']}–{p95['median']}–{p95['max']} ms ({row['runs']} runs), lost {row['lost']}"
            )


if __name__ == "__main__":
    main()
