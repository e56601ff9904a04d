#!/usr/bin/env bash
# Image hashing throughput: `custos dev bench-image-hash` against the pdqhash PyPI package (Meta's C++ PDQ core,
# Pillow decoding) on the same files, one thread each, pinned to the same CPU, in one run.
#
#   bench/image_hash_vs_pdqhash.sh
#
# Sets: (a) the 53 PDQ fixture images (Tests/CustosImageTests/Fixtures/pdq: JPEG, PNG, WebP, 34x42 to 4032x3024);
# (b) typical product photos: 200 JPEGs of 800x800 and 200 of 1600x1200 (quality 90), crops of the fixture photos
# resized with Pillow into bench/out/image-products (made once, deterministic).
# Environment: CUSTOS_BIN (use this custos binary instead of building one), BENCH_CPU (core to pin to, 0),
# REPEAT (passes per measurement, default 5; figures are the median pass), SETS (which sets, default all three:
# fixtures product-800x800 product-1600x1200), PRODUCT_FILES (how many of each product set's 200 files, default all).
# Needs the peers venv (scripts/setup.sh installs pdqhash, pillow and numpy into .venv-peers).
# Writes bench/out/image_hash_vs_pdqhash.md and the raw JSON next to it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

python="$repo_root/.venv-peers/bin/python"
"$python" -c 'import pdqhash, PIL, numpy' 2>/dev/null || {
    log "the peers venv lacks pdqhash, pillow or numpy: run scripts/setup.sh"
    exit 1
}
repeat=${REPEAT:-5}
fixtures="$repo_root/Tests/CustosImageTests/Fixtures/pdq"
products="$out_dir/image-products"

ensure_taskset
ensure_custos

make_products() {
    [ -f "$products/.complete" ] && return
    log "== making product-photo set in $products"
    rm -rf "$products"
    "$python" - "$fixtures" "$products" <<'EOF'
import os, random, sys
from PIL import Image
fixtures, products = sys.argv[1:3]
# The natural photos among the fixtures (not the synthetic mode and orientation variants of the bridge).
sources = ["images/bridge-mods/aaa-orig.jpg", "images/reg-test-input/exif-rotn/exif-rotn-1.jpg",
           "images/reg-test-input/pen-and-coaster.png", "images/misc-images/c.png", "images-pytx/sample-b.jpg"]
photos = [Image.open(os.path.join(fixtures, s)).convert("RGB") for s in sources]
rng = random.Random(6)
for width, height in [(800, 800), (1600, 1200)]:
    directory = os.path.join(products, f"{width}x{height}")
    os.makedirs(directory)
    for n in range(200):
        photo = photos[n % len(photos)]
        # A random crop of 50-100 % of the photo's side at the target aspect ratio, resized to the target size.
        scale = rng.uniform(0.5, 1.0)
        w = min(photo.width, int(photo.height * width / height)) * scale
        h = w * height / width
        left = rng.uniform(0, photo.width - w)
        top = rng.uniform(0, photo.height - h)
        crop = photo.resize((width, height), Image.LANCZOS, box=(left, top, left + w, top + h))
        crop.save(os.path.join(directory, f"p{n:03d}.jpg"), "JPEG", quality=90)
EOF
    touch "$products/.complete"
}
make_products

