#!/usr/bin/env python3
"""A synthetic text corpus with planted near-duplicates, for bench/copy_lsh.sh.

  make_text_corpus.py OUT.tsv PLANTED.tsv [--documents N] [--seed S] [--share F] [--edit E]

N documents (default 100,000) of 90-110 words each, words drawn with a Zipf law (s = 1.1) from a vocabulary of
30,000 pronounceable made-up words. A share F (default 0.02) of the documents are near-duplicates of a random earlier
document: a share E (default 0.05) of its words replaced, and one to three words deleted and inserted. OUT.tsv has
one document per line, `id<TAB>text`; PLANTED.tsv one planted pair per line, `copy_id<TAB>source_id`.
"""

import argparse
import bisect
import itertools
import random


def vocabulary(rng, size):
    onsets = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr st tr ch sh th".split()
    vowels = "a e i o u ai ea io ou".split()
    codas = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st"]
    words, seen = [], set()
    while len(words) < size:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(1, 3))) + rng.choice(codas)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("planted")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.02)
    parser.add_argument("--edit", type=float, default=0.05)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = vocabulary(rng, 30_000)
    cumulative = list(itertools.accumulate(1 / (rank ** 1.1) for rank in range(1, len(words) + 1)))
    total = cumulative[-1]

    def draw(count):
        return [words[bisect.bisect_left(cumulative, rng.random() * total)] for _ in range(count)]

    documents = []
    with open(args.out, "w", encoding="utf-8") as out, open(args.planted, "w", encoding="utf-8") as planted:
        for i in range(args.documents):
            if i > 10 and rng.random() < args.share:
                source = rng.randrange(i)
                text = list(documents[source])
                for j in range(len(text)):
                    if rng.random() < args.edit:
                        text[j] = draw(1)[0]
                for _ in range(rng.randint(1, 3)):
                    del text[rng.randrange(len(text))]
                for _ in range(rng.randint(1, 3)):
                    text.insert(rng.randrange(len(text) + 1), draw(1)[0])
                planted.write(f"d{i}\td{source}\n")
            else:
                text = draw(rng.randint(90, 110))
            documents.append(text)
            out.write(f"d{i}\t{' '.join(text)}\n")


if __name__ == "__main__":
    main()
