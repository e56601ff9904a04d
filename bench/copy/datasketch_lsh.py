#!/usr/bin/env python3
"""datasketch MinHash + MinHashLSH over a text corpus, timed: the peer of bench/copy_lsh.sh.

  datasketch_lsh.py CORPUS.tsv PLANTED.tsv [--perm 128] [--threshold 0.5] [--shingle 3]

For each document in order: a MinHash (num_perm) of its word shingles (default: 3 consecutive lower-cased words,
`MinHash.update_batch`), `MinHashLSH.query` (candidates among the documents before it) and `MinHashLSH.insert`.
Prints JSON: documents/s for signature + query + insert (wall clock and CPU), the candidate pairs reported, and how
many planted pairs (copy, source) were among them.
"""

import argparse
import json
import resource
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("planted")
    parser.add_argument("--perm", type=int, default=128)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--shingle", type=int, default=3)
    args = parser.parse_args()
    import datasketch
    from datasketch import MinHash, MinHashLSH

    documents = []
    with open(args.corpus, encoding="utf-8") as handle:
        for line in handle:
            key, text = line.rstrip("\n").split("\t", 1)
            documents.append((key, text))
    planted = set()
    with open(args.planted, encoding="utf-8") as handle:
        for line in handle:
            copy, source = line.split()
            planted.add((copy, source))

    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.perm)
    found = set()
    candidates = 0
    k = args.shingle
    start, cpu_start = time.perf_counter(), time.process_time()
    for key, text in documents:
        tokens = text.lower().split()
        shingles = {" ".join(tokens[i : i + k]).encode("utf-8") for i in range(max(1, len(tokens) - k + 1))}
        m = MinHash(num_perm=args.perm)
        m.update_batch(list(shingles))
        for other in lsh.query(m):
            candidates += 1
            if (key, other) in planted:
                found.add((key, other))
        lsh.insert(key, m)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({
        "documents": len(documents),
        "seconds": wall,
        "cpuSeconds": cpu,
        "documentsPerSecond": len(documents) / wall,
        "documentsPerCPUSecond": len(documents) / cpu,
        "candidatePairs": candidates,
        "planted": len(planted),
        "plantedFound": len(found),
        "perm": args.perm,
        "threshold": args.threshold,
        "shingle": k,
        "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "datasketchVersion": datasketch.__version__ if hasattr(datasketch, "__version__") else None,
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
