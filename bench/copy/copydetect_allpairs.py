#!/usr/bin/env python3
"""copydetect's all-pairs comparison of every file in a folder, timed: the peer of bench/copy_allpairs.sh.

  copydetect_allpairs.py DIR [--max-files N]

Runs `CopyDetector(test_dirs=[DIR], ref_dirs=[DIR])` with copydetect's defaults (noise threshold 25, guarantee
threshold 25), no report, and prints JSON: files, pairs compared, wall-clock and CPU seconds for fingerprinting and for the
comparison loop (`CopyDetector.run()` does both), peak RSS, and the number of pairs whose larger directional similarity reaches
copydetect's display threshold (0.33).
"""

import json
import resource
import sys
import time
from pathlib import Path


def main():
    folder = Path(sys.argv[1])
    import copydetect
    from copydetect import CopyDetector, defaults

    start, cpu_start = time.perf_counter(), time.process_time()
    detector = CopyDetector(test_dirs=[str(folder)], ref_dirs=[str(folder)], extensions=["*"], silent=True,
                            autoopen=False)
    detector._preprocess_code(detector.test_files + detector.ref_files)
    fingerprinted, cpu_fingerprinted = time.perf_counter(), time.process_time()
    detector.run()  # fingerprints are cached in file_data, so this is the comparison loop
    done, cpu_done = time.perf_counter(), time.process_time()
    n = len(detector.test_files)
    sims = detector.similarity_matrix
    flagged = 0
    for i in range(n):
        for j in range(i + 1, n):
            if max(sims[i, j, 0], sims[i, j, 1]) >= defaults.DISPLAY_THRESHOLD:
                flagged += 1
    print(json.dumps({
        "files": n,
        "pairs": n * (n - 1) // 2,
        "fingerprintSeconds": fingerprinted - start,
        "compareSeconds": done - fingerprinted,
        "totalSeconds": done - start,
        "fingerprintCPUSeconds": cpu_fingerprinted - cpu_start,
        "compareCPUSeconds": cpu_done - cpu_fingerprinted,
        "totalCPUSeconds": cpu_done - cpu_start,
        "pairsAtDisplayThreshold": flagged,
        "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "copydetectVersion": getattr(copydetect, "__version__", None),
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
