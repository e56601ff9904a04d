#!/usr/bin/env python3
"""Generates the labelled copy-detection evaluation set (and the larger performance corpora) from the original
programs in bench/copy/programs.

Every program in programs/<language>/ was written for this benchmark (public domain, like the rest of bench/); each
task has two independent solutions per language (file names `<task>_a` / `<task>_b`, or `<Task>A` / `<Task>B` in
Java). The programs carry comment markers the generator understands and always strips:

  `@rename a b c`     (first line) identifiers a plagiarist would rename
  `@order` / `@item` / `@end`   a group of independent items (functions, methods, statements) that may be reordered

Transformations (each applied alone to every original, then all together as `combined`):

  rename      every @rename identifier replaced by a different word
  comments    every comment removed, new unrelated comments added
  reformat    indentation width, brace style (Allman), operator spacing and blank lines changed
  literals    numbers (other than 0 and 1) and the words inside string literals changed
  reorder     every @order group shuffled (methods, functions, independent statements)
  deadcode    unused declarations and never-taken branches inserted between statements
  split       `x = a + b * c` becomes `t = b * c` then `x = a + t`
  combined    all of the above, in the order reorder, rename, split, deadcode, literals, comments, reformat

Labels (labels.jsonl, one pair per line): positives are (original, transformed copy); negatives are (solution A,
solution B) of the same task, (transformed copy of A, solution B) of the same task, and (original, original) of
different tasks in the same language.

  make_corpus.py eval OUT_DIR                 the labelled set (seed 7)
  make_corpus.py perf OUT_DIR N [--seed S]    N varied files for the all-pairs timing (see bench/README.md)
"""

import json
import random
import re
import sys
from pathlib import Path

PROGRAMS = Path(__file__).resolve().parent / "programs"
EXTENSIONS = {"java": ".java", "c": ".c", "python": ".py", "javascript": ".js", "go": ".go"}
TRANSFORMS = ["rename", "comments", "reformat", "literals", "reorder", "deadcode", "split", "combined"]
MARKER = re.compile(r"^\s*(//|#)\s*@(order|item|end)\s*$")
RENAME = re.compile(r"^\s*(//|#)\s*@rename\s+(.*)$")
WORDS = (
    "alpha bravo cedar delta ember fable garnet harbor ivory jasper kettle lumen maple nectar onyx pepper quartz "
    "raven saddle tundra umber velvet willow xenon yonder zephyr amber basil cobalt dune echo flint grove hazel iris "
    "juniper kelp lotus mistral nova orchid pixel quill ripple sierra thistle ultra vortex wren yarrow zinc"
).split()
SENTENCES = [
    "helper used by the main routine",
    "keep this in sync with the header",
    "simple approach, good enough for the exercise",
    "checked against the examples from class",
    "edge cases are handled below",
    "loop over everything once",
    "see the assignment sheet for details",
    "returns the computed result",
    "this part was tricky to get right",
    "update the running totals",
    "validate the input first",
    "the order matters here",
]


def comment_prefix(language):
    return "#" if language == "python" else "//"


def is_comment(line, language):
    stripped = line.strip()
    if language == "python":
        return stripped.startswith("#")
    return stripped.startswith("//") or (stripped.startswith("/*") and stripped.endswith("*/"))


def indent_of(line):
    return len(line) - len(line.lstrip(" \t"))


# --- markers ------------------------------------------------------------------------------------------------------


def parse_groups(lines):
    """Parses the marker lines into a tree: a list of lines and groups (lists of items, each a tree)."""
    root = []
    stack = [root]
    group_stack.clear()
    for line in lines:
        match = MARKER.match(line)
        if not match:
            stack[-1].append(line)
            continue
        kind = match.group(2)
        if kind == "order":
            group = {"items": [[]]}
            stack[-1].append(group)
            stack.append(group["items"][0])
            group_stack.append(group)
        elif kind == "item":
            group = group_stack[-1]
            if stack[-1]:  # a new item unless the group's first item is still empty
                stack.pop()
                group["items"].append([])
                stack.append(group["items"][-1])
        else:
            stack.pop()
            group_stack.pop()
    return root


group_stack = []


def render(tree, rng=None):
    out = []
    for node in tree:
        if isinstance(node, str):
            out.append(node)
            continue
        items = [item for item in node["items"] if item]
        if rng is not None and len(items) > 1:
            order = list(range(len(items)))
            while order == sorted(order):
                rng.shuffle(order)
            items = [items[i] for i in order]
        for item in items:
            out.extend(render(item, rng))
    return out


# --- string-aware helpers -----------------------------------------------------------------------------------------


