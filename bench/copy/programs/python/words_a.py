# @rename text_stats split_words count_words longest_words summary text words counts result limit word total
import re
import sys
from collections import Counter


# Word statistics of a text: counts, most common words and longest words.
# @order
# @item
def split_words(text):
    words = re.findall(r"[a-z']+", text.lower())
    return [word for word in words if word.strip("'")]


# @item
def count_words(words):
    counts = Counter(words)
    return counts


# @item
def longest_words(words, limit):
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    return unique[:limit]


# @item
def summary(text, limit=3):
    words = split_words(text)
    counts = count_words(words)
    total = len(words)
    letters = sum(len(word) for word in words)
    average = letters / total if total else 0.0
    result = {
        "words": total,
        "distinct": len(counts),
        "average": round(average, 2),
        "common": counts.most_common(limit),
        "longest": longest_words(words, limit),
    }
    return result
# @end


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = "It was the best of times, it was the worst of times, it was the age of wisdom."
    stats = summary(text)
    for key, value in stats.items():
        print(f"{key:>10}: {value}")


if __name__ == "__main__":
    main()
