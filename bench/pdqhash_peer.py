#!/usr/bin/env python3
"""The pdqhash side of bench/image_hash_vs_pdqhash.sh: decode and PDQ-hash image files on one thread.

pdqhash (PyPI) wraps Meta's reference C++ PDQ core; images are decoded the way python-threatexchange does it:
Pillow `Image.open(path).convert("RGB")`, then `numpy.asarray` and `pdqhash.compute`. Timed like
`custos dev bench-image-hash`: every figure is the median of --repeat passes over all files (the fastest pass is
reported too), for decode+hash, decode only, and hashing of already-decoded pixels only.

With --expect FILE (the JSON `custos dev bench-image-hash --json` printed), the hashes and qualities are compared
file by file with Custos's and every mismatch is listed in the output.

    python bench/pdqhash_peer.py PATH... [--repeat N] [--expect custos.json]
"""

import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import pdqhash
import PIL
from PIL import Image

EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


def collect(paths):
    """The files named, directories searched recursively; the order custos dev bench-image-hash uses."""
    files = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        found = []
        for root, _, names in os.walk(path):
            for name in names:
                if os.path.splitext(name)[1].lower() in EXTENSIONS:
                    found.append(os.path.relpath(os.path.join(root, name), path))
        files += [os.path.join(path, name) for name in sorted(found)]
    return files


def decode(path):
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def hex_of(vector):
    # pdqhash's first element is the most significant bit of the reference's hex string.
    return np.packbits(vector.astype(np.uint8)).tobytes().hex()


def measure(repeat, count, size, pixels, one_pass):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        one_pass()
        times.append(time.perf_counter() - started)
    times.sort()
    median = times[len(times) // 2]
    return {
        "seconds": median,
        "bestSeconds": times[0],
        "imagesPerSecond": count / median,
        "mbPerSecond": size / 1e6 / median,
        "megapixelsPerSecond": pixels / 1e6 / median,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--expect", help="custos dev bench-image-hash --json output to compare hashes with")
    args = parser.parse_args()

    files = collect(args.paths)
    if not files:
        sys.exit("pdqhash_peer: no image files in " + " ".join(args.paths))
    arrays = [decode(path) for path in files]
    size = sum(os.path.getsize(path) for path in files)
    pixels = sum(array.shape[0] * array.shape[1] for array in arrays)
    hashes = []
    for path, array in zip(files, arrays):
        vector, quality = pdqhash.compute(array)
        hashes.append({"file": path, "pdq": hex_of(vector), "quality": int(quality)})

    def decode_and_hash():
        for path in files:
            pdqhash.compute(decode(path))

    def decode_only():
        for path in files:
            decode(path)

    def hash_only():
        for array in arrays:
            pdqhash.compute(array)

    report = {
        "files": len(files),
        "bytes": size,
        "pixels": pixels,
        "repeat": args.repeat,
        "decodeAndHash": measure(args.repeat, len(files), size, pixels, decode_and_hash),
        "decodeOnly": measure(args.repeat, len(files), size, pixels, decode_only),
        "hashOnly": measure(args.repeat, len(files), size, pixels, hash_only),
        "pdqhashVersion": getattr(pdqhash, "__version__", None) or package_version("pdqhash"),
        "pillowVersion": PIL.__version__,
        "numpyVersion": np.__version__,
        "python": platform.python_version(),
    }
    if args.expect:
        with open(args.expect) as handle:
            theirs = {entry["file"]: entry for entry in json.load(handle)["hashes"]}
        mismatches = []
        for ours in hashes:
            other = theirs.get(ours["file"])
            if other is None or other["pdq"] != ours["pdq"] or other["quality"] != ours["quality"]:
                distance = None
                if other is not None:
                    distance = bin(int(other["pdq"], 16) ^ int(ours["pdq"], 16)).count("1")
                mismatches.append({"file": ours["file"], "pdqhash": ours, "custos": other, "distance": distance})
        report["compared"] = len(hashes)
        report["mismatches"] = mismatches
    report["hashes"] = hashes
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


def package_version(name):
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001 - the version is informative only
        return "unknown"


if __name__ == "__main__":
    main()
