#!/usr/bin/env python3
"""The rapidfuzz peer of `custos dev bench-marks`.

Searches the same register (exported by `custos dev bench-marks --export-names`) for the same labelled queries
(`Sources/CustosSamples/Resources/evaluation.jsonl`) the way a rapidfuzz user would:

    process.extract(query, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=10)

`utils.default_process` (lower-case, non-alphanumerics to spaces, trim) is applied to the register once, up front,
and to each query before the call; that returns the same matches as passing `processor=` to `extract`, without
re-processing every name on every query, which is what rapidfuzz's documentation recommends for repeated searches.
Nice classes in the labelled queries are ignored: rapidfuzz compares strings only.

Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time

import rapidfuzz
from rapidfuzz import fuzz, process, utils


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The sample at index floor(n * fraction), as Custos's SearchEvaluation.measureLatency picks it."""
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def load_register(path: str) -> tuple[list[str], list[str]]:
    ids: list[str] = []
    names: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            right_id, _, name = line.partition("\t")
            ids.append(right_id)
            names.append(name)
    return ids, names


def load_queries(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def select(queries: list[dict], limit: int | None) -> list[dict]:
    """Every k-th query, so that a subset still covers every category (the file is grouped by category)."""
    if limit is None or limit >= len(queries):
        return queries
    stride = len(queries) / limit
    return [queries[int(i * stride)] for i in range(limit)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--names", required=True, help="id<TAB>name lines (custos dev bench-marks --export-names)")
    parser.add_argument("--queries", required=True, help="evaluation.jsonl")
    parser.add_argument("--max-queries", type=int, default=None, help="time only this many queries, spread evenly")
    parser.add_argument("--warmup", type=int, default=3, help="untimed searches before timing")
    args = parser.parse_args()

    started = time.perf_counter()
    ids, names = load_register(args.names)
    choices = [utils.default_process(name) for name in names]
    load_seconds = time.perf_counter() - started

    all_queries = load_queries(args.queries)
    queries = select(all_queries, args.max_queries)

    def search(text: str) -> list[tuple[str, float, int]]:
        return process.extract(utils.default_process(text), choices, scorer=fuzz.WRatio, processor=None, limit=10)

    for query in queries[: args.warmup]:
        search(query["query"])

    samples_ms: list[float] = []
    positives = hits_at_10 = 0
    positive_expected_at_90 = 0
    negatives = 0
    negative_top_scores: list[float] = []
    for query in queries:
        t0 = time.perf_counter()
        results = search(query["query"])
        samples_ms.append((time.perf_counter() - t0) * 1000)
        returned = [(ids[index], score) for _, score, index in results]
        expected = set(query["expected"])
        if expected:
            positives += 1
            if any(right_id in expected for right_id, _ in returned):
                hits_at_10 += 1
            if any(right_id in expected and score >= 90 for right_id, score in returned):
                positive_expected_at_90 += 1
        else:
            negatives += 1
            negative_top_scores.append(returned[0][1] if returned else 0.0)

    ordered = sorted(samples_ms)
    slowest = sorted(zip(samples_ms, (q["query"] for q in queries)), reverse=True)[:5]
    share = lambda count, total: count / total if total else 0.0  # noqa: E731
    report = {
        "rapidfuzzVersion": rapidfuzz.__version__,
        "python": sys.version.split()[0],
        "marks": len(names),
        "loadSeconds": load_seconds,
        "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "queriesTimed": len(queries),
        "queriesAvailable": len(all_queries),
        "latency": {
            "searches": len(samples_ms),
            "p50": percentile(ordered, 0.50),
            "p99": percentile(ordered, 0.99),
            "mean": statistics.fmean(samples_ms) if samples_ms else 0.0,
            "slowest": [f"{text} {ms:.1f} ms" for ms, text in slowest],
        },
        "positives": positives,
        "recallAt10": share(hits_at_10, positives),
        "positivesExpectedAtOrAbove90": share(positive_expected_at_90, positives),
        "negatives": negatives,
        "negativesTopAtOrAbove90": share(sum(s >= 90 for s in negative_top_scores), negatives),
        "negativesTopAtOrAbove80": share(sum(s >= 80 for s in negative_top_scores), negatives),
        "negativesTopMedian": statistics.median(negative_top_scores) if negative_top_scores else 0.0,
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
