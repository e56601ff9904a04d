# @rename Analyzer feed lines chars table vocabulary top_n histogram bar line token n scale width
"""Line-oriented text analyser that keeps a running frequency table and draws a histogram."""

import string


class Analyzer:
    def __init__(self):
        self.lines = 0
        self.chars = 0
        self.table = {}

    # @order
    # @item
    def feed(self, line):
        self.lines += 1
        self.chars += len(line)
        cleaned = line.translate(str.maketrans("", "", string.punctuation))
        for token in cleaned.lower().split():
            self.table[token] = self.table.get(token, 0) + 1

    # @item
    def vocabulary(self):
        return len(self.table)

    # @item
    def top_n(self, n):
        pairs = list(self.table.items())
        pairs.sort(key=lambda p: p[1], reverse=True)
        return pairs[:n]

    # @item
    def histogram(self, n=5, width=40):
        rows = self.top_n(n)
        if not rows:
            return ""
        scale = width / rows[0][1]
        out = []
        for token, count in rows:
            bar = "*" * max(1, int(count * scale))
            out.append("%-12s %s %d" % (token, bar, count))
        return "\n".join(out)
    # @end


SAMPLE = """Shall I compare thee to a summer's day?
Thou art more lovely and more temperate:
Rough winds do shake the darling buds of May,
And summer's lease hath all too short a date."""

if __name__ == "__main__":
    a = Analyzer()
    for line in SAMPLE.splitlines():
        a.feed(line)
    print("lines:", a.lines, "chars:", a.chars, "vocabulary:", a.vocabulary())
    print(a.histogram())
