#!/usr/bin/env python3
"""Robustness of Custos's image matching: recall at distance <= 31 per transform, and false matches.

Every hash comes from `custos image hash --json --dihedral`, in both modes: Custos's own (flat borders trimmed
before hashing, the default) and `--reference` (the untouched pixels, Meta's reference output). This script only
makes images (Pillow, numpy) and counts distances.

Positives: the natural photos among the PDQ fixtures, each transformed the ways counterfeit listings copy product
photos (resize, recompress, crop, pad, letterbox, rotate, mirror, text and logo overlays, colour changes, blur,
noise, screenshots). A transformed copy is found when its hash is within 31 bits of the original's: "plain"
compares the copy's hash with the original's, "8 orientations" the best of the copy's eight dihedral hashes (what
`custos image search` and screening do).

The 12-megapixel phone photo is used at half size (its original is the halved photo), to keep the run short.

False matches: --unrelated procedurally generated JPEGs of --unrelated-size pixels square (default 100,000 of
128x128: smooth random fields, random shapes over gradients, random text, sinusoidal textures, and mixtures of
them; seeded, made in chunks in a temporary directory, hashed in Custos's matching mode, as stored images are).
They share no content with the photos, so any query (original or transformed copy, in either mode, with its eight
orientations) within 31 bits of one is a false match. Limitation: they are not photographs; natural photos of similar scenes (sky above, an object
in the middle) are closer to each other in PDQ space than these are to photos, so the rate measured here is a lower
bound for a catalogue of real product photos. The originals' pairwise distances give a small natural check.

    python bench/image_robustness.py --custos BIN --fixtures DIR [--unrelated 100000] [--out bench/out]
"""

import argparse
import csv
import io
import itertools
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

THRESHOLD = 31
MIN_QUALITY = 50
ORIENTATIONS = ["original", "rotate90", "rotate180", "rotate270", "flipX", "flipY", "flipPlus1", "flipMinus1"]

# The natural photos among the fixtures: the bridge's mode and orientation variants are the same photo, rgb.jpeg and
# LA.png are noise, q0003 and q0004 have quality 3 and 4.
SOURCES = [
    "images/bridge-mods/aaa-orig.jpg",
    "images/reg-test-input/pen-and-coaster.png",
    "images/misc-images/c.png",
    "images/reg-test-input/exif-rotn/exif-rotn-1.jpg",
    "images/reg-test-input/labelme-subset/q0122.jpg",
    "images/reg-test-input/labelme-subset/q0291.jpg",
    "images/reg-test-input/labelme-subset/q0746.jpg",
    "images/reg-test-input/labelme-subset/q1050.jpg",
    "images/reg-test-input/labelme-subset/q2821.jpg",
]


FONTS = {}


def font(size):
    """Pillow's default font at `size` (cached: loading it costs more than drawing with it)."""
    size = max(8, size)
    if size not in FONTS:
        try:
            FONTS[size] = ImageFont.load_default(size=size)
        except TypeError:  # Pillow without FreeType: the fixed bitmap font
            FONTS[size] = ImageFont.load_default()
    return FONTS[size]


def crop_center(im, f):
    """Keeps the centre (1 - f) of each side."""
    w, h = im.size
    dx, dy = int(w * f / 2), int(h * f / 2)
    return im.crop((dx, dy, w - dx, h - dy))


def crop_corner(im, f):
    w, h = im.size
    return im.crop((0, 0, int(w * (1 - f)), int(h * (1 - f))))


def pad(im, f, colour):
    w, h = im.size
    return ImageOps.expand(im, border=(int(w * f), int(h * f)), fill=colour)


