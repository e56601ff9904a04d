#!/usr/bin/env python3
"""Scores every labelled pair of the copy-detection set (bench/copy/make_corpus.py eval) with Custos, copydetect and
SIM, and reports ROC-AUC, average precision and per-transformation recall.

  evaluate.py --corpus DIR --custos BIN --json OUT.json --markdown OUT.md

Scores:
  Custos      `custos copy compare FILE... --json`, one call per language over all that language's files; the pair's
              `similarity` (symmetric); a pair absent from the output shares nothing and scores 0.
  copydetect  its defaults as `CopyDetector` applies them (noise threshold k = 25, guarantee threshold 25, so winnowing
              window 1): `CodeFingerprint(file, 25, 1)` per file, `compare_files` per pair; score = the larger of the two
              directional similarities (copydetect reports both and flags a pair when either passes its threshold).
  SIM         `sim_<lang> -p -a -t 1 A B` (Debian similarity-tester 3.0.2): the larger of the two "consists for x %"
              percentages; `-t 1` lists everything from 1 % (the default cut-off hides lower scores, which would make
              them ties at 0). SIM has sim_c, sim_c++, sim_java but no Python, JavaScript or Go front end: those use
              sim_text (words, run length 8).

Metrics (plain Python, no scikit-learn):
  ROC-AUC     Mann-Whitney: P(score of a random positive > score of a random negative), ties counted as 1/2.
  AP          average precision: sum over distinct score thresholds of (recall step) x (precision at that threshold),
              the mean of the precision at each positive with tied scores taken as one threshold.
  recall      per transformation at a threshold fitted on the other half (2-fold by program: the pairs of every other
              original program, in sorted order, form one half): the lowest score at which precision on that half is
              at least 0.95. Each pair is thus judged with a threshold that never saw it.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

SIM_FRONT_END = {"c": "sim_c", "java": "sim_java", "python": "sim_text", "javascript": "sim_text", "go": "sim_text"}
TOOLS = ["custos", "copydetect", "sim"]


def roc_auc(scores, labels):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    if not pos or not neg:
        return None
    # Rank-sum with average ranks for ties.
    ordered = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and scores[ordered[j + 1]] == scores[ordered[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[ordered[k]] = (i + j) / 2 + 1
        i = j + 1
    rank_sum = sum(r for r, l in zip(ranks, labels) if l)
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def average_precision(scores, labels):
    total_pos = sum(labels)
    if total_pos == 0:
        return None
    by_score = defaultdict(lambda: [0, 0])
    for s, l in zip(scores, labels):
        by_score[s][0 if l else 1] += 1
    tp = fp = 0
    ap = 0.0
    for s in sorted(by_score, reverse=True):
        p, n = by_score[s]
        tp += p
        fp += n
        if p:
            ap += (p / total_pos) * (tp / (tp + fp))
    return ap


def threshold_for_precision(scores, labels, target=0.95):
    """The lowest score t such that the pairs scoring >= t have precision >= target (and t > 0)."""
    by_score = defaultdict(lambda: [0, 0])
    for s, l in zip(scores, labels):
        by_score[s][0 if l else 1] += 1
    tp = fp = 0
    best = None
    for s in sorted(by_score, reverse=True):
        if s <= 0:
            break
        tp += by_score[s][0]
        fp += by_score[s][1]
        if tp and tp / (tp + fp) >= target:
            best = s
    return best if best is not None else float("inf")


def custos_scores(custos, files_dir, pairs):
    """One `custos copy compare` run per language over all that language's files."""
    wanted = defaultdict(set)
    for p in pairs:
        wanted[p["language"]].update([p["a"], p["b"]])
    found = {}
    problems = []
    for language, names in sorted(wanted.items()):
        names = sorted(names)
        result = subprocess.run(
            [custos, "copy", "compare", *names, "--json"], cwd=files_dir, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise SystemExit(f"custos copy compare failed ({result.returncode}): {result.stderr.strip()[:2000]}")
        report = json.loads(result.stdout)
        problems.extend(report.get("problems", []))
        for pair in report["pairs"]:
            a, b = os.path.normpath(pair["a"]), os.path.normpath(pair["b"])
            found[(a, b)] = found[(b, a)] = pair
    scores, directional = [], []
    for p in pairs:
        pair = found.get((p["a"], p["b"]))
        scores.append(float(pair["similarity"]) if pair else 0.0)
        directional.append(max(float(pair["a_in_b"]), float(pair["b_in_a"])) if pair else 0.0)
    return scores, directional, problems


def copydetect_scores(files_dir, pairs):
    from copydetect import CodeFingerprint, compare_files, defaults

    k = defaults.NOISE_THRESHOLD
    window = defaults.GUARANTEE_THRESHOLD - defaults.NOISE_THRESHOLD + 1
    prints = {}
    scores = []
    for p in pairs:
        for name in (p["a"], p["b"]):
            if name not in prints:
                prints[name] = CodeFingerprint(str(files_dir / name), k, window)
        _, (s1, s2), _ = compare_files(prints[p["a"]], prints[p["b"]])
        scores.append(float(max(s1, s2)))
    return scores, {"k": k, "window": window}


SIM_LINE = re.compile(r"^(.*) consists for (\d+) % of (.*) material$")


def sim_scores(files_dir, pairs):
    scores = []
    for p in pairs:
        tool = SIM_FRONT_END[p["language"]]
        result = subprocess.run(
            [tool, "-p", "-a", "-t", "1", p["a"], p["b"]], cwd=files_dir, capture_output=True, text=True, check=True
        )
        best = 0
        for line in result.stdout.splitlines():
            match = SIM_LINE.match(line.strip())
            if match:
                best = max(best, int(match.group(2)))
        scores.append(best / 100)
    return scores


def fold_of(pairs):
    """2-fold split by original program: programs in sorted order alternate between folds; a pair belongs to the
    fold of its first file's program."""
    programs = sorted({"_".join(p["a"].split("_")[:2]) for p in pairs})
    index = {name: i % 2 for i, name in enumerate(programs)}
    return [index["_".join(p["a"].split("_")[:2])] for p in pairs]


def summarize(name, scores, pairs, folds):
    labels = [p["label"] for p in pairs]
    out = {"auc": roc_auc(scores, labels), "ap": average_precision(scores, labels), "byLanguage": {}}
    for language in sorted({p["language"] for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p["language"] == language]
        out["byLanguage"][language] = {
            "auc": roc_auc([scores[i] for i in idx], [labels[i] for i in idx]),
            "ap": average_precision([scores[i] for i in idx], [labels[i] for i in idx]),
            "positives": sum(labels[i] for i in idx),
            "negatives": sum(1 - labels[i] for i in idx),
        }
    thresholds = []
    for f in (0, 1):
        idx = [i for i in range(len(pairs)) if folds[i] == f]
        thresholds.append(threshold_for_precision([scores[i] for i in idx], [labels[i] for i in idx]))
    out["thresholds"] = thresholds
    hit = [scores[i] >= thresholds[1 - folds[i]] for i in range(len(pairs))]
    recall = defaultdict(lambda: [0, 0])
    for i, p in enumerate(pairs):
        recall[p["kind"]][0] += hit[i]
        recall[p["kind"]][1] += 1
    out["flaggedByKind"] = {k: {"flagged": v[0], "pairs": v[1], "rate": v[0] / v[1]} for k, v in sorted(recall.items())}
    positives = [i for i, p in enumerate(pairs) if p["label"]]
    negatives = [i for i, p in enumerate(pairs) if not p["label"]]
    out["heldOutRecall"] = sum(hit[i] for i in positives) / len(positives)
    out["heldOutFalsePositiveRate"] = sum(hit[i] for i in negatives) / len(negatives)
    flagged = sum(hit)
    out["heldOutPrecision"] = sum(hit[i] for i in positives) / flagged if flagged else None
    return out


def fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def markdown(result):
    tools = [t for t in result["tools"] if t in result["metrics"]]
    names = {"custos": "Custos", "custos_directional": "Custos (max directional)", "copydetect": "copydetect", "sim": "SIM"}
    lines = []
    lines.append("| tool | ROC-AUC | AP | held-out recall | held-out precision | held-out FPR | time s |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for t in tools:
        m = result["metrics"][t]
        lines.append(
            f"| {names[t]} | {fmt(m['auc'])} | {fmt(m['ap'])} | {fmt(m['heldOutRecall'])} | "
            f"{fmt(m['heldOutPrecision'])} | {fmt(m['heldOutFalsePositiveRate'])} | {result['seconds'].get(t, 0):.1f} |"
        )
    lines.append("")
    languages = sorted(result["metrics"][tools[0]]["byLanguage"])
    lines.append("| language (positives / negatives) | " + " | ".join(f"{names[t]} AUC / AP" for t in tools) + " |")
    lines.append("|---|" + "---:|" * len(tools))
    for language in languages:
        b = result["metrics"][tools[0]]["byLanguage"][language]
        cells = [
            f"{fmt(result['metrics'][t]['byLanguage'][language]['auc'])} / "
            f"{fmt(result['metrics'][t]['byLanguage'][language]['ap'])}"
            for t in tools
        ]
        lines.append(f"| {language} ({b['positives']} / {b['negatives']}) | " + " | ".join(cells) + " |")
    lines.append("")
    kinds = list(result["metrics"][tools[0]]["flaggedByKind"])
    lines.append(
        "| pairs flagged at the held-out threshold (precision ≥ 0.95 on the other half) | "
        + " | ".join(names[t] for t in tools)
        + " |"
    )
    lines.append("|---|" + "---:|" * len(tools))
    order = [k for k in ["rename", "comments", "reformat", "literals", "reorder", "deadcode", "split", "combined"] if k in kinds]
    order += [k for k in kinds if k not in order]
    for kind in order:
        n = result["metrics"][tools[0]]["flaggedByKind"][kind]["pairs"]
        label = f"{kind} (positive, {n})" if kind in order[:8] and kind not in ("same-task", "same-task-copy", "other-task") else f"{kind} (negative, {n})"
        cells = [f"{result['metrics'][t]['flaggedByKind'][kind]['rate']:.2f}" for t in tools]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Thresholds (fold 0 / fold 1): "
        + "; ".join(
            f"{names[t]} {result['metrics'][t]['thresholds'][0]:.3f} / {result['metrics'][t]['thresholds'][1]:.3f}"
            for t in tools
        )
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", required=True, type=Path)
    parser.add_argument("--custos", help="custos binary (omit only with --without-custos)")
    parser.add_argument("--without-custos", action="store_true", help="score the peers only")
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--markdown", type=Path, required=True)
    args = parser.parse_args()
    files_dir = args.corpus / "files"
    pairs = [json.loads(line) for line in open(args.corpus / "labels.jsonl", encoding="utf-8")]
    folds = fold_of(pairs)
    scores, seconds, extra = {}, {}, {}
    if not args.without_custos:
        if not args.custos:
            parser.error("--custos is required")
        start = time.perf_counter()
        scores["custos"], scores["custos_directional"], extra["custosProblems"] = custos_scores(args.custos, files_dir, pairs)
        seconds["custos"] = seconds["custos_directional"] = time.perf_counter() - start
        print(f"custos: {seconds['custos']:.1f} s", file=sys.stderr)
    start = time.perf_counter()
    scores["copydetect"], extra["copydetectParameters"] = copydetect_scores(files_dir, pairs)
    seconds["copydetect"] = time.perf_counter() - start
    print(f"copydetect: {seconds['copydetect']:.1f} s", file=sys.stderr)
    start = time.perf_counter()
    scores["sim"] = sim_scores(files_dir, pairs)
    seconds["sim"] = time.perf_counter() - start
    print(f"sim: {seconds['sim']:.1f} s", file=sys.stderr)
    tools = [t for t in ["custos", "custos_directional", "copydetect", "sim"] if t in scores]
    result = {
        "pairs": len(pairs),
        "positives": sum(p["label"] for p in pairs),
        "negatives": sum(1 - p["label"] for p in pairs),
        "tools": tools,
        "seconds": seconds,
        "metrics": {t: summarize(t, scores[t], pairs, folds) for t in tools},
        "scores": [dict(p, **{t: scores[t][i] for t in tools}) for i, p in enumerate(pairs)],
        **extra,
    }
    args.json.write_text(json.dumps(result, indent=1))
    table = markdown(result)
    args.markdown.write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
