#!/usr/bin/env python3
"""Adds registered images and image-bearing listings to the bundled sample data (Sources/CustosSamples/Resources).

Run it after Scripts/make-sample-data.py (which rewrites portfolio.csv, listings.jsonl and listing_labels.csv
without images); it is deterministic and idempotent: rows it owns are replaced, never duplicated.

    python3 -m venv /tmp/pil && /tmp/pil/bin/pip install pillow
    /tmp/pil/bin/python scripts/samples/make-sample-images.py

What it writes:
- images/rights/: photos from Meta's ThreatExchange PDQ test set (BSD licence, kept beside them), shrunk to at
  most 512 pixels, registered as the images of the copyrighted photo series CR-0001 and of two new designs,
  DS-0002 and DS-0003 (portfolio.csv).
- images/feed/: what a counterfeiter's listing shows: copies of those photos resized and recompressed, cropped by
  5 %, letterboxed, padded and mirrored (each within PDQ distance 31 of its original once flat borders are
  trimmed), and unrelated photos from the same set (far from every registered image). Tests/CustosSamplesTests
  checks both with Custos's own fingerprinter.
- listings.jsonl and listing_labels.csv: one listing per feed image, labelled `suspicious` with the right copied,
  or `generic`. Their titles name no mark, so only the images tie them to the portfolio.
"""

import csv
import io
import json
import os
import shutil
import sys

from PIL import Image, ImageOps

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "CustosImageTests", "Fixtures", "pdq")
RESOURCES = os.path.join(ROOT, "Sources", "CustosSamples", "Resources")
IMAGES = os.path.join(RESOURCES, "images")

# Registered images: file name, fixture, right.
REGISTERED = [
    ("photo-lakeside-tree.jpg", "images/bridge-mods/aaa-orig.jpg", "CR-0001"),
    ("photo-passers-by.jpg", "images/reg-test-input/labelme-subset/q0746.jpg", "CR-0001"),
    ("design-wine-label-coaster.jpg", "images/reg-test-input/pen-and-coaster.png", "DS-0002"),
    ("design-desk-organiser.jpg", "images/reg-test-input/exif-rotn/exif-rotn-1.jpg", "DS-0003"),
]

NEW_RIGHTS = [
    ["DS-0002", "design", "Wine-label drink coaster", "21", "Hangzhou Qingshan Household Products Co., Ltd.", "CN",
     "registered", "39", "CNY", "CN307514701S", "", "images/rights/design-wine-label-coaster.jpg", "true", "07-06",
     "", "", "", "", "", ""],
    ["DS-0003", "design", "Desk organiser with pen cup", "16", "Hangzhou Qingshan Household Products Co., Ltd.", "CN",
     "registered", "89", "CNY", "CN307514702S", "", "images/rights/design-desk-organiser.jpg", "true", "06-04", "",
     "", "", "", "", ""],
]
CR_IMAGES = "images/rights/photo-lakeside-tree.jpg;images/rights/photo-passers-by.jpg"


def shrink(image, side=512):
    image = image.convert("RGB")
    image.thumbnail((side, side), Image.LANCZOS)
    return image


