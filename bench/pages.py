"""Page-rendering benchmark: the home page and the conference pages, cold and cached, under gunicorn.

    python bench/pages.py [--seconds 15] [--connections 8] [--workers 4] [--restarts 5] [--runs 3]

1. Builds a fresh database under var/bench-pages: migrations and the bilingual demo content.
2. Cold: starts gunicorn afresh ``--restarts`` times and times the first request of each page
   (no template compiled, no database connection open, nothing in the cache, no page seen).
3. Cached: with every cache warm, wrk loads each group of pages for a fixed time, anonymously and
   as a signed-in delegate (whose pages also show restricted items and account links), group
   after group, ``--runs`` times (interleaved): min/median/max.
Pages: home (en, fr); conference index, the Singapore 2023 conference page and its events (en, fr).
Targets: for every group at steady state (median run), p95 ≤ 100 ms (issue 20) and ≥ 75 pages/s
(ours) on the 2-core benchmark machine with 8 concurrent clients. The comparison with bakerydemo
that issue 20 asks for is made by hand (README, "Benchmarks"): none of its code is kept here.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import VAR, env, gunicorn, manage, outside_load, save, spread, warm, wrk  # noqa: E402

DATA = VAR.parent / "bench-pages"
GROUPS = {
    "home": ["/en/", "/fr/"],
    "conference": [
        "/en/conferences/",
        "/fr/conferences/",
        "/en/conferences/singapore-2023/",
        "/fr/conferences/singapour-2023/",
        "/en/events/police-science-congress-2023/",
        "/fr/events/police-science-congress-2023/",
    ],
}
TARGETS = {"p95_ms": 100, "rps": 75}


def environment() -> dict:
    return env(LIAISON_VAR_DIR=str(DATA))


def setup_database() -> None:
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    manage("migrate", "--noinput", "-v0", environment=environment())
    manage("load_demo", "-v0", environment=environment(), capture_output=True)


def fetch(url: str, opener=None) -> float:
    started = time.perf_counter()
    with (opener or urllib.request.build_opener()).open(url, timeout=60) as response:
        response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000


def session_cookie(base: str) -> str:
    """Log the demo delegate in through the real login form; returns the Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/en/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    body = urlencode(
        {"csrfmiddlewaretoken": token, "login": "delegate@liaison.example", "password": "liaison-demo-2026"}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 (loopback)
        base + "/en/accounts/login/", data=body, headers={"Referer": base + "/"}
    )
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, "the delegate could not log in"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cold(workers: int, restarts: int) -> dict:
    firsts: dict[str, list[float]] = {group: [] for group in GROUPS}
    for round_number in range(restarts):
        print(f"  cold start {round_number + 1}/{restarts}", flush=True)
        shutil.rmtree(DATA / "cache", ignore_errors=True)
        with gunicorn(workers, environment=environment()) as base:
            for group, paths in GROUPS.items():
                firsts[group] += [fetch(base + path) for path in paths]
    return {
        group: {
            "requests": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
        }
        for group, times in firsts.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--restarts", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    print("Building the page benchmark database (demo content)…", flush=True)
    setup_database()
    print(f"Cold: first request of each page after {args.restarts} fresh starts", flush=True)
    cold_results = cold(args.workers, args.restarts)

    runs: dict[str, list[dict]] = {f"{group}/{who}": [] for group in GROUPS for who in ("anonymous", "delegate")}
    with gunicorn(args.workers, environment=environment()) as base:
        cookie = session_cookie(base)
        all_paths = [p for paths in GROUPS.values() for p in paths]
        warm(base, all_paths, rounds=3)
        for run in range(args.runs):
            for group, paths in GROUPS.items():
                for who, headers in (("anonymous", {}), ("delegate", {"Cookie": cookie})):
                    with outside_load() as seen:
                        row = wrk(base, paths, seconds=args.seconds, connections=args.connections, headers=headers)
                    runs[f"{group}/{who}"].append({**row, **seen})
                    print(
                        f"  run {run + 1}/{args.runs} {group}, {who}: {row['rps']:.0f} req/s, p95 {row['p95_ms']} ms, "
                        f"outside CPU {seen['outside_cpu_percent']} %",
                        flush=True,
                    )
    cached = {
        key: {
            "rps": spread([round(r["rps"], 1) for r in rows]),
            "p50_ms": spread([r["p50_ms"] for r in rows]),
            "p95_ms": spread([r["p95_ms"] for r in rows]),
            "errors": sum(r["errors"] + r["non_2xx"] for r in rows),
            "outside_cpu_percent": spread([r["outside_cpu_percent"] for r in rows]),
            "runs": rows,
        }
        for key, rows in runs.items()
    }

    met = {
        "cached_p95": all(r["p95_ms"]["median"] <= TARGETS["p95_ms"] for r in cached.values()),
        "cached_rps": all(r["rps"]["median"] >= TARGETS["rps"] for r in cached.values()),
        "no_errors": all(r["errors"] == 0 for r in cached.values()),
    }
    save(
        "pages",
        {
            "pages": GROUPS,
            "load": {
                "tool": "wrk",
                "connections": args.connections,
                "seconds": args.seconds,
                "workers": args.workers,
                "runs": args.runs,
            },
            "cold_first_request": cold_results,
            "cached": cached,
            "targets": TARGETS,
            "met": met,
        },
    )
    print()
    print(f"{'':32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for group, row in cold_results.items():
        label = f"{group}, cold first request"
        print(f"{label:32} {'—':>8} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {'—':>7}")
    for key, row in cached.items():
        label = f"{key.replace('/', ', ')}, cached (median)"
        print(
            f"{label:32} {row['rps']['median']:>8.0f} {row['p50_ms']['median']:>8.1f} "
            f"{row['p95_ms']['median']:>8.1f} {row['errors']:>7}"
        )
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in met.items()))


if __name__ == "__main__":
    main()
