"""Search benchmark: 10,000-document bilingual corpus, the portal's search API against Wagtail's.

    python bench/search.py [--seconds 20] [--connections 16] [--workers 4] [--runs 3]
                           [--database postgresql|sqlite] [--no-opensearch]

1. Builds a fresh benchmark database: a throwaway PostgreSQL server by default (``--database
   sqlite`` for the file under var/bench; ``--reuse`` keeps that one): migrations, the demo
   content, and the generated corpus (bench/corpus.py: 5,000 items × English and French =
   10,000 news pages).
2. Times ``search_index --rebuild`` on the embedded engine (target ≤ 30 s) and, when Java and
   Maven are here, on one real OpenSearch node started for the run (scripts/opensearch_cluster.py).
3. Builds Wagtail's own search indexes for the same pages (``update_index``): its database
   backend (PostgreSQL's full-text search) and its OpenSearch backend on the same node.
4. Serves each side with gunicorn on loopback (4 sync workers each, DEBUG off) and runs wrk over
   the 40 queries of bench/queries.txt, all sampled, with the same connections on every side,
   side after side (interleaved), ``--runs`` times, with min/median/max and the CPU other
   programs used meanwhile. The sides: GET /api/v1/search on the embedded engine, as configured
   and with SEARCH_FACET_CACHE=0 (facets counted on every request, as for a query never asked
   before); the same q/lang on a bench-only view running Wagtail's database backend; then, with
   OpenSearch, the portal's API on that node and the bench view on Wagtail's OpenSearch backend
   on the same node. Anonymous requests throughout.
The two sides do not do the same work: the portal's API also counts facets, expands the
glossary across languages, builds snippets and checks the audience; Wagtail's view returns ten
titles and a count, with the same language and audience filters.
Targets: p95 ≤ 50 ms and ≥ 500 searches/s (median run), ≥ 30× Wagtail's database backend on
PostgreSQL in the same runs.

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
import os
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


def _timed(*args: str, environment: dict | None = None) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run([PYTHON, *args], cwd=ROOT, env=environment or env(), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:3])} failed:\n{done.stderr[-3000:]}")
    return time.monotonic() - started, done.stdout


def setup_database(opensearch: dict | None) -> dict:
    """The corpus and every index the sides read: the embedded engine's, the portal's index on
    OpenSearch (``opensearch``: that side's environment), and Wagtail's (database, OpenSearch)."""
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    manage("migrate", "--noinput", "-v0")
    manage("load_demo", "--no-users", "-v0")
    corpus_seconds, _ = _timed("-c", "import django; django.setup(); from bench import corpus; print(corpus.build())")
    rebuild_seconds, output = _timed("manage.py", "search_index", "--rebuild")
    documents = int(output.split("documents:")[1].split("·")[0].strip())
    built = {"documents": documents, "corpus_build_seconds": round(corpus_seconds, 1)}
    built["rebuild_seconds"] = round(rebuild_seconds, 2)
    if opensearch:
        seconds, _ = _timed("manage.py", "search_index", "--rebuild", environment=opensearch)
        built["opensearch_rebuild_seconds"] = round(seconds, 2)
    # Every backend in bench/settings.py: the database's, and OpenSearch's when it is configured.
    seconds, _ = _timed("manage.py", "update_index", "--chunk_size", "1000")
    built["wagtail_update_index_seconds"] = round(seconds, 1)
    return built


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


def _opensearch_available() -> str | None:
    """Why the OpenSearch sides cannot run here, or None when they can."""
    if not shutil.which("mvn"):
        return "Maven is missing (OpenSearch's jars come from Maven Central)"
    try:
        from scripts.opensearch_cluster import java_binary

        java_binary()
    except SystemExit as exc:
        return str(exc)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--database", choices=("postgresql", "sqlite"), default="postgresql", help="where the pages live"
    )
    parser.add_argument("--no-opensearch", action="store_true", help="leave out the two OpenSearch sides")
    parser.add_argument("--reuse", action="store_true", help="with --database sqlite: keep var/bench's database")
    parser.add_argument("--engines", action="store_true", help="embedded vs one and three OpenSearch nodes")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="5000,25000", help="corpus items (each in 2 languages)")
    args = parser.parse_args()
    if args.engines:
        engines_comparison(args)
        return
    with contextlib.ExitStack() as services:
        _compare(args, services)


def _compare(args, services: contextlib.ExitStack) -> None:
    from tests.pgserver import PostgresServer, binaries

    if args.database == "postgresql":
        bindir = binaries()
        if bindir is None:
            raise SystemExit("PostgreSQL is needed (apt-get install postgresql), or run with --database sqlite")
        server = PostgresServer(bindir)
        os.environ["DATABASE_URL"] = server.start()
        services.callback(server.stop)
    opensearch = None
    why_not = "--no-opensearch" if args.no_opensearch else _opensearch_available()
    if why_not:
        print(f"The OpenSearch sides are left out: {why_not}", flush=True)
    else:
        from scripts.opensearch_cluster import Cluster

        cluster = Cluster(home=VAR.parent / "bench-opensearch-peer", nodes=1, name="bench-peer")
        shutil.rmtree(cluster.home, ignore_errors=True)
        print("Starting one OpenSearch node…", flush=True)
        cluster.start(progress=lambda message: None)
        services.callback(cluster.stop)
        os.environ["BENCH_WAGTAIL_OPENSEARCH_URL"] = cluster.urls[0]
        opensearch = env(BENCH_SEARCH_URL=cluster.urls[0])

    if args.reuse and args.database == "sqlite" and (VAR / "liaison.sqlite3").exists():
        print("Reusing the benchmark database and indexes under var/bench", flush=True)
        built = {"reused": True}
    else:
        print(f"Building the benchmark corpus and indexes on {args.database}…", flush=True)
        built = setup_database(opensearch)
        print(f"  {built}", flush=True)

    lines = [ln.strip() for ln in (Path(__file__).parent / "queries.txt").read_text().splitlines()]
    queries = [ln for ln in lines if ln and not ln.startswith("#")]
    portal_paths = [f"/api/v1/search?{q}" for q in queries]

    def wagtail_paths(backend: str) -> list[str]:
        return [
            "/bench/wagtail-search?"
            + urlencode({"q": parse_qs(q)["q"][0], "lang": parse_qs(q)["lang"][0], "backend": backend})
            for q in queries
        ]

    database = "PostgreSQL" if args.database == "postgresql" else "SQLite FTS5"
    # name → (label, paths, server). Every side has the same connections and all 40 queries.
    sides = {
        "embedded_api": ("portal search API (embedded)", portal_paths, "embedded"),
        "embedded_api_uncached_facets": ("  same, facets counted each time", portal_paths, "cold"),
        "wagtail_database_backend": (f"Wagtail database backend ({database})", wagtail_paths("default"), "wagtail"),
    }
    if opensearch:
        sides["opensearch_api"] = ("portal search API (OpenSearch)", portal_paths, "opensearch")
        sides["wagtail_opensearch_backend"] = ("Wagtail OpenSearch backend", wagtail_paths("opensearch"), "wagtail")
    loads: dict[str, list[dict]] = {name: [] for name in sides}
    with contextlib.ExitStack() as stack:
        servers = {
            "embedded": stack.enter_context(gunicorn(args.workers)),
            "cold": stack.enter_context(gunicorn(args.workers, environment=env(SEARCH_FACET_CACHE="0"))),
        }
        if opensearch:
            servers["opensearch"] = stack.enter_context(gunicorn(args.workers, environment=opensearch))
        for base in servers.values():
            warm(base, portal_paths)
        print(
            f"Load: wrk, {args.connections} connections, {args.seconds} s per side, {args.runs} interleaved runs, "
            f"{args.workers} gunicorn sync workers",
            flush=True,
        )
        # Run 0 is a warm-up, not recorded: 5 s per side, so the JVM's compiler, the caches and
        # PostgreSQL's buffers are as warm for the first recorded run as for the last.
        for run in range(args.runs + 1):
            for name, (_label, paths, which) in sides.items():
                with contextlib.ExitStack() as side:
                    if which == "wagtail":
                        # Wagtail's sides get a server of their own, started for each run and
                        # stopped at once after it: slow requests still running when wrk stops
                        # must not load the next side.
                        base = side.enter_context(gunicorn(args.workers, stop=signal.SIGQUIT))
                        warm(base, paths[:4], rounds=1)
                    else:
                        base = servers[which]
                    waited = settle()
                    with outside_load() as seen:
                        row = wrk(base, paths, seconds=args.seconds if run else 5, connections=args.connections)
                if not run:
                    print(f"  warm-up {name}: {row['rps']:.0f} req/s (not recorded)", flush=True)
                    continue
                # wrk_paths.lua rotates each of its 2 threads through the list from the start.
                row["queries_sampled"] = min(len(paths), row["requests"] // 2)
                loads[name].append({**row, **seen, "settled_seconds": waited})
                print(
                    f"  run {run}/{args.runs} {name}: {row['rps']:.0f} req/s, p95 {row['p95_ms']} ms, "
                    f"errors {row['errors']}, queries sampled {row['queries_sampled']}, "
                    f"outside CPU {seen['outside_cpu_percent']} %",
                    flush=True,
                )

    def summary(rows: list[dict]) -> dict:
        return {
            "rps": spread([round(r["rps"], 1) for r in rows]),
            "p50_ms": spread([r["p50_ms"] for r in rows]),
            "p95_ms": spread([r["p95_ms"] for r in rows]),
            "errors": sum(r["errors"] for r in rows),
            "queries_sampled": min(r["queries_sampled"] for r in rows),
            "outside_cpu_percent": spread([r["outside_cpu_percent"] for r in rows]),
            "runs": rows,
        }

    def ratio(ours: str, theirs: str) -> dict:
        """Per run, ours over theirs (the two sides of the same run)."""
        values = [
            a["rps"] / b["rps"] if b["rps"] else float("inf") for a, b in zip(loads[ours], loads[theirs], strict=True)
        ]
        return spread([round(v, 1) for v in values])

    results = {name: summary(rows) for name, rows in loads.items()}
    embedded = results["embedded_api"]
    ratios = {"embedded_vs_wagtail_database": ratio("embedded_api", "wagtail_database_backend")}
    if opensearch:
        ratios["opensearch_api_vs_wagtail_opensearch"] = ratio("opensearch_api", "wagtail_opensearch_backend")
        ratios["embedded_vs_wagtail_opensearch"] = ratio("embedded_api", "wagtail_opensearch_backend")
    data = {
        **built,
        "database": args.database,
        "opensearch": None if why_not else "2.19.6, one node, 512 MiB heap, on the same machine",
        "opensearch_left_out": why_not,
        "queries": len(queries),
        "load": {
            "tool": "wrk",
            "connections": args.connections,
            "seconds": args.seconds,
            "runs": args.runs,
            "gunicorn_workers": args.workers,
            "worker_class": "sync",
        },
        **results,
        "ratios": ratios,
        "targets": {"rps": 500, "p95_ms": 50, "rebuild_seconds": 30, "ratio_vs_wagtail_database": 30},
        "met": {
            "rps": embedded["rps"]["median"] >= 500,
            "p95": embedded["p95_ms"]["median"] <= 50,
            "rebuild": built.get("rebuild_seconds", 0) <= 30,
            "ratio": args.database == "postgresql" and ratios["embedded_vs_wagtail_database"]["median"] >= 30,
            "no_errors": all(row["errors"] == 0 for row in results.values()),
        },
    }
    save("search", data)
    print()
    print(f"{'':38} {'req/s min/median/max':>22} {'p95 ms median':>14} {'errors':>7}")
    for name, (label, _paths, _which) in sides.items():
        row = results[name]
        rps = row["rps"]
        print(
            f"{label:38} {rps['min']:>6.0f}/{rps['median']:>6.0f}/{rps['max']:>6.0f}   "
            f"{row['p95_ms']['median']:>14.1f} {row['errors']:>7}"
        )
    for name, value in ratios.items():
        print(f"{name} (same runs): {value['min']}/{value['median']}/{value['max']}×")
    if "rebuild_seconds" in built:
        print(f"rebuild of {built['documents']:,} documents: {built['rebuild_seconds']} s")
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in data["met"].items()))


if __name__ == "__main__":
    main()