def save(image, name, quality=90):
    path = os.path.join(IMAGES, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image.save(path, "JPEG", quality=quality, optimize=True)
    return "images/" + name


def crop(image, fraction):
    """Cuts `fraction` of the area away, evenly from every side."""
    keep = (1 - fraction) ** 0.5
    width, height = image.size
    dx, dy = round(width * (1 - keep) / 2), round(height * (1 - keep) / 2)
    return image.crop((dx, dy, width - dx, height - dy))


def letterbox(image, colour=(0, 0, 0)):
    """Centres the image on a square of `colour`, as marketplace thumbnails do."""
    side = max(image.size)
    canvas = Image.new("RGB", (side, side), colour)
    canvas.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    return canvas


def main():
    registered = {}
    for name, fixture, _ in REGISTERED:
        image = shrink(Image.open(os.path.join(FIXTURES, fixture)))
        save(image, "rights/" + name)
        registered[name] = image
    for licence in ["LICENSE-ThreatExchange-BSD.txt"]:
        shutil.copyfile(os.path.join(FIXTURES, licence), os.path.join(IMAGES, licence))

    tree = registered["photo-lakeside-tree.jpg"]
    people = registered["photo-passers-by.jpg"]
    coaster = registered["design-wine-label-coaster.jpg"]
    organiser = registered["design-desk-organiser.jpg"]
    # (listing id, platform, title, price, currency, seller id, seller name, category, image, label, right)
    feed = [
        ("aliexpress-1009474816300001", "aliexpress", "Lakeside tree landscape poster, wall art print 60x40 cm", 6.5,
         "USD", "aliexpress-s-5a1e0c01", "decor-print-house", "household",
         save(crop(tree, 0.05), "feed/poster-lakeside.jpg", 80),
         "suspicious", "CR-0001"),
        ("aliexpress-1009474816300002", "aliexpress", "Men's casual canvas jacket, spring", 24.0, "USD",
         "aliexpress-s-5a1e0c03", "home-goods-direct", "apparel",
         save(people.resize((people.width * 3 // 5, people.height * 3 // 5), Image.LANCZOS), "feed/jacket.jpg", 55),
         "suspicious", "CR-0001"),
        ("pinduoduo-306634700001", "pinduoduo", "复古酒标软木杯垫 隔热垫 4片装", 12.8, "CNY", "pinduoduo-s-5a1e0c02",
         "家居小物批发", "household", save(letterbox(coaster), "feed/coaster-letterboxed.jpg", 85), "suspicious",
         "DS-0002"),
        ("pinduoduo-306634700002", "pinduoduo", "桌面收纳笔筒 多格办公文具架", 19.9, "CNY", "pinduoduo-s-5a1e0c02",
         "家居小物批发", "household", save(ImageOps.mirror(organiser), "feed/organiser-mirrored.jpg", 85),
         "suspicious", "DS-0003"),
        ("aliexpress-1009474816300003", "aliexpress", "Cork coaster set, vintage wine print, 6 pcs", 4.2, "USD",
         "aliexpress-s-5a1e0c03", "home-goods-direct", "household",
         save(ImageOps.expand(coaster, border=coaster.width // 10, fill=(255, 255, 255)), "feed/coaster-padded.jpg",
              70), "suspicious", "DS-0002"),
        ("aliexpress-1009474816300004", "aliexpress", "Canal houses canvas print, ready to hang", 9.9, "USD",
         "aliexpress-s-5a1e0c01", "decor-print-house", "household",
         save(shrink(Image.open(os.path.join(FIXTURES, "images/reg-test-input/labelme-subset/q1050.jpg"))),
              "feed/canvas-canal.jpg", 85), "generic", ""),
        ("aliexpress-1009474816300005", "aliexpress", "Zebra stripe area rug 120x170 cm", 35.0, "USD",
         "aliexpress-s-5a1e0c01", "decor-print-house", "household",
         save(shrink(Image.open(os.path.join(FIXTURES, "images/reg-test-input/labelme-subset/q2821.jpg"))),
              "feed/rug.jpg", 85), "generic", ""),
        ("pinduoduo-306634700003", "pinduoduo", "不锈钢排水沟盖板 格栅", 28.0, "CNY", "pinduoduo-s-5a1e0c02", "家居小物批发",
         "household",
         save(shrink(Image.open(os.path.join(FIXTURES, "images/reg-test-input/labelme-subset/q0291.jpg"))),
              "feed/grille.jpg", 85), "generic", ""),
    ]
    owned = {row[0] for row in feed}

    portfolio = os.path.join(RESOURCES, "portfolio.csv")
    with open(portfolio, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    out = []
    for line in lines:
        if not line:
            continue
        row_id = line.split(",", 1)[0]
        if row_id in ("DS-0002", "DS-0003"):
            continue
        if row_id == "CR-0001":
            row = next(csv.reader([line]))
            row[11] = CR_IMAGES
            line = csv_line(row)
        out.append(line)
    out += [csv_line(row) for row in NEW_RIGHTS]
    with open(portfolio, "w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(out) + "\n")

    listings_path = os.path.join(RESOURCES, "listings.jsonl")
    with open(listings_path, encoding="utf-8") as handle:
        listings = [line for line in handle.read().split("\n") if line and json.loads(line)["id"] not in owned]
    for lid, platform, title, price, currency, seller_id, seller_name, category, image, label, _ in feed:
        listings.append(json.dumps({
            "id": lid, "platform": platform, "url": listing_url(platform, lid), "title": title,
            "description": description(platform, label), "price": price, "currency": currency,
            "seller": {"id": seller_id, "name": seller_name, "region": "CN-ZJ"}, "images": [image],
            "category": category, "observed_at": "2024-06-18T09:00:00Z"}, ensure_ascii=False, separators=(",", ":")))
    with open(listings_path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(listings) + "\n")

    labels_path = os.path.join(RESOURCES, "listing_labels.csv")
    with open(labels_path, encoding="utf-8", newline="") as handle:
        labels = [line for line in handle.read().split("\n") if line and line.split(",", 1)[0] not in owned]
    labels += ["%s,%s,%s" % (row[0], row[9], row[10]) for row in feed]
    with open(labels_path, "w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(labels) + "\n")

    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(IMAGES) for f in fs)
    print("sample images: %d bytes in %s" % (total, os.path.relpath(IMAGES, ROOT)), file=sys.stderr)


def description(platform, label):
    if platform == "pinduoduo":
        return "厂家直销，实拍图片。" if label == "suspicious" else "现货速发。"
    return "Factory direct, real photos." if label == "suspicious" else "Ships in 48 hours."


def listing_url(platform, lid):
    number = lid.split("-", 1)[1]
    if platform == "aliexpress":
        return "https://www.aliexpress.com/item/%s.html" % number
    return "https://mobile.yangkeduo.com/goods.html?goods_id=%s" % number


def csv_line(row):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
