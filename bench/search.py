"""Search benchmark: 10,000-document bilingual corpus, embedded engine vs Wagtail's DB search.

    python bench/search.py [--seconds 20] [--connections 16] [--workers 4]

1. Builds a fresh benchmark database under var/bench: migrations, the demo content, and the
   generated corpus (bench/corpus.py: 5,000 items × English and French = 10,000 news pages).
2. Times ``search_index --rebuild`` on the embedded engine (target ≤ 30 s).
3. Builds Wagtail's own database search index for the same pages (``update_index``).
4. Serves the portal with gunicorn on loopback and runs wrk for a fixed time over the 40
   queries in bench/queries.txt — first against GET /api/v1/search, then the same q/lang
   against a bench-only view using Wagtail's search backend. Anonymous requests throughout.
Targets: ≥ 250 searches/s with p95 ≤ 50 ms, and ≥ 5× the throughput of Wagtail's backend.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, VAR, env, gunicorn, manage, save, warm, wrk  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--wagtail-connections", type=int, default=4, help="fewer: Wagtail's backend times out under the full load"
    )
    args = parser.parse_args()

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
    with gunicorn(args.workers) as base:
        warm(base, portal_paths + wagtail_paths)
        print(
            f"Load: wrk, {args.connections} connections, {args.seconds} s per engine, {args.workers} gunicorn workers",
            flush=True,
        )
        embedded = wrk(base, portal_paths, seconds=args.seconds, connections=args.connections)
        wagtail = wrk(base, wagtail_paths, seconds=args.seconds, connections=args.wagtail_connections)

    ratio = embedded["rps"] / wagtail["rps"] if wagtail["rps"] else float("inf")
    data = {
        **built,
        "queries": len(queries),
        "load": {
            "tool": "wrk",
            "connections": args.connections,
            "wagtail_connections": args.wagtail_connections,
            "seconds": args.seconds,
            "gunicorn_workers": args.workers,
        },
        "embedded_api": embedded,
        "wagtail_database_backend": wagtail,
        "throughput_ratio": round(ratio, 1),
        "targets": {"rps": 250, "p95_ms": 50, "rebuild_seconds": 30, "ratio": 5},
        "met": {
            "rps": embedded["rps"] >= 250,
            "p95": embedded["p95_ms"] <= 50,
            "rebuild": built["rebuild_seconds"] <= 30,
            "ratio": ratio >= 5,
            "no_errors": embedded["errors"] == 0,
        },
    }
    save("search", data)
    print()
    print(f"{'':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for label, row in (("portal search (embedded)", embedded), ("Wagtail database backend", wagtail)):
        print(f"{label:28} {row['rps']:>8.0f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['errors']:>7}")
    print(f"throughput ratio: {ratio:.1f}×   rebuild of {built['documents']:,} documents: {built['rebuild_seconds']} s")
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in data["met"].items()))


if __name__ == "__main__":
    main()
