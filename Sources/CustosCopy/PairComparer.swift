/// Compares two submissions token by token: shared winnowing fingerprints seed candidate matches, each seed is
/// extended to the longest run of equal tokens around it, and greedy string tiling (Wise 1993: longest tiles
/// first, no token used twice, a tile that overlaps an accepted one is cut to its unmarked parts and re-queued)
/// picks the final non-overlapping matches. Reordered functions, inserted statements and dead code break a copy
/// into several tiles rather than hiding it.
///
/// Scores count tokens, not fingerprints, so they do not depend on where winnowing windows fall:
/// `aInB` = matched tokens of A ÷ tokens of A, `bInA` likewise, `similarity` = matched tokens of both ÷ tokens
/// of both, each without boilerplate tokens.
public struct PairComparer: Sendable {
    /// The k-grams to ignore.
    public var boilerplate: BoilerplateFilter
    /// The shortest tile kept, in tokens (by default the k-gram length: shorter common runs are noise).
    public var minimumMatch: Int?
    /// Tiles closer than this many tokens on both sides, in the same order, are reported as one region.
    public var mergeGap: Int

    /// Creates a comparer.
    public init(boilerplate: BoilerplateFilter = BoilerplateFilter(), minimumMatch: Int? = nil, mergeGap: Int = 12) {
        self.boilerplate = boilerplate
        self.minimumMatch = minimumMatch
        self.mergeGap = mergeGap
    }

    /// A document with what comparisons need precomputed once: its boilerplate mask and where each of its
    /// fingerprints occurs.
    public struct Prepared: Sendable {
        /// The document.
        public let document: CopyDocument
        /// Tokens under boilerplate.
        let mask: [Bool]
        /// Tokens that count (not boilerplate).
        public let countableTokens: Int
        /// Non-boilerplate fingerprint hash → positions.
        let positions: [UInt64: [Int32]]
    }

    /// Precomputes a document's mask and fingerprint positions.
    ///
    /// - Complexity: O(n) in the document's tokens.
    public func prepare(_ document: CopyDocument) -> Prepared {
        let mask = boilerplate.mask(for: document)
        var positions: [UInt64: [Int32]] = [:]
        positions.reserveCapacity(document.fingerprints.count)
        for fingerprint in document.fingerprints where !boilerplate.hashes.contains(fingerprint.hash) {
            positions[fingerprint.hash, default: []].append(fingerprint.position)
        }
        let countable = mask.reduce(0) { $0 + ($1 ? 0 : 1) }
        return Prepared(document: document, mask: mask, countableTokens: countable, positions: positions)
    }

    /// Compares two documents fingerprinted with the same parameters.
    public func compare(_ a: CopyDocument, _ b: CopyDocument) -> PairComparison {
        compare(prepare(a), prepare(b))
    }

    /// Compares two prepared documents.
    ///
    /// - Complexity: O(s · m + t log t) for s seeds extended over runs of length m and t candidate tiles, plus
    ///   O(n) for the token marks.
    public func compare(_ a: Prepared, _ b: Prepared) -> PairComparison {
        let k = a.document.parameters.k
        let minimum = max(1, minimumMatch ?? k)
        let runs = maximalRuns(a, b, k: k, minimum: minimum)
        guard !runs.isEmpty else { return .none }
        let tiles = tile(runs, a: a, b: b, minimum: minimum)
        let matchedA = tiles.reduce(0) { $0 + $1.countA }
        let matchedB = tiles.reduce(0) { $0 + $1.countB }
        func share(_ matched: Int, _ total: Int) -> Double { total == 0 ? 0 : min(1, Double(matched) / Double(total)) }
        return PairComparison(
            similarity: share(matchedA + matchedB, a.countableTokens + b.countableTokens),
            aInB: share(matchedA, a.countableTokens), bInA: share(matchedB, b.countableTokens),
            matchedTokensA: matchedA, matchedTokensB: matchedB, matches: regions(tiles, a: a.document, b: b.document))
    }

    /// A run of equal tokens: A's tokens `a..<a+length` equal B's `b..<b+length`.
    struct Run: Comparable {
        var a: Int
        var b: Int
        var length: Int
        var countA = 0
        var countB = 0

        static func < (lhs: Run, rhs: Run) -> Bool {
            (lhs.length, rhs.a, rhs.b) < (rhs.length, lhs.a, lhs.b)
        }
    }

