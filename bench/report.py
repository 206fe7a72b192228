"""Print bench/results.json as one table (run last by `make bench`; `--markdown` for the README)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def rows(results: dict) -> list[tuple[str, str, str, str, str]]:
    """(benchmark, figure, measured, target, met)"""
    out = []
    if search := results.get("search"):
        api, cold = search["embedded_api"], search.get("embedded_api_uncached_facets")
        ratios = search.get("ratios") or {"embedded_vs_wagtail_database": search["throughput_ratio"]}
        ratio = ratios["embedded_vs_wagtail_database"]
        database = "PostgreSQL" if search.get("database") == "postgresql" else "SQLite"

        def spread(figure: dict, unit: str = "") -> str:
            return f"{figure['min']:.0f} / {figure['median']:.0f} / {figure['max']:.0f}{unit}"

        out += [
            (
                "search",
                f"API, {search.get('documents', 0):,} documents: req/s (min / median / max)",
                spread(api["rps"]),
                "≥ 500",
                _yes(api["rps"]["median"] >= 500),
            ),
            (
                "search",
                "API p95 (median run)",
                f"{api['p95_ms']['median']:.1f} ms",
                "≤ 50 ms",
                _yes(api["p95_ms"]["median"] <= 50),
            ),
        ]
        if cold:
            out.append(("search", "same, facets counted each time: req/s", spread(cold["rps"]), "—", "—"))
        peers = {
            "wagtail_database_backend": f"Wagtail's database backend ({database}): req/s",
            "opensearch_api": "the same API on one OpenSearch node: req/s",
            "wagtail_opensearch_backend": "Wagtail's Elasticsearch backend on that node: req/s",
        }
        for name, label in peers.items():
            if name in search:
                out.append(("search", label, spread(search[name]["rps"]), "—", "—"))
        out.append(
            (
                "search",
                f"API vs Wagtail's database backend on {database} (same runs)",
                f"{ratio['min']} / {ratio['median']} / {ratio['max']}×",
                "≥ 30× (PostgreSQL)",
                _yes(database == "PostgreSQL" and ratio["median"] >= 30),
            )
        )
        if same_engine := ratios.get("opensearch_api_vs_wagtail_opensearch"):
            out.append(
                (
                    "search",
                    "API vs Wagtail, both on OpenSearch (same runs)",
                    f"{same_engine['min']} / {same_engine['median']} / {same_engine['max']}×",
                    "—",
                    "—",
                )
            )
        if "rebuild_seconds" in search:
            out.append(
                (
                    "search",
                    "full rebuild",
                    f"{search['rebuild_seconds']} s",
                    "≤ 30 s",
                    _yes(search["rebuild_seconds"] <= 30),
                )
            )
    if registration := results.get("registration"):
        load = registration["load"]
        out += [
            (
                "registration",
                f"{registration['connections']} clients: per minute",
                f"{registration['registrations_per_minute']:,}",
                "≥ 3,000",
                _yes(registration["met"]["per_minute"]),
            ),
            ("registration", "p95", f"{load['p95_ms']:.0f} ms", "≤ 500 ms", _yes(registration["met"]["p95"])),
            *(
                [
                    (
                        "registration",
                        f"share of the database's limit ({registration['limit']['per_minute']:,}/min, pgbench)",
                        f"{registration['share_of_limit']:.0%}",
                        "≥ 50 %",
                        _yes(registration["met"]["share_of_limit"]),
                    )
                ]
                if "limit" in registration
                else []
            ),
            (
                "registration",
                "over capacity / lost",
                f"{registration['database']['over_capacity']} / {registration['lost']}",
                "0 / 0",
                _yes(registration["met"]["over_capacity"] and registration["met"]["lost"]),
            ),
        ]
        if emails := registration.get("emails"):
            out.append(
                (
                    "registration",
                    f"emails sent during the load (worker nice {emails['worker_nice']})",
                    f"{emails['sent_during_the_load']:,} of {emails['queued']:,}; rest in {emails['drain_seconds']} s",
                    "none lost",
                    _yes(emails.get("unsent_in_the_end", emails["left_after_the_load"]) == 0),
                ),
            )
    if badges := results.get("badges"):
        out.append(
            (
                "badges",
                f"{badges['badges']:,} badges, median",
                f"{badges['seconds_median']} s",
                f"≤ {badges['target_seconds']} s",
                _yes(badges["met"]),
            )
        )
    if desk := results.get("desk"):
        for label, key, count in (
            ("download", "download_seconds", f"{desk['attendees']:,} attendees"),
            ("sync", "sync_seconds", f"{desk['scans']:,} offline check-ins"),
        ):
            spread_ = desk[key]
            out.append(
                (
                    "check-in desk",
                    f"{label} of {count} (PostgreSQL), min–median–max",
                    f"{spread_['min']}–{spread_['median']}–{spread_['max']} s",
                    f"≤ {desk['target_seconds']} s",
                    _yes(spread_["median"] <= desk["target_seconds"]),
                )
            )
    if engines := results.get("search_engines"):
        for documents, by_engine in engines["sizes"].items():
            for name, row in by_engine.items():
                rps, p95 = row["rps"], row["p95_ms"]
                out.append(
                    (
                        "search engines",
                        f"{int(documents) // 1000}k documents, {name.replace('_', ' ')}",
                        f"{rps['min']}–{rps['median']}–{rps['max']} req/s, p95 {p95['median']:.0f} ms, "
                        f"rebuild {row['rebuild_seconds']['median']} s",
                        "—",
                        "—",
                    )
                )
    if pages := results.get("pages"):
        target = pages["targets"]
        for group, cold in pages["cold_first_request"].items():
            out.append(("pages", f"{group}, cold first request p95", f"{cold['p95_ms']:.0f} ms", "—", "—"))
        for key, row in pages["cached"].items():
            rps, p95 = row["rps"], row["p95_ms"]
            if isinstance(rps, dict):  # several runs: min / median / max, judged on the median
                figure = f"{rps['min']:.0f} / {rps['median']:.0f} / {rps['max']:.0f} req/s, p95 {p95['median']:.0f} ms"
                rps, p95 = rps["median"], p95["median"]
            else:
                figure = f"{rps:.0f} req/s, p95 {p95:.0f} ms"
            good = p95 <= target["p95_ms"] and rps >= target["rps"]
            out.append(
                (
                    "pages",
                    f"{key.replace('/', ', ')}, cached",
                    figure,
                    f"≥ {target['rps']}/s, ≤ {target['p95_ms']} ms",
                    _yes(good),
                )
            )
    return out


def _yes(flag: bool) -> str:
    return "yes" if flag else "NO"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text())
    table = rows(results)
    dates = sorted({v["measured_at"][:10] for v in results.values()})
    machine = next(iter(results.values()))["machine"]
    where = f"{machine['cores']} cores, {machine['memory_gib']} GiB, Python {machine['python']}, {machine['platform']}"
    header = ("benchmark", "figure", "measured", "target", "met")
    if args.markdown:
        print(f"Measured {', '.join(dates)} on {where}.\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in table:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(r[i])) for r in [header, *table]) for i in range(len(header))]
    print(f"\nBenchmarks ({', '.join(dates)}; {where})")
    for row in [header, *table]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
