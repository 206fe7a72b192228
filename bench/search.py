"""Search benchmark: 10,000-document bilingual corpus, embedded engine vs Wagtail's DB search.

    python bench/search.py [--seconds 20] [--connections 16] [--workers 4] [--runs 3] [--reuse]

1. Builds a fresh benchmark database under var/bench (``--reuse`` keeps one already there):
   migrations, the demo content, and the generated corpus (bench/corpus.py: 5,000 items ×
   English and French = 10,000 news pages).
2. Times ``search_index --rebuild`` on the embedded engine (target ≤ 30 s).
3. Builds Wagtail's own database search index for the same pages (``update_index``).
4. Serves the portal twice with gunicorn on loopback (4 sync workers each, DEBUG off): as
   configured, and with SEARCH_FACET_CACHE=0 (facet counts computed on every request, as for a
   query never asked before). wrk runs over the 40 queries of bench/queries.txt, all sampled,
   with the same connections on each side: GET /api/v1/search on both servers, then the same
   q/lang on a bench-only view running Wagtail's database backend (SQLite) — interleaved,
   side after side, ``--runs`` times, with min/median/max and the CPU other programs used.
   Anonymous requests throughout. The two sides do not do the same work: the portal's API
   also counts facets, expands the glossary, builds snippets and checks the audience.
Targets: ≥ 500 searches/s with p95 ≤ 50 ms (median run), and ≥ 5× Wagtail's backend.

    python bench/search.py --engines [--runs 3] [--seconds 15] [--sizes 5000,25000]

compares the engines on the same corpus and queries instead: the embedded engine, one real
OpenSearch node, and three (3 shards, 1 replica), all started here (scripts/opensearch_cluster.py).
For each corpus size (items × 2 languages: 10k and 50k documents) it times the rebuild on each
engine, with the peak memory of the process doing it, then serves the portal once per engine
and runs wrk over the same queries, engine after engine, ``--runs`` times (interleaved), and
reports min/median/max. All on one machine: the three nodes share its cores.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    PYTHON,
    ROOT,
    VAR,
    env,
    gunicorn,
    manage,
    outside_load,
    save,
    settle,
    spread,
    warm,
    wrk,
)


def setup_database() -> dict:
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    manage("migrate", "--noinput", "-v0")
    manage("load_demo", "--no-users", "-v0")
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "-c", "import django; django.setup(); from bench import corpus; print(corpus.build())"],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=True,
    )
    corpus_seconds = time.monotonic() - started
    started = time.monotonic()
    output = subprocess.run(
        [PYTHON, "manage.py", "search_index", "--rebuild"],
        cwd=ROOT,
        env=env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rebuild_seconds = time.monotonic() - started
    documents = int(output.split("documents:")[1].split("·")[0].strip())
    started = time.monotonic()
    manage("update_index", "--chunk_size", "1000", capture_output=True)
    wagtail_index_seconds = time.monotonic() - started
    return {
        "documents": documents,
        "corpus_build_seconds": round(corpus_seconds, 1),
        "rebuild_seconds": round(rebuild_seconds, 2),
        "wagtail_update_index_seconds": round(wagtail_index_seconds, 1),
    }


def _rebuild_on(environment: dict) -> dict:
    """``search_index --rebuild`` in a fresh process: wall time and the process's peak RSS."""
    script = (
        "import django, resource, time; django.setup()\n"
        "from django.core.management import call_command\n"
        "t = time.monotonic(); call_command('search_index', '--rebuild', verbosity=0)\n"
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    output = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=environment, check=True, capture_output=True, text=True
    ).stdout.split()
    return {"seconds": round(float(output[-2]), 2), "peak_rss_mib": round(int(output[-1]) / 1024, 1)}