    /// Seeds from shared fingerprints, each extended to the longest equal run around it within its files and
    /// outside boilerplate; duplicates (seeds on the same diagonal inside one run) are found once.
    private func maximalRuns(_ a: Prepared, _ b: Prepared, k: Int, minimum: Int) -> [Run] {
        let symbolsA = a.document.symbols
        let symbolsB = b.document.symbols
        var runs: [Run] = []
        var covered: [Int: [Range<Int>]] = [:]  // diagonal (a - b) → A ranges already found
        // A hash repeated many times (generated tables, repeated idioms) would multiply seeds; a few per side
        // suffice because the tiling re-cuts runs anyway.
        let seedsPerHash = 16
        for fingerprint in a.document.fingerprints {
            guard let targets = b.positions[fingerprint.hash], a.positions[fingerprint.hash] != nil else { continue }
            let pa = Int(fingerprint.position)
            let fileA = a.document.files[a.document.fileIndex(containing: pa)].tokens
            for target in targets.prefix(seedsPerHash) {
                let pb = Int(target)
                let diagonal = pa - pb
                if covered[diagonal]?.contains(where: { $0.contains(pa) }) == true { continue }
                let fileB = b.document.files[b.document.fileIndex(containing: pb)].tokens
                guard pa + k <= fileA.upperBound, pb + k <= fileB.upperBound,
                    symbolsA[pa..<(pa + k)].elementsEqual(symbolsB[pb..<(pb + k)])
                else { continue }  // a hash collision, not a match
                var start = pa
                while start > fileA.lowerBound, start - diagonal > fileB.lowerBound,
                    symbolsA[start - 1] == symbolsB[start - 1 - diagonal], !a.mask[start - 1],
                    !b.mask[start - 1 - diagonal]
                {
                    start -= 1
                }
                var end = pa + k
                while end < fileA.upperBound, end - diagonal < fileB.upperBound,
                    symbolsA[end] == symbolsB[end - diagonal], !a.mask[end], !b.mask[end - diagonal]
                {
                    end += 1
                }
                covered[diagonal, default: []].append(start..<end)
                if end - start >= minimum { runs.append(Run(a: start, b: start - diagonal, length: end - start)) }
            }
        }
        return runs
    }

    /// Greedy string tiling over the candidate runs.
    private func tile(_ runs: [Run], a: Prepared, b: Prepared, minimum: Int) -> [Run] {
        var heap = RunHeap(runs)
        var markedA = [Bool](repeating: false, count: a.document.tokenCount)
        var markedB = [Bool](repeating: false, count: b.document.tokenCount)
        var tiles: [Run] = []
        while var run = heap.popLargest() {
            var pieces: [Run] = []
            var pieceStart: Int?
            for offset in 0...run.length {
                let free =
                    offset < run.length && !markedA[run.a + offset] && !markedB[run.b + offset]
                if free, pieceStart == nil { pieceStart = offset }
                if !free, let start = pieceStart {
                    pieces.append(Run(a: run.a + start, b: run.b + start, length: offset - start))
                    pieceStart = nil
                }
            }
            if pieces.count == 1, pieces[0].length == run.length {
                for offset in 0..<run.length {
                    markedA[run.a + offset] = true
                    markedB[run.b + offset] = true
                    if !a.mask[run.a + offset] { run.countA += 1 }
                    if !b.mask[run.b + offset] { run.countB += 1 }
                }
                tiles.append(run)
            } else {
                for piece in pieces where piece.length >= minimum { heap.insert(piece) }
            }
        }
        return tiles.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    /// Tiles as line regions, neighbours in the same order on both sides merged.
    private func regions(_ tiles: [Run], a: CopyDocument, b: CopyDocument) -> [CopyMatch] {
        struct Region {
            var aStart: Int
            var aEnd: Int
            var bStart: Int
            var bEnd: Int
            var tokens: Int
        }
        var merged: [Region] = []
        for tile in tiles {
            let next = Region(
                aStart: tile.a, aEnd: tile.a + tile.length, bStart: tile.b, bEnd: tile.b + tile.length,
                tokens: tile.countA)
            if let last = merged.last, a.fileIndex(containing: last.aStart) == a.fileIndex(containing: next.aStart),
                b.fileIndex(containing: last.bStart) == b.fileIndex(containing: next.bStart),
                (0...mergeGap).contains(next.aStart - last.aEnd), (0...mergeGap).contains(next.bStart - last.bEnd)
            {
                merged[merged.count - 1].aEnd = next.aEnd
                merged[merged.count - 1].bEnd = next.bEnd
                merged[merged.count - 1].tokens += next.tokens
            } else {
                merged.append(next)
            }
        }
        return merged.map { region in
            let locationA = a.location(of: region.aStart..<region.aEnd)
            let locationB = b.location(of: region.bStart..<region.bEnd)
            return CopyMatch(
                aFile: a.files[locationA.file].path, aLines: locationA.lines, bFile: b.files[locationB.file].path,
                bLines: locationB.lines, tokens: region.tokens)
        }
    }
}

/// A binary max-heap of runs (longest first; ties by position, so tiling is deterministic).
private struct RunHeap {
    private var items: [PairComparer.Run]

    init(_ runs: [PairComparer.Run]) {
        items = []
        items.reserveCapacity(runs.count)
        for run in runs { insert(run) }
    }

    mutating func insert(_ run: PairComparer.Run) {
        items.append(run)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[parent] < items[child] else { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func popLargest() -> PairComparer.Run? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var largest = parent
                if left < items.count, items[largest] < items[left] { largest = left }
                if right < items.count, items[largest] < items[right] { largest = right }
                if largest == parent { break }
                items.swapAt(parent, largest)
                parent = largest
            }
        }
        return top
    }
}