def string_pattern(language):
    if language in ("python", "javascript"):
        return re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|`[^`]*`')
    if language == "go":
        return re.compile(r'"(?:\\.|[^"\\])*"|`[^`]*`')
    return re.compile(r'"(?:\\.|[^"\\])*"')


def map_code(line, language, code_fn, string_fn=lambda s: s):
    """Applies code_fn to the parts of a line outside string literals and string_fn to the literals."""
    out, last = [], 0
    for match in string_pattern(language).finditer(line):
        out.append(code_fn(line[last : match.start()]))
        out.append(string_fn(match.group(0)))
        last = match.end()
    out.append(code_fn(line[last:]))
    return "".join(out)


# --- transformations ----------------------------------------------------------------------------------------------


def t_rename(lines, language, rng, names):
    used = set(re.findall(r"[A-Za-z_]\w*", "\n".join(lines)))
    mapping = {}
    for name in names:
        while True:
            word = rng.choice(WORDS) + rng.choice(["", "_", ""]) + rng.choice(WORDS).capitalize()
            word = word[0].upper() + word[1:] if name[0].isupper() else word
            if word not in used:
                break
        used.add(word)
        mapping[name] = word
    if not mapping:
        return lines
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")\b")
    return [pattern.sub(lambda m: mapping[m.group(1)], line) for line in lines]


def t_comments(lines, language, rng):
    prefix = comment_prefix(language)
    kept = [line for line in lines if not is_comment(line, language)]
    out = []
    for i, line in enumerate(kept):
        if line.strip() and rng.random() < 0.12 and not line.strip().startswith(("}", "else", "elif", "except", ")")):
            out.append(" " * indent_of(line.replace("\t", "    ")) + prefix + " " + rng.choice(SENTENCES))
        out.append(line)
    return out


def t_reformat(lines, language, rng):
    out = []
    width = rng.choice([2, 3]) if language != "python" else 2
    spacing = rng.choice(["tight", "wide"])

    def respace(code):
        if spacing == "tight":
            return re.sub(r" (\+|-|\*|/|==|!=|<=|>=|<|>|=|\+=|-=) ", r"\1", code)
        return re.sub(r"\(", "( ", re.sub(r"\)", " )", code))

    for line in lines:
        expanded = line.replace("\t", "    ")
        level = indent_of(expanded) // 4
        body = expanded.strip()
        if not body:
            if rng.random() < 0.5:
                continue
            out.append("")
            continue
        if language != "python" and not is_comment(line, language):
            body = map_code(body, language, respace)
        new_indent = " " * (level * width)
        if language not in ("python", "go") and body.endswith("{") and re.search(r"\)\s*\{$|else\s*\{$|^(class|public|struct|typedef)", body):
            out.append(new_indent + body[:-1].rstrip())
            out.append(new_indent + "{")
        else:
            out.append(new_indent + body)
        if rng.random() < 0.06:
            out.append("")
    return out


def t_literals(lines, language, rng):
    def number(match):
        text = match.group(0)
        if "." in text:
            changed = f"{float(text) * rng.choice([0.5, 2.0, 1.5]):.4g}"
            return changed if "." in changed or "e" in changed else changed + ".0"
        value = int(text)
        if value in (0, 1):
            return text
        return str(value + rng.choice([1, 2, 3, 5, 10]))

    def code(part):
        return re.sub(r"(?<![\w.])\d+(\.\d+)?(?![\w.])", number, part)

    def string(literal):
        quote, inner = literal[0], literal[1:-1]
        if len(inner) <= 1:
            return literal
        # Words only: format specifiers (%d, %.2f), escapes (\n) and {placeholders} stay as they are.
        pieces = re.split(r"(\{[^}]*\}|%[-+ 0-9.]*[a-zA-Z]|\\.)", inner)
        for i in range(0, len(pieces), 2):
            pieces[i] = re.sub(r"[A-Za-z]{3,}", lambda m: rng.choice(WORDS), pieces[i])
        return quote + "".join(pieces) + literal[-1]

    out = []
    in_import = False
    for line in lines:
        stripped = line.strip()
        if language == "go" and stripped.startswith("import ("):
            in_import = True
        if in_import or stripped.startswith(("#include", "import ", "from ", "package ", "'use strict'")) or (
            is_comment(line, language)
        ):
            out.append(line)
            if in_import and stripped == ")":
                in_import = False
            continue
        out.append(map_code(line, language, code, string))
    return out


def t_reorder(tree, rng):
    return render(tree, rng)


DEAD = {
    "java": ["int unused{n} = {v};", "String trace{n} = \"\";", "if (false) {{ System.out.println(\"debug\"); }}"],
    "c": ["int unused_{n} = {v};", "if (0) {{ puts(\"debug\"); }}"],
    "javascript": ["let unused{n} = {v};", "if (false) {{ console.log('debug'); }}"],
    "go": ["_ = {v}", "if false {{ fmt.Println(\"debug\") }}"],
    "python": ["unused_{n} = {v}", "if False: print(\"debug\")", "pass"],
}


