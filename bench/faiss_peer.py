"""faiss-cpu's IndexBinaryFlat on the hashes and queries `custos dev bench-image-index` wrote.

Reads 32-byte rows (a PDQ hash's bytes; Hamming distance does not depend on the byte or bit order as long as both
sides read the same bytes), adds the hashes to `faiss.IndexBinaryFlat(256)` and answers every query with
`range_search(query, max_distance + 1)`: faiss keeps distances strictly below the radius, so this is "within
max_distance bits", Custos's `search(_:maxDistance:)`.

Timed, each with `time.perf_counter` around one call:
  - one query per call on one thread (`faiss.omp_set_num_threads(1)`), the comparison with Custos's figures;
  - one query per call with faiss's default threads;
  - all queries in one call (faiss's batch path), on one thread and on the default threads, per query amortized.
Writes each query's matching ids (ascending, one line per query) to --results, from the batch call over all
queries, and checks that every timed per-query call returned the same ids. Prints JSON.
"""

import argparse
import json
import platform
import resource
import sys
import time

import faiss
import numpy as np


def load(path):
    rows = np.fromfile(path, dtype=np.uint8)
    if rows.size % 32:
        sys.exit(f"{path}: {rows.size} bytes is not a whole number of 32-byte hashes")
    return rows.reshape(-1, 32)


def latency(seconds):
    ms = np.sort(np.asarray(seconds) * 1000.0)
    if ms.size == 0:
        return {"searches": 0, "p50": 0.0, "p99": 0.0, "mean": 0.0, "max": 0.0}
    return {
        "searches": int(ms.size),
        "p50": float(ms[ms.size // 2]),
        "p99": float(ms[min(ms.size - 1, ms.size * 99 // 100)]),
        "mean": float(ms.mean()),
        "max": float(ms[-1]),
    }


def ids_of(lims, ids, number):
    return sorted(int(i) for i in ids[lims[number] : lims[number + 1]])


def per_query(index, queries, radius, count, expected):
    """Times `count` single-query range searches; returns their latency and whether the ids agree."""
    for number in range(min(3, len(queries))):  # warm-up
        index.range_search(queries[number : number + 1], radius)
    seconds = []
    agrees = True
    for number in range(count):
        started = time.perf_counter()
        lims, _, ids = index.range_search(queries[number : number + 1], radius)
        seconds.append(time.perf_counter() - started)
        if ids_of(lims, ids, 0) != expected[number]:
            agrees = False
    return latency(seconds), agrees


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hashes", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--max-distance", type=int, default=31)
    parser.add_argument("--results", required=True, help="write each query's ids here")
    parser.add_argument(
        "--max-queries", type=int, default=0, help="time at most this many single-query calls (0: all)"
    )
    args = parser.parse_args()

    hashes = load(args.hashes)
    queries = load(args.queries)
    radius = args.max_distance + 1
    default_threads = faiss.omp_get_max_threads()

    started = time.perf_counter()
    index = faiss.IndexBinaryFlat(256)
    index.add(hashes)
    build_seconds = time.perf_counter() - started

    # The batch call over all queries gives the reference ids for the per-query calls and for Custos.
    faiss.omp_set_num_threads(default_threads)
    started = time.perf_counter()
    lims, _, ids = index.range_search(queries, radius)
    batch_default_seconds = time.perf_counter() - started
    expected = [ids_of(lims, ids, number) for number in range(len(queries))]
    with open(args.results, "w") as out:
        for matched in expected:
            out.write(" ".join(map(str, matched)) + "\n")

    faiss.omp_set_num_threads(1)
    started = time.perf_counter()
    lims1, _, ids1 = index.range_search(queries, radius)
    batch_single_seconds = time.perf_counter() - started
    batch_agrees = [ids_of(lims1, ids1, number) for number in range(len(queries))] == expected

    timed = len(queries) if args.max_queries <= 0 else min(args.max_queries, len(queries))
    single, single_agrees = per_query(index, queries, radius, timed, expected)
    faiss.omp_set_num_threads(default_threads)
    threaded, threaded_agrees = per_query(index, queries, radius, timed, expected)

    json.dump(
        {
            "faissVersion": faiss.__version__,
            "numpyVersion": np.__version__,
            "python": platform.python_version(),
            "count": int(index.ntotal),
            "queries": len(queries),
            "queriesTimed": timed,
            "maxDistance": args.max_distance,
            "rangeSearchRadius": radius,
            "defaultThreads": default_threads,
            "buildSeconds": build_seconds,
            "indexBytes": int(index.ntotal) * int(index.code_size),
            "bytesPerHash": float(index.code_size),
            "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "singleThread": single,
            "defaultThreadsLatency": threaded,
            "batchSingleThreadMsPerQuery": batch_single_seconds * 1000 / len(queries),
            "batchDefaultThreadsMsPerQuery": batch_default_seconds * 1000 / len(queries),
            "totalMatches": sum(len(matched) for matched in expected),
            "queriesWithMatches": sum(1 for matched in expected if matched),
            "modesAgree": single_agrees and threaded_agrees and batch_agrees,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