def on_square(im, colour):
    """The photo centred on a square canvas: the marketplace 'product on white' or a letterboxed frame."""
    w, h = im.size
    side = max(w, h)
    canvas = Image.new("RGB", (side, side), colour)
    canvas.paste(im, ((side - w) // 2, (side - h) // 2))
    return canvas


def text_overlay(im):
    im = im.convert("RGBA")
    w, h = im.size
    layer = Image.new("RGBA", im.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    face = font(int(h * 0.12))
    for k in range(3):
        draw.text((int(w * 0.05), int(h * (0.12 + 0.3 * k))), "SAMPLE SHOP", fill=(255, 255, 255, 170), font=face)
    return Image.alpha_composite(im, layer).convert("RGB")


def price_banner(im):
    """A seller's banner across the bottom fifth with a price in it."""
    im = im.copy()
    w, h = im.size
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, int(h * 0.8), w, h), fill=(200, 20, 20))
    draw.text((int(w * 0.05), int(h * 0.83)), "ONLY $9.99 FREE SHIPPING", fill=(255, 255, 255), font=font(int(h * 0.1)))
    return im


def logo_overlay(im, frac=0.2):
    w, h = im.size
    s = int(min(w, h) * frac)
    im = im.copy()
    draw = ImageDraw.Draw(im)
    draw.ellipse((w - s - 5, h - s - 5, w - 5, h - 5), fill=(220, 30, 30), outline=(255, 255, 255), width=max(1, s // 12))
    draw.text((w - s * 0.8, h - s * 0.65), "LOGO", fill=(255, 255, 255), font=font(s // 4))
    return im


def hue_shift(im, degrees):
    hsv = np.asarray(im.convert("HSV")).copy()
    hsv[..., 0] = (hsv[..., 0].astype(int) + int(degrees / 360 * 255)) % 256
    return Image.fromarray(hsv, "HSV").convert("RGB")


def noise(im, sigma):
    pixels = np.asarray(im).astype(np.float32)
    noisy = pixels + np.random.default_rng(0).normal(0, sigma, pixels.shape)
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def screenshot(im):
    """The photo at 60 % inside a browser-like page: a dark title bar, a grey margin, a caption; then JPEG q70."""
    small = im.resize((max(1, int(im.width * 0.6)), max(1, int(im.height * 0.6))), Image.BILINEAR)
    w, h = small.size
    top, side, bottom = max(12, h // 8), max(8, w // 10), max(12, h // 5)
    page = Image.new("RGB", (w + 2 * side, h + top + bottom), (242, 242, 242))
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, page.width, top * 2 // 3), fill=(40, 40, 48))
    page.paste(small, (side, top))
    draw.text((side, top + h + bottom // 4), "Brand new, original packaging", fill=(30, 30, 30), font=font(bottom // 3))
    return page


def screenshot_crop(im):
    small = im.resize((max(1, int(im.width * 0.6)), max(1, int(im.height * 0.6))), Image.BILINEAR)
    return crop_center(small, 0.04)


# name -> (function, file format the copy is saved in). PNG is lossless, so only the transform itself differs.
TRANSFORMS = {
    "identity": (lambda im: im, "png"),
    "resize_50pct": (lambda im: im.resize((max(1, im.width // 2), max(1, im.height // 2)), Image.LANCZOS), "png"),
    "resize_25pct": (lambda im: im.resize((max(1, im.width // 4), max(1, im.height // 4)), Image.LANCZOS), "png"),
    "upscale_2x": (lambda im: im.resize((im.width * 2, im.height * 2), Image.BICUBIC), "png"),
    "stretch_w130pct": (lambda im: im.resize((int(im.width * 1.3), im.height), Image.BILINEAR), "png"),
    "jpeg_q30": (lambda im: im, "jpeg30"),
    "jpeg_q10": (lambda im: im, "jpeg10"),
    "webp_q50": (lambda im: im, "webp50"),
    "crop_center_5pct": (lambda im: crop_center(im, 0.05), "png"),
    "crop_center_10pct": (lambda im: crop_center(im, 0.10), "png"),
    "crop_center_20pct": (lambda im: crop_center(im, 0.20), "png"),
    "crop_corner_10pct": (lambda im: crop_corner(im, 0.10), "png"),
    "pad_white_10pct": (lambda im: pad(im, 0.10, (255, 255, 255)), "png"),
    "pad_black_10pct": (lambda im: pad(im, 0.10, (0, 0, 0)), "png"),
    "square_on_white": (lambda im: on_square(im, (255, 255, 255)), "png"),
    "letterbox_black": (lambda im: on_square(im, (0, 0, 0)), "png"),
    "rotate_2deg": (lambda im: im.rotate(2, resample=Image.BILINEAR), "png"),
    "rotate_5deg": (lambda im: im.rotate(5, resample=Image.BILINEAR, expand=True), "png"),
    "rotate_90": (lambda im: im.transpose(Image.ROTATE_90), "png"),
    "rotate_180": (lambda im: im.transpose(Image.ROTATE_180), "png"),
    "mirror": (ImageOps.mirror, "png"),
    "text_overlay": (text_overlay, "png"),
    "price_banner": (price_banner, "png"),
    "logo_overlay_20pct": (logo_overlay, "png"),
    "grayscale": (lambda im: ImageOps.grayscale(im).convert("RGB"), "png"),
    "brightness_130pct": (lambda im: ImageEnhance.Brightness(im).enhance(1.3), "png"),
    "contrast_70pct": (lambda im: ImageEnhance.Contrast(im).enhance(0.7), "png"),
    "saturation_200pct": (lambda im: ImageEnhance.Color(im).enhance(2.0), "png"),
    "hue_60deg": (lambda im: hue_shift(im, 60), "png"),
    "gauss_blur_r2": (lambda im: im.filter(ImageFilter.GaussianBlur(2)), "png"),
    "noise_sigma10": (lambda im: noise(im, 10), "png"),
    "screenshot_page": (screenshot, "jpeg70"),
    "screenshot_crop": (screenshot_crop, "jpeg60"),
}


def save(im, path, kind):
    if kind == "png":
        im.save(path + ".png", "PNG", compress_level=1)
        return path + ".png"
    if kind.startswith("jpeg"):
        im.save(path + ".jpg", "JPEG", quality=int(kind[4:]))
        return path + ".jpg"
    im.save(path + ".webp", "WEBP", quality=int(kind[4:]))
    return path + ".webp"


# --- hashing through the CLI ---------------------------------------------------------------------------------


def custos_hash(custos, files, reference, chunk=2000):
    """{file: {"pdq", "quality", "orientations", "trimmed"?}} from `custos image hash --json --dihedral`."""
    result = {}
    for start in range(0, len(files), chunk):
        command = [custos, "image", "hash", "--json", "--dihedral"] + (["--reference"] if reference else [])
        run = subprocess.run(command + files[start : start + chunk], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"custos image hash failed ({run.returncode}): {run.stderr[-2000:]}")
        for line in run.stdout.splitlines():
            entry = json.loads(line)
            result[entry["file"]] = entry
    return result


def words(hex_hash):
    value = int(hex_hash, 16)
    return [(value >> (64 * (3 - k))) & 0xFFFFFFFFFFFFFFFF for k in range(4)]


def matrix(hexes):
    return np.array([words(h) for h in hexes], dtype=np.uint64).reshape(-1, 4)


def scan(queries, stored, usable, orientations, chunk=8):
    """Each query's best distance (over its `orientations` rows) to the stored hashes, in chunks of queries.

    Returns per-query minimum distances, per-query match flags (all stored, usable stored), the number of matching
    (query, stored) pairs, and a histogram of all query-stored distances (for percentiles).
    """
    count = queries.shape[0] // orientations
    minima = np.zeros(count, dtype=np.int32)
    matches = np.zeros(count, dtype=bool)
    matches_usable = np.zeros(count, dtype=bool)
    pairs = 0
    histogram = np.zeros(257, dtype=np.int64)
    for start in range(0, count, chunk):
        rows = queries[start * orientations : min(count, start + chunk) * orientations]
        d = np.zeros((rows.shape[0], stored.shape[0]), dtype=np.uint16)
        for k in range(4):
            d += np.bitwise_count(rows[:, k][:, None] ^ stored[:, k][None, :]).astype(np.uint16)
        d = d.reshape(-1, orientations, stored.shape[0]).min(axis=1)
        end = start + d.shape[0]
        minima[start:end] = d.min(axis=1)
        matches[start:end] = (d <= THRESHOLD).any(axis=1)
        matches_usable[start:end] = (d[:, usable] <= THRESHOLD).any(axis=1)
        pairs += int((d <= THRESHOLD).sum())
        histogram += np.bincount(d.ravel(), minlength=257)
    return minima, matches, matches_usable, pairs, histogram


def percentile(histogram, p):
    cumulative = np.cumsum(histogram)
    return int(np.searchsorted(cumulative, cumulative[-1] * p / 100))


def hamming(a, b):
    return bin(int(a, 16) ^ int(b, 16)).count("1")


# --- unrelated images ----------------------------------------------------------------------------------------

WORDS = ["SALE", "NEW", "ORIGINAL", "PREMIUM", "SHOP", "BRAND", "OFFER", "GIFT", "STORE", "BEST", "QUALITY", "2026"]


def smooth_field(rng, size):
    cells = int(rng.integers(2, 17))
    small = rng.integers(0, 256, (cells, cells, 3), dtype=np.uint8)
    return Image.fromarray(small).resize((size, size), Image.BICUBIC)


def gradient(rng, size):
    """A linear two-colour gradient (computed at 32x32 and scaled up: the same picture at a fraction of the cost)."""
    a, b = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    angle = rng.uniform(0, 2 * np.pi)
    y, x = np.mgrid[0:32, 0:32] / 32
    t = np.clip((np.cos(angle) * x + np.sin(angle) * y + 1) / 2, 0, 1)[..., None]
    return Image.fromarray((a * (1 - t) + b * t).astype(np.uint8)).resize((size, size), Image.BILINEAR)


def texture(rng, size):
    """Sums of coloured sinusoids, up to 12 cycles per side (computed at 64x64 and scaled up)."""
    y, x = np.mgrid[0:64, 0:64] / 64
    pixels = np.zeros((64, 64, 3))
    for _ in range(int(rng.integers(1, 5))):
        fx, fy = rng.uniform(-12, 12, 2)
        phase = rng.uniform(0, 2 * np.pi)
        colour = rng.uniform(-1, 1, 3)
        pixels += np.sin(2 * np.pi * (fx * x + fy * y) + phase)[..., None] * colour
    pixels = (pixels - pixels.min()) / max(1e-6, np.ptp(pixels)) * 255
    return Image.fromarray(pixels.astype(np.uint8)).resize((size, size), Image.BICUBIC)


def shapes(rng, im):
    draw = ImageDraw.Draw(im)
    size = im.width
    for _ in range(int(rng.integers(3, 25))):
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        x0, y0 = rng.integers(-size // 4, size, 2)
        w, h = rng.integers(size // 16, size // 2, 2)
        kind = rng.integers(0, 4)
        if kind == 0:
            draw.ellipse((x0, y0, x0 + w, y0 + h), fill=colour)
        elif kind == 1:
            draw.rectangle((x0, y0, x0 + w, y0 + h), fill=colour)
        elif kind == 2:
            points = [tuple(int(v) for v in rng.integers(0, size, 2)) for _ in range(int(rng.integers(3, 7)))]
            draw.polygon(points, fill=colour)
        else:
            draw.line((x0, y0, x0 + w, y0 + h), fill=colour, width=int(rng.integers(2, 20)))
    return im


def text(rng, im):
    draw = ImageDraw.Draw(im)
    size = im.width
    for _ in range(int(rng.integers(1, 6))):
        words_ = " ".join(rng.choice(WORDS, int(rng.integers(1, 4))))
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        draw.text(tuple(int(v) for v in rng.integers(0, size * 3 // 4, 2)), words_, fill=colour,
                  font=font(int(rng.integers(12, 60))))
    return im


def unrelated_image(index, seed=2026, size=256):
    rng = np.random.default_rng([seed, index])
    kind = index % 6
    if kind == 0:
        return smooth_field(rng, size), "smooth random field"
    if kind == 1:
        return shapes(rng, gradient(rng, size)), "shapes on a gradient"
    if kind == 2:
        return text(rng, gradient(rng, size)), "text on a gradient"
    if kind == 3:
        return texture(rng, size), "sinusoidal texture"
    if kind == 4:
        return text(rng, shapes(rng, smooth_field(rng, size))), "shapes and text on a smooth field"
    return shapes(rng, texture(rng, size)), "shapes on a texture"


def make_unrelated(job):
    index, size, path = job
    im, kind = unrelated_image(index, size=size)
    im.save(path, "JPEG", quality=90)
    return kind


def hash_unrelated(custos, count, size, workdir, chunk=10_000):
    """Makes (on four processes), hashes in Custos's matching mode and deletes `count` unrelated images in chunks."""
    hashes, qualities = [], []
    seconds = {"make": 0.0, "hash": 0.0}
    kinds = {}
    with multiprocessing.Pool(4) as pool:
        for start in range(0, count, chunk):
            directory = os.path.join(workdir, f"chunk-{start}")
            os.makedirs(directory)
            jobs = [(i, size, os.path.join(directory, f"u{i:06d}.jpg")) for i in range(start, min(count, start + chunk))]
            started = time.perf_counter()
            for kind in pool.imap(make_unrelated, jobs, chunksize=200):
                kinds[kind] = kinds.get(kind, 0) + 1
            seconds["make"] += time.perf_counter() - started
            files = [job[2] for job in jobs]
            started = time.perf_counter()
            result = custos_hash(custos, files, reference=False)
            seconds["hash"] += time.perf_counter() - started
            hashes += [result[f]["pdq"] for f in files]
            qualities += [result[f]["quality"] for f in files]
            shutil.rmtree(directory)
            print(f"unrelated: {min(count, start + chunk)}/{count}", file=sys.stderr)
    return hashes, qualities, seconds, kinds


# --- main ----------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--custos", required=True)
    parser.add_argument("--fixtures", required=True, help="Tests/CustosImageTests/Fixtures/pdq")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    parser.add_argument("--unrelated", type=int, default=100_000)
    parser.add_argument("--unrelated-size", type=int, default=128, help="side of the unrelated images, pixels")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="custos-robustness-")
    try:
        # Positives: originals (the fixture files themselves) and their transformed copies.
        copies = []  # (source, transform, path)
        originals = []
        for number, source in enumerate(SOURCES):
            original = os.path.join(args.fixtures, source)
            base = Image.open(original).convert("RGB")
            if base.width * base.height > 4_000_000:
                # The 12-megapixel phone photo at half size (its 33 copies at full size take most of the run): the
                # halved photo is the original its copies are compared with.
                base = base.reduce(2)
                original = save(base, os.path.join(workdir, f"s{number:02d}-original"), "png")
            originals.append(original)
            for name, (transform, kind) in TRANSFORMS.items():
                path = save(transform(base), os.path.join(workdir, f"s{number:02d}-{name}"), kind)
                copies.append((source, name, path))
            print(f"transformed {source}", file=sys.stderr)
        files = originals + [c[2] for c in copies]
        original_of = dict(zip(SOURCES, originals))
        modes = {}
        for mode in ("trimmed", "reference"):
            modes[mode] = custos_hash(args.custos, files, reference=(mode == "reference"))

        rows = []
        for source, name, path in copies:
            row = {"source": source, "transform": name}
            with Image.open(path) as im:
                row["width"], row["height"] = im.size
            for mode, hashes in modes.items():
                stored = hashes[original_of[source]]
                copy = hashes[path]
                row[f"{mode}_quality"] = copy["quality"]
                row[f"{mode}_distance"] = hamming(copy["pdq"], stored["pdq"])
                row[f"{mode}_distance_8_orientations"] = min(
                    hamming(copy["orientations"][o], stored["pdq"]) for o in ORIENTATIONS)
                inset = copy.get("trimmed")
                if mode == "trimmed":
                    row["trimmed_insets"] = (
                        "" if not inset else f"{inset['top']}/{inset['bottom']}/{inset['left']}/{inset['right']}")
            rows.append(row)
        with open(os.path.join(args.out, "image_robustness.csv"), "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(rows)

        # Natural negatives: the originals against each other.
        natural = []
        for a, b in itertools.combinations(originals, 2):
            ha, hb = modes["trimmed"][a], modes["trimmed"][b]
            natural.append(min(hamming(ha["orientations"][o], hb["pdq"]) for o in ORIENTATIONS))

        # False matches against the unrelated set.
        started = time.perf_counter()
        unrelated, qualities, seconds, kinds = hash_unrelated(args.custos, args.unrelated, args.unrelated_size, workdir)
        false = {}
        # The unrelated set is hashed the way Custos stores images (trimmed); both query modes are compared with it.
        stored = matrix(unrelated)
        usable = np.array(qualities) >= MIN_QUALITY
        for mode in ("trimmed", "reference"):
            query_hashes = [modes[mode][f] for f in files]
            plain = matrix([h["pdq"] for h in query_hashes])
            dihedral = matrix([h["orientations"][o] for h in query_hashes for o in ORIENTATIONS])
            min_plain, match_plain, _, _, _ = scan(plain, stored, usable, 1)
            min_dih, match_dih, match_dih_usable, pairs, histogram = scan(dihedral, stored, usable, 8)
            false[mode] = {
                "queries": len(query_hashes),
                "unrelated": int(stored.shape[0]),
                "unrelated_usable": int(usable.sum()),
                "queries_matching_plain": int(match_plain.sum()),
                "queries_matching_8_orientations": int(match_dih.sum()),
                "queries_matching_8_orientations_usable": int(match_dih_usable.sum()),
                "pairs_matching_8_orientations": pairs,
                "min_distance_plain": int(min_plain.min()),
                "min_distance_8_orientations": int(min_dih.min()),
                "query_unrelated_percentiles_8_orientations": {
                    p: percentile(histogram, p) for p in (0.001, 0.01, 0.1, 1, 50)},
                "hash_seconds": seconds["hash"],
            }
            # Unrelated against unrelated: 2,000,000 random pairs.
            rng = np.random.default_rng(7)
            a = rng.integers(0, stored.shape[0], 2_000_000)
            b = rng.integers(0, stored.shape[0], 2_000_000)
            keep = a != b
            pair = np.zeros(int(keep.sum()), dtype=np.uint16)
            for k in range(4):
                pair += np.bitwise_count(stored[a[keep], k] ^ stored[b[keep], k]).astype(np.uint16)
            false[mode]["unrelated_pairs"] = int(pair.size)
            false[mode]["unrelated_pairs_within_31"] = int((pair <= THRESHOLD).sum())
            false[mode]["unrelated_pair_histogram"] = {
                f"{lo}-{lo + 15}": int(((pair >= lo) & (pair <= lo + 15)).sum()) for lo in range(0, 256, 16)}
            false[mode]["unrelated_pair_percentiles"] = {p: float(np.percentile(pair, p)) for p in (0.01, 1, 50, 99)}
        summary = {
            "sources": SOURCES,
            "transforms": list(TRANSFORMS),
            "source_qualities": {s: modes["reference"][original_of[s]]["quality"] for s in SOURCES},
            "natural_negative_pairs": len(natural),
            "natural_negative_min_distance": min(natural),
            "natural_negative_within_31": sum(d <= THRESHOLD for d in natural),
            "unrelated_kinds": kinds,
            "unrelated_make_seconds": seconds["make"],
            "false_matches": false,
            "seconds": time.perf_counter() - started,
        }
        with open(os.path.join(args.out, "image_robustness.json"), "w") as handle:
            json.dump(summary, handle, indent=1)
        print(table(rows, summary))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def table(rows, summary):
    """The Markdown table and false-match summary (bench/image_robustness.sh puts it into image_robustness.md)."""
    lines = [
        "| transform | pairs | reference plain | reference 8 orientations | trimmed plain | trimmed 8 orientations "
        "| median distance reference / trimmed |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    totals = {k: 0 for k in ("reference", "reference8", "trimmed", "trimmed8")}
    for name in TRANSFORMS:
        group = [r for r in rows if r["transform"] == name]
        n = len(group)
        counts = {
            "reference": sum(r["reference_distance"] <= THRESHOLD for r in group),
            "reference8": sum(r["reference_distance_8_orientations"] <= THRESHOLD for r in group),
            "trimmed": sum(r["trimmed_distance"] <= THRESHOLD for r in group),
            "trimmed8": sum(r["trimmed_distance_8_orientations"] <= THRESHOLD for r in group),
        }
        for k in totals:
            totals[k] += counts[k]
        median_ref = int(np.median([r["reference_distance"] for r in group]))
        median_trim = int(np.median([r["trimmed_distance"] for r in group]))
        lines.append(
            f"| {name} | {n} | " + " | ".join(f"{counts[k] / n:.2f}" for k in ("reference", "reference8", "trimmed", "trimmed8"))
            + f" | {median_ref} / {median_trim} |")
    n = len(rows)
    lines.append(
        f"| **all** | {n} | " + " | ".join(f"**{totals[k] / n:.3f}**" for k in ("reference", "reference8", "trimmed", "trimmed8"))
        + " | |")
    lines.append("")
    for mode in ("trimmed", "reference"):
        f = summary["false_matches"][mode]
        lines.append(
            f"- False matches, {mode} hashes: {f['queries']} query hashes ({len(SOURCES)} originals + {f['queries'] - len(SOURCES)} copies), "
            f"8 orientations each, against {f['unrelated']:,} unrelated hashes ({f['unrelated_usable']:,} of quality "
            f">= {MIN_QUALITY}): **{f['queries_matching_8_orientations']}** queries within {THRESHOLD} of any "
            f"({f['queries_matching_plain']} with the plain hash, {f['queries_matching_8_orientations_usable']} counting "
            f"only usable unrelated hashes; {f['pairs_matching_8_orientations']} pairs); closest {f['min_distance_8_orientations']} bits; "
            f"0.1st percentile {f['query_unrelated_percentiles_8_orientations'][0.1]:.0f}, median "
            f"{f['query_unrelated_percentiles_8_orientations'][50]:.0f}. Unrelated vs unrelated: "
            f"{f['unrelated_pairs_within_31']:,} of {f['unrelated_pairs']:,} random pairs within {THRESHOLD} "
            f"(1st percentile {f['unrelated_pair_percentiles'][1]:.0f}, median {f['unrelated_pair_percentiles'][50]:.0f}); "
            f"hashing took {f['hash_seconds']:.0f} s ({f['unrelated'] / f['hash_seconds']:.0f} images/s).")
    lines.append(
        f"- Natural negatives: the {len(SOURCES)} originals' {summary['natural_negative_pairs']} pairs, closest "
        f"{summary['natural_negative_min_distance']} bits (8 orientations), {summary['natural_negative_within_31']} within {THRESHOLD}.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