def t_deadcode(lines, language, rng):
    eligible = []
    depth = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        code = map_code(stripped, language, lambda s: s, lambda s: '""')
        before = depth
        depth += code.count("(") + code.count("[") - code.count(")") - code.count("]")
        if before != 0 or depth != 0 or not stripped or is_comment(line, language):
            continue
        if stripped.startswith(("return", "break", "continue", "throw", "raise", "case", "default", "@")):
            continue
        if language == "python":
            if stripped.endswith((":", ",", "\\")) or indent_of(line) == 0 or stripped.startswith(('"""', "elif", "else")):
                continue
            following = next((l for l in lines[i + 1 :] if l.strip()), "")
            if indent_of(following) > indent_of(line):
                continue
        else:
            if not stripped.endswith(";") and not (language == "go" and re.search(r"[\w)\]]$", stripped) and "=" in stripped):
                continue
            if indent_of(line.replace("\t", "    ")) == 0 or not re.search(r"=|\(|\+\+|--", stripped):
                continue
            if stripped.startswith("for ") or stripped.startswith("for("):
                continue
        eligible.append(i)
    chosen = set(rng.sample(eligible, min(len(eligible), max(3, len(eligible) // 6)))) if eligible else set()
    out = []
    counter = 0
    for i, line in enumerate(lines):
        out.append(line)
        if i in chosen:
            counter += 1
            indent = line[: indent_of(line)]
            forms = DEAD[language]
            if language == "java" and indent_of(line) < 8:
                forms = forms[:2]
            out.append(indent + rng.choice(forms).format(n=counter, v=rng.randint(0, 99)))
    return out


SPLIT = re.compile(r"^(\s*)((?:[A-Za-z_][\w<>\[\]]*\s+\**)?)([\w.\[\]>\-]+)\s*(=|\+=|-=|\*=|:=)\s*(.+?)(;?)$")
C_TYPES = ("int ", "long ", "double ", "float ", "size_t ", "char ", "unsigned ", "const ")


def top_level_split(rhs, language):
    """Index of the operator to split rhs at: the last one of the lowest precedence at bracket depth 0."""
    masked = map_code(rhs, language, lambda s: s, lambda s: "S" * len(s))
    depth, best_add, best_mul = 0, None, None
    for i, ch in enumerate(masked):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and i > 0 and masked[i - 1] == " " and i + 1 < len(masked) and masked[i + 1] == " ":
            if ch in "+-":
                best_add = i
            elif ch in "*/%":
                best_mul = i
    return best_add if best_add is not None else best_mul


def t_split(lines, language, rng):
    out = []
    counter = 0
    for line in lines:
        match = SPLIT.match(line)
        stripped = line.strip()
        if not match or is_comment(line, language) or stripped.startswith(("for", "if", "while", "return", "elif")):
            out.append(line)
            continue
        indent, decl, lhs, op, rhs, semi = match.groups()
        if "?" in rhs or " if " in rhs or "==" in rhs or "&&" in rhs or "||" in rhs or " and " in rhs:
            out.append(line)
            continue
        if decl.strip() in ("return", "else", "const", "let", "var") and language != "javascript":
            out.append(line)
            continue
        at = top_level_split(rhs, language)
        if at is None:
            out.append(line)
            continue
        left, operator, right = rhs[:at].rstrip(), rhs[at], rhs[at + 1 :].lstrip()
        counter += 1
        temp = rng.choice(["tmp", "part", "step", "partial", "value"]) + str(counter)
        right_is_term = top_level_split(right, language) is None
        if right_is_term and top_level_split(left, language) is None and len(right) < len(left):
            piece, rest = left, f"{temp} {operator} {right}"
        elif not right_is_term:
            piece, rest = right, f"{left} {operator} {temp}"
        else:
            piece, rest = left, f"{temp} {operator} {right}"
        if re.fullmatch(r"[\w.]+", piece):
            counter -= 1
            out.append(line)
            continue
        if language == "java":
            first = f"var {temp} = {piece};"
        elif language == "c":
            ctype = decl.strip() if decl.strip().startswith(C_TYPES) else f"__typeof__({lhs})"
            first = f"{ctype} {temp} = {piece};"
        elif language == "javascript":
            first = f"const {temp} = {piece};"
        elif language == "go":
            first = f"{temp} := {piece}"
        else:
            first = f"{temp} = {piece}"
        out.append(indent + first)
        out.append(f"{indent}{decl}{lhs} {op} {rest}{semi}")
    return out


def load(path):
    language = path.parent.name
    lines = path.read_text(encoding="utf-8").splitlines()
    names = []
    if lines and RENAME.match(lines[0]):
        names = RENAME.match(lines[0]).group(2).split()
        lines = lines[1:]
    return language, names, lines


def transform(path, kind, rng):
    language, names, lines = load(path)
    tree = parse_groups(lines)
    steps = ["reorder", "rename", "split", "deadcode", "literals", "comments", "reformat"] if kind == "combined" else [kind]
    current = render(tree, rng if "reorder" in steps else None)
    for step in steps:
        if step == "rename":
            current = t_rename(current, language, rng, names)
        elif step == "comments":
            current = t_comments(current, language, rng)
        elif step == "reformat":
            current = t_reformat(current, language, rng)
        elif step == "literals":
            current = t_literals(current, language, rng)
        elif step == "deadcode":
            current = t_deadcode(current, language, rng)
        elif step == "split":
            current = t_split(current, language, rng)
    return "\n".join(current) + "\n"


def originals():
    files = sorted(p for p in PROGRAMS.glob("*/*") if p.suffix in EXTENSIONS.values())
    return files


def task_of(path):
    """The task a program solves and which solution it is: `bank_a.js` -> ("bank", "a"), `BankB.java` -> ("bank", "b")."""
    stem = path.stem
    if "_" in stem:
        task, solution = stem.rsplit("_", 1)
    else:
        task, solution = stem[:-1], stem[-1]
    return task.lower(), solution.lower()


def make_eval(out_dir, seed=7):
    rng = random.Random(seed)
    files_dir = out_dir / "files"
    pairs = []
    programs = originals()
    by_task = {}
    for path in programs:
        language = path.parent.name
        task, solution = task_of(path)
        by_task.setdefault((language, task), {})[solution] = path
        target = files_dir / language / f"{task}_{solution}_original{path.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(render(parse_groups(load(path)[2]))) + "\n")
    for path in programs:
        language = path.parent.name
        task, solution = task_of(path)
        original = f"{language}/{task}_{solution}_original{path.suffix}"
        other = "b" if solution == "a" else "a"
        for kind in TRANSFORMS:
            copy = f"{language}/{task}_{solution}_{kind}{path.suffix}"
            (files_dir / copy).write_text(transform(path, kind, rng))
            pairs.append({"a": original, "b": copy, "label": 1, "language": language, "kind": kind})
            if other in by_task[(language, task)]:
                independent = f"{language}/{task}_{other}_original{path.suffix}"
                pairs.append(
                    {"a": copy, "b": independent, "label": 0, "language": language, "kind": "same-task-copy"}
                )
    for (language, task), solutions in sorted(by_task.items()):
        if "a" in solutions and "b" in solutions:
            ext = solutions["a"].suffix
            pairs.append(
                {
                    "a": f"{language}/{task}_a_original{ext}",
                    "b": f"{language}/{task}_b_original{ext}",
                    "label": 0,
                    "language": language,
                    "kind": "same-task",
                }
            )
    for i, p in enumerate(programs):
        for q in programs[i + 1 :]:
            if p.parent.name == q.parent.name and task_of(p)[0] != task_of(q)[0]:
                a = f"{p.parent.name}/{task_of(p)[0]}_{task_of(p)[1]}_original{p.suffix}"
                b = f"{q.parent.name}/{task_of(q)[0]}_{task_of(q)[1]}_original{q.suffix}"
                pairs.append({"a": a, "b": b, "label": 0, "language": p.parent.name, "kind": "other-task"})
    with open(out_dir / "labels.jsonl", "w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair) + "\n")
    positives = sum(p["label"] for p in pairs)
    print(f"{len(programs)} originals, {len(pairs)} labelled pairs ({positives} positive) in {out_dir}", file=sys.stderr)


def make_perf(out_dir, count, seed=11):
    """count files: each a transformed variant (random transformation, own seed) of a random original, with a random
    subset of its reorderable items dropped, so files of the same origin overlap partly rather than all being
    near-identical."""
    rng = random.Random(seed)
    programs = originals()
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        path = rng.choice(programs)
        kind = rng.choice(TRANSFORMS)
        text = transform(path, kind, random.Random(seed * 1_000_003 + i))
        lines = text.splitlines()
        # Drop a random contiguous fifth to a third of the lines (never the whole file).
        span = rng.randint(len(lines) // 5, len(lines) // 3)
        start = rng.randint(0, max(0, len(lines) - span))
        lines = lines[:start] + lines[start + span :]
        (out_dir / f"f{i:05d}{path.suffix}").write_text("\n".join(lines) + "\n")
    print(f"{count} files in {out_dir}", file=sys.stderr)


def main(argv):
    if len(argv) >= 2 and argv[0] == "eval":
        make_eval(Path(argv[1]))
    elif len(argv) >= 3 and argv[0] == "perf":
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 11
        make_perf(Path(argv[1]), int(argv[2]), seed)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
