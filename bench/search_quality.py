"""Search relevance on judged queries: success@5, MRR and nDCG@10 per category, per engine.

    python bench/search_quality.py [--engines embedded,opensearch] [--show-misses]

Builds a fresh database with the demo content (as `make run` has it: pages, events) under
var/bench-quality, indexes it in each
engine (the embedded one; a real OpenSearch node started here when Java and Maven are
there), runs the queries of bench/quality_queries.py through the portal's search service as
their reader (anonymous, a delegate, a law-enforcement officer), and writes the scores to
bench/results.json ("search_quality"). A hit counts when its title, or one of its
translations' titles, is judged relevant.

- success@5: the share of queries with a relevant item in the first five results;
- MRR: the mean of 1 / rank of the first relevant item (0 when none in the first ten);
- nDCG@10: the ranking's discounted gain over the first ten, against the ideal order.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, env, save  # noqa: E402

QUALITY_VAR = ROOT / "var" / "bench-quality"
TOP = 10


def scores(ranked_titles: list[list[str]], relevant: list[list[str]]) -> dict:
    """success@5, reciprocal rank and nDCG@10 of one ranking (each hit: its titles; each
    relevant item: the titles of its versions). An item found twice gains once."""
    gains, found = [], set()
    for titles in ranked_titles[:TOP]:
        item = next((i for i, names in enumerate(relevant) if i not in found and set(names) & set(titles)), None)
        if item is not None:
            found.add(item)
        gains.append(0.0 if item is None else 1.0)
    first = next((i for i, gain in enumerate(gains) if gain), None)
    dcg = sum(gain / math.log2(i + 2) for i, gain in enumerate(gains))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), TOP)))
    return {
        "success5": 1.0 if first is not None and first < 5 else 0.0,
        "rr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg10": dcg / ideal if ideal else 0.0,
    }


def _readers() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser, Group

    users = {"public": AnonymousUser()}
    for reader, group in (("delegate", "Delegates"), ("police", "Law enforcement")):
        user, _created = get_user_model().objects.get_or_create(email=f"quality-{reader}@liaison.example")
        user.groups.set(Group.objects.filter(name=group))
        users[reader] = get_user_model().objects.get(pk=user.pk)  # fresh: no cached clearance
    return users


def evaluate(engine_name: str, url: str | None) -> dict:
    """Index the demo content in one engine and run every judged query (in this process)."""
    from urllib.parse import urlencode

    from django.http import QueryDict
    from django.test import override_settings

    from bench.quality_queries import QUERIES
    from search import indexing
    from search.engines import reset_engine
    from search.service import search_run

    overrides = {"SEARCH_URL": url, "SEARCH_INDEX_NAME": "quality", "SEARCH_EMBEDDED_PATH": str(QUALITY_VAR / "search")}
    with override_settings(**overrides):
        reset_engine()
        indexing.rebuild()
        readers = _readers()
        per_query = []
        for query in QUERIES:
            params = QueryDict(urlencode({"q": query["q"], **query["filters"]}))
            outcome = search_run(user=readers[query["reader"]], params=params, language=query["language"])
            ranked = [[hit["title"], *(t["title"] for t in hit["translations"])] for hit in outcome.hits]
            per_query.append(
                {
                    **{k: query[k] for k in ("category", "language", "reader", "q", "filters")},
                    "top": [titles[0] for titles in ranked[:5]],
                    "total": outcome.total,
                    **scores(ranked, query["relevant"]),
                }
            )
    reset_engine()
    return {"engine": engine_name, "queries": per_query}


def summarise(per_query: list[dict]) -> dict:
    by_category: dict[str, list[dict]] = defaultdict(list)
    for row in per_query:
        by_category[row["category"]].append(row)
    by_category["overall"] = per_query

    def mean(rows, key):
        return round(sum(r[key] for r in rows) / len(rows), 3)

    return {
        name: {"queries": len(rows), **{k: mean(rows, k) for k in ("success5", "rr", "ndcg10")}}
        for name, rows in by_category.items()
    }


def _child(args) -> None:
    """Runs inside a Django process (bench settings, the quality database)."""
    import django

    django.setup()
    result = evaluate(args.child, args.url or None)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="embedded,opensearch")
    parser.add_argument("--show-misses", action="store_true", help="print each query not answered in the top 5")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)

    environment = env(LIAISON_VAR_DIR=str(QUALITY_VAR))
    print("Building the demo database…", flush=True)
    shutil.rmtree(QUALITY_VAR, ignore_errors=True)
    QUALITY_VAR.mkdir(parents=True)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=environment, check=True)

    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    cluster = None
    results = {}
    try:
        for name in engines:
            url = ""
            if name == "opensearch":
                if not (shutil.which("java") or os.environ.get("JAVA_HOME")) or not shutil.which("mvn"):
                    print("opensearch skipped: it needs Java 17 and Maven", flush=True)
                    continue
                from scripts.opensearch_cluster import Cluster

                cluster = Cluster(home=QUALITY_VAR / "opensearch", nodes=1, name="bench-quality")
                cluster.start(progress=lambda message: None)
                url = cluster.url
            out = QUALITY_VAR / f"{name}.json"
            print(f"Judging {name}…", flush=True)
            subprocess.run(
                [PYTHON, __file__, "--child", name, "--url", url, "--out", str(out)],
                cwd=ROOT,
                env=environment,
                check=True,
            )
            results[name] = json.loads(out.read_text())
    finally:
        if cluster is not None:
            cluster.stop()

    summaries = {name: summarise(result["queries"]) for name, result in results.items()}
    save(
        "search_quality",
        {
            "queries": len(next(iter(results.values()))["queries"]) if results else 0,
            "engines": summaries,
            "misses": {
                name: [
                    {k: row[k] for k in ("category", "language", "reader", "q", "filters", "top", "total")}
                    for row in result["queries"]
                    if not row["success5"]
                ]
                for name, result in results.items()
            },
        },
    )
    categories = list(next(iter(summaries.values())).keys()) if summaries else []
    print()
    print(f"{'category':16} {'n':>4}", *(f"{name + ' s@5/MRR/nDCG':>30}" for name in summaries))
    for category in sorted(categories, key=lambda c: (c == "overall", c)):
        cells = []
        for summary in summaries.values():
            row = summary[category]
            cells.append(f"{row['success5']:>10.2f} {row['rr']:>8.2f} {row['ndcg10']:>9.2f}")
        print(f"{category:16} {next(iter(summaries.values()))[category]['queries']:>4}", *cells)
    if args.show_misses:
        for name, result in results.items():
            for row in result["queries"]:
                if not row["success5"]:
                    where = f"{row['category']}/{row['language']}/{row['reader']}"
                    print(f"[{name}] miss {where}: {row['q']!r}", row["top"])


if __name__ == "__main__":
    main()