rows=()
mismatch_notes=()
run_set() {
    local name=$1
    shift
    log "== $name: custos dev bench-image-hash (CPU $bench_cpu, $repeat passes)"
    taskset -c "$bench_cpu" "$custos" dev bench-image-hash "$@" --repeat "$repeat" --json \
        >"$out_dir/custos-image-hash-$name.json"
    log "== $name: pdqhash peer (CPU $bench_cpu, $repeat passes)"
    taskset -c "$bench_cpu" "$python" "$bench_dir/pdqhash_peer.py" "$@" --repeat "$repeat" \
        --expect "$out_dir/custos-image-hash-$name.json" >"$out_dir/pdqhash-image-hash-$name.json"
    row=$("$python" - "$name" "$out_dir/custos-image-hash-$name.json" "$out_dir/pdqhash-image-hash-$name.json" <<'EOF'
import json, sys
name, c, p = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def f(t): return f"{t['imagesPerSecond']:.1f}"
def ms(t, n): return f"{t['seconds'] / n * 1000:.1f}"
n = c["files"]
print(" | ".join([
    name, str(n), f"{c['pixels'] / n / 1e6:.2f}", f"{c['bytes'] / n / 1e3:.0f}",
    f(c["decodeAndHash"]), f(p["decodeAndHash"]),
    f"**{c['decodeAndHash']['imagesPerSecond'] / p['decodeAndHash']['imagesPerSecond']:.2f}x**",
    f"{c['decodeAndHash']['mbPerSecond']:.1f} / {p['decodeAndHash']['mbPerSecond']:.1f}",
    f"{ms(c['decodeOnly'], n)} / {ms(p['decodeOnly'], n)}",
    f"{ms(c['hashOnly'], n)} / {ms(p['hashOnly'], n)}",
    f(c["custosPipeline"]),
    f"{n - len(p['mismatches'])}/{n}",
]))
EOF
    )
    rows+=("| $row |")
    mismatch_notes+=("$("$python" - "$name" "$out_dir/pdqhash-image-hash-$name.json" <<'EOF'
import json, sys
name, p = sys.argv[1], json.load(open(sys.argv[2]))
for m in p["mismatches"]:
    ours, theirs = m["pdqhash"], m["custos"] or {}
    print(f"- {name}: {m['file']}: pdqhash {ours['pdq']} quality {ours['quality']}, "
          f"Custos {theirs.get('pdq')} quality {theirs.get('quality')}, {m['distance']} bits apart")
EOF
    )")
}

product_files=${PRODUCT_FILES:-200}
first_products() { find "$1" -name '*.jpg' | sort | head -n "$product_files"; }
for set in ${SETS:-fixtures product-800x800 product-1600x1200}; do
    case $set in
    fixtures) run_set fixtures "$fixtures/images" "$fixtures/images-pytx" ;;
    product-*) mapfile -t files < <(first_products "$products/${set#product-}") && run_set "$set" "${files[@]}" ;;
    *) log "unknown set $set (fixtures, product-800x800, product-1600x1200)" && exit 1 ;;
    esac
done

versions=$("$python" -c 'import json,sys; p=json.load(open(sys.argv[1])); print(p["pdqhashVersion"], p["pillowVersion"], p["numpyVersion"], p["python"])' \
    "$out_dir/pdqhash-image-hash-$set.json")
read -r pdqhash_version pillow_version numpy_version python_version <<<"$versions"
{
    echo "# Image hashing: Custos vs pdqhash"
    echo
    machine_description
    echo "- Peer: pdqhash $pdqhash_version (Meta's C++ PDQ core) on Python $python_version, Pillow $pillow_version," \
        "numpy $numpy_version: \`pdqhash.compute(numpy.asarray(Image.open(f).convert(\"RGB\")))\`"
    echo "- Custos: \`custos dev bench-image-hash\`: TurboJPEG/libpng/libwebp decoding, \`PDQHasher.hash\` (no trimming)"
    echo "- One thread each, files read from the page cache; median of $repeat passes over each set"
    echo
    echo "| set | files | mean MPixel | mean KB | Custos images/s | pdqhash images/s | ratio | MB/s Custos / pdqhash" \
        "| decode ms/image Custos / pdqhash | hash ms/image Custos / pdqhash | Custos pipeline images/s (trim + 8 orientations)" \
        "| same hash and quality |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
    echo
    echo "Hash or quality mismatches (pdqhash vs Custos):"
    echo
    printed=0
    for note in "${mismatch_notes[@]}"; do
        [ -n "$note" ] && { echo "$note"; printed=1; }
    done
    [ "$printed" -eq 1 ] || echo "- none"
} | tee "$out_dir/image_hash_vs_pdqhash.md"