def engines_comparison(args) -> None:
    from scripts.opensearch_cluster import Cluster

    clusters = {
        "opensearch_1_node": (Cluster(home=VAR.parent / "bench-opensearch-1", nodes=1, name="bench-one"), 1, 0),
        "opensearch_3_nodes": (Cluster(home=VAR.parent / "bench-opensearch-3", nodes=3, name="bench-three"), 3, 1),
    }
    for cluster, _shards, _replicas in clusters.values():
        shutil.rmtree(cluster.home, ignore_errors=True)
    environments = {"embedded": env()}
    try:
        for name, (cluster, shards, replicas) in clusters.items():
            print(f"Starting {name}…", flush=True)
            cluster.start(progress=lambda message: None)
            environments[name] = env(
                BENCH_SEARCH_URL=",".join(cluster.urls), SEARCH_SHARDS=str(shards), SEARCH_REPLICAS=str(replicas)
            )
        lines = [ln.strip() for ln in (Path(__file__).parent / "queries.txt").read_text().splitlines()]
        paths = [f"/api/v1/search?{q}" for q in lines if q and not q.startswith("#")]
        sizes = {}
        for items in (int(n) for n in args.sizes.split(",")):
            print(f"Corpus of {items:,} items × 2 languages…", flush=True)
            shutil.rmtree(VAR, ignore_errors=True)
            VAR.mkdir(parents=True)
            manage("migrate", "--noinput", "-v0")
            manage("load_demo", "--no-users", "-v0")
            subprocess.run(
                [PYTHON, "-c", f"import django; django.setup(); from bench import corpus; corpus.build({items})"],
                cwd=ROOT,
                env=env(),
                check=True,
                capture_output=True,
            )
            rebuilds = {name: [] for name in environments}
            for run in range(args.runs):  # interleaved: each engine once per round
                for name, environment in environments.items():
                    rebuilds[name].append(_rebuild_on(environment))
                    print(f"  rebuild {run + 1}/{args.runs} {name}: {rebuilds[name][-1]}", flush=True)
            loads = {name: [] for name in environments}
            with contextlib.ExitStack() as stack:
                bases = {
                    name: stack.enter_context(gunicorn(args.workers, environment=environment))
                    for name, environment in environments.items()
                }
                for base in bases.values():
                    warm(base, paths)
                for run in range(args.runs):
                    for name, base in bases.items():
                        loads[name].append(wrk(base, paths, seconds=args.seconds, connections=args.connections))
                        row = loads[name][-1]
                        print(f"  load {run + 1}/{args.runs} {name}: {row['rps']:.0f} req/s, p95 {row['p95_ms']} ms")
            sizes[str(items * 2)] = {
                name: {
                    "rebuild_seconds": spread([r["seconds"] for r in rebuilds[name]]),
                    "rebuild_peak_rss_mib": spread([r["peak_rss_mib"] for r in rebuilds[name]]),
                    "rps": spread([round(r["rps"]) for r in loads[name]]),
                    "p95_ms": spread([r["p95_ms"] for r in loads[name]]),
                    "errors": sum(r["errors"] for r in loads[name]),
                }
                for name in environments
            }
    finally:
        for cluster, _shards, _replicas in clusters.values():
            cluster.stop()
    save(
        "search_engines",
        {
            "queries": len(paths),
            "load": {
                "tool": "wrk",
                "connections": args.connections,
                "seconds": args.seconds,
                "gunicorn_workers": args.workers,
                "runs": args.runs,
            },
            "opensearch": "2.19.6, 512 MiB heap per node, on the same machine",
            "sizes": sizes,
        },
    )
    print()
    print(f"{'documents':>10} {'engine':20} {'req/s (min/med/max)':>22} {'p95 ms med':>11}", end="")
    print(f" {'rebuild s med':>14} {'RSS MiB':>8}")
    for documents, engines in sizes.items():
        for name, row in engines.items():
            rps = row["rps"]
            print(
                f"{documents:>10} {name:20} {rps['min']:>6}/{rps['median']:>6}/{rps['max']:>6}     "
                f"{row['p95_ms']['median']:>11} {row['rebuild_seconds']['median']:>14} "
                f"{row['rebuild_peak_rss_mib']['median']:>8}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--wagtail-connections", type=int, default=0, help="Wagtail's side (default: the same as --connections)"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse var/bench's database and index if there")
    parser.add_argument("--engines", action="store_true", help="embedded vs one and three OpenSearch nodes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="5000,25000", help="corpus items (each in 2 languages)")
    args = parser.parse_args()
    if args.engines:
        engines_comparison(args)
        return

    if args.reuse and (VAR / "liaison.sqlite3").exists():
        print("Reusing the benchmark database and indexes under var/bench", flush=True)
        built = {"reused": True}
    else:
        print("Building the benchmark corpus and indexes…", flush=True)
        built = setup_database()
        print(
            f"  {built['documents']:,} documents; rebuild {built['rebuild_seconds']} s "
            f"(Wagtail update_index {built['wagtail_update_index_seconds']} s)",
            flush=True,
        )

    lines = [ln.strip() for ln in (Path(__file__).parent / "queries.txt").read_text().splitlines()]
    queries = [ln for ln in lines if ln and not ln.startswith("#")]
    portal_paths = [f"/api/v1/search?{q}" for q in queries]
    wagtail_paths = [
        "/bench/wagtail-search?" + urlencode({"q": parse_qs(q)["q"][0], "lang": parse_qs(q)["lang"][0]})
        for q in queries
    ]
    # Three sides, each with the same connections and all 40 queries, interleaved run by run:
    # the portal as configured (facet counts remembered per query and index version), the
    # portal counting facets on every request (SEARCH_FACET_CACHE=0: what a query never seen
    # before costs), and Wagtail's database backend on the first server.
    sides = {
        "embedded_api": "portal search API (embedded)",
        "embedded_api_uncached_facets": "  same, facets counted each time",
        "wagtail_database_backend": "Wagtail database backend",
    }
    loads: dict[str, list[dict]] = {name: [] for name in sides}
    # Wagtail's side has a server of its own, started for each run and stopped at once after
    # it: its slow requests, still running when wrk stops, must not load the next side.
    wagtail_connections = args.wagtail_connections or args.connections
    with gunicorn(args.workers) as base, gunicorn(args.workers, environment=env(SEARCH_FACET_CACHE="0")) as cold:
        warm(base, portal_paths)
        warm(cold, portal_paths)
        print(
            f"Load: wrk, {args.connections} connections, {args.seconds} s per side, {args.runs} interleaved runs, "
            f"{args.workers} gunicorn sync workers",
            flush=True,
        )
        for run in range(args.runs):
            for name in sides:
                with contextlib.ExitStack() as stack:
                    if name == "wagtail_database_backend":
                        server = stack.enter_context(gunicorn(args.workers, stop=signal.SIGQUIT))
                        paths, connections = wagtail_paths, wagtail_connections
                        warm(server, paths[:4], rounds=1)
                    else:
                        server = base if name == "embedded_api" else cold
                        paths, connections = portal_paths, args.connections
                    waited = settle()
                    with outside_load() as seen:
                        row = wrk(server, paths, seconds=args.seconds, connections=connections)
                loads[name].append({**row, **seen, "settled_seconds": waited})
                print(
                    f"  run {run + 1}/{args.runs} {name}: {row['rps']:.0f} req/s, p95 {row['p95_ms']} ms, "
                    f"errors {row['errors']}, outside CPU {seen['outside_cpu_percent']} %",
                    flush=True,
                )

    def summary(rows: list[dict]) -> dict:
        return {
            "rps": spread([round(r["rps"], 1) for r in rows]),
            "p50_ms": spread([r["p50_ms"] for r in rows]),
            "p95_ms": spread([r["p95_ms"] for r in rows]),
            "errors": sum(r["errors"] for r in rows),
            "outside_cpu_percent": spread([r["outside_cpu_percent"] for r in rows]),
            "runs": rows,
        }

    results = {name: summary(rows) for name, rows in loads.items()}
    embedded = results["embedded_api"]
    ratios = [
        portal["rps"] / wagtail["rps"] if wagtail["rps"] else float("inf")
        for portal, wagtail in zip(loads["embedded_api"], loads["wagtail_database_backend"], strict=True)
    ]
    ratio = spread([round(r, 1) for r in ratios])
    data = {
        **built,
        "queries": len(queries),
        "load": {
            "tool": "wrk",
            "connections": args.connections,
            "wagtail_connections": args.wagtail_connections or args.connections,
            "seconds": args.seconds,
            "runs": args.runs,
            "gunicorn_workers": args.workers,
            "worker_class": "sync",
        },
        **results,
        "throughput_ratio": ratio,
        "targets": {"rps": 500, "p95_ms": 50, "rebuild_seconds": 30, "ratio": 5},
        "met": {
            "rps": embedded["rps"]["median"] >= 500,
            "p95": embedded["p95_ms"]["median"] <= 50,
            "rebuild": built.get("rebuild_seconds", 0) <= 30,
            "ratio": ratio["median"] >= 5,
            "no_errors": embedded["errors"] == 0,
        },
    }
    save("search", data)
    print()
    print(f"{'':34} {'req/s min/median/max':>22} {'p95 ms median':>14} {'errors':>7}")
    for name, label in sides.items():
        row = results[name]
        rps = row["rps"]
        print(
            f"{label:34} {rps['min']:>6.0f}/{rps['median']:>6.0f}/{rps['max']:>6.0f}   "
            f"{row['p95_ms']['median']:>14.1f} {row['errors']:>7}"
        )
    print(f"throughput ratio (same run): {ratio['min']}/{ratio['median']}/{ratio['max']}×")
    if "rebuild_seconds" in built:
        print(f"rebuild of {built['documents']:,} documents: {built['rebuild_seconds']} s")
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in data["met"].items()))


if __name__ == "__main__":
    main()
