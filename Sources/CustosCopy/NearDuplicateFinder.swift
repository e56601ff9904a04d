import Synchronization

/// Finds near-duplicate documents in a corpus — pirated copies of a chapter, one listing description pasted across
/// thousands of shops — with MinHash signatures over token shingles and banding LSH, without comparing every pair.
///
/// Each document's w-shingles (runs of `shingleSize` consecutive token symbols, see `MinHash.shingles`) are signed
/// with `numPermutations` hash functions; documents whose shingle sets are identical are grouped first (a text
/// pasted n times costs one signature lookup per copy, not n² candidate checks); one document of each group goes
/// into a `MinHashLSH` banded for `threshold`; each is queried for the later ones sharing a band, and a candidate
/// pair is kept only when its Jaccard similarity (exact over the shingle sets, or estimated from the signatures) is
/// at least `threshold`. Kept pairs are joined into clusters by union-find.
///
/// Results do not depend on the number of workers or on timing: the hash family is seeded, and pairs and clusters
/// come back in a fixed order.
///
/// - Complexity: O(T + N · s · p) to shingle and sign N documents of T tokens in all (s shingles each, p
///   permutations), spread over the workers; O(N · b · r) to index them (b bands of r rows); O(C · s) to verify C
///   candidate pairs exactly (O(C · p) by estimate). Memory O(N · (p + s)) with exact verification, O(N · p)
///   by estimate.
public struct NearDuplicateFinder: Sendable {
    /// How a candidate pair's similarity is decided.
    public enum Verification: String, Hashable, Sendable, Codable {
        /// The fraction of signature positions that agree (no shingle sets are kept; standard error
        /// sqrt(J(1 − J) / p), ±0.035 at J = 0.8 with 128 permutations).
        case estimate
        /// The exact Jaccard similarity of the two shingle sets (kept sorted, one merge per candidate pair).
        case exact
    }

    /// Two near-duplicate documents.
    public struct Pair: Hashable, Sendable, Codable {
        /// Index of the first document in the input (`a < b`).
        public var a: Int
        /// Index of the second document.
        public var b: Int
        /// Their Jaccard similarity (exact or estimated, as `verification` says), at least the threshold.
        public var jaccard: Double

        /// Creates a pair.
        public init(a: Int, b: Int, jaccard: Double) {
            self.a = a
            self.b = b
            self.jaccard = jaccard
        }
    }

    /// Documents linked by near-duplicate pairs (a connected component of the pairs, so two members of a long
    /// chain of edits may be less alike than `minimumJaccard`).
    public struct Cluster: Hashable, Sendable, Codable {
        /// The members' indices, ascending (two or more).
        public var documents: [Int]
        /// The lowest Jaccard similarity among the pairs that link the cluster.
        public var minimumJaccard: Double

        /// Creates a cluster.
        public init(documents: [Int], minimumJaccard: Double) {
            self.documents = documents
            self.minimumJaccard = minimumJaccard
        }
    }

    /// What a search found.
    public struct Result: Hashable, Sendable {
        /// Verified pairs, most similar first (ties by `a`, then `b`). Documents with identical shingle sets are
        /// each paired with the first of them only (Jaccard 1), so a text pasted n times gives n − 1 pairs.
        public var pairs: [Pair]
        /// Clusters, largest first (ties by their first document).
        public var clusters: [Cluster]
        /// Indices of documents with fewer tokens than one shingle holds, ascending; they are not compared.
        public var tooShort: [Int]
        /// Candidate pairs the LSH proposed and that were verified (identical documents not included).
        public var candidatePairs: Int
        /// The banding used.
        public var banding: MinHashLSH.Parameters

        /// Creates a result.
        public init(
            pairs: [Pair], clusters: [Cluster], tooShort: [Int], candidatePairs: Int, banding: MinHashLSH.Parameters
        ) {
            self.pairs = pairs
            self.clusters = clusters
            self.tooShort = tooShort
            self.candidatePairs = candidatePairs
            self.banding = banding
        }
    }

    /// A stage of `find`, for progress reports.
    public enum Phase: String, Hashable, Sendable {
        /// Shingling and signing the documents.
        case signing
        /// Querying the LSH index and verifying candidates.
        case verifying
    }

    /// The Jaccard similarity a pair needs, in (0, 1].
    public let threshold: Double
    /// Tokens per shingle.
    public let shingleSize: Int
    /// MinHash signature length.
    public let numPermutations: Int
    /// The MinHash family's seed.
    public let seed: UInt64
    /// How candidates are verified.
    public var verification: Verification
    /// Parallel workers (`nil`: one per processor).
    public var workers: Int?

    /// The LSH banding in use.
    public var banding: MinHashLSH.Parameters { emptyIndex.parameters }
    /// An empty index with that banding, copied for each search.
    private let emptyIndex: MinHashLSH

    /// Creates a finder.
    ///
    /// - Parameters:
    ///   - threshold: the Jaccard similarity of shingle sets at which two documents are near-duplicates (0.8: a
    ///     copy with a few words changed per sentence; lower finds looser rewrites and proposes more candidates).
    ///   - shingleSize: tokens per shingle (5 words: long enough that unrelated texts on one topic share few).
    ///   - numPermutations: signature length, 1…4096.
    ///   - seed: the MinHash family's seed; the default makes results identical on every run and machine.
    ///   - verification: exact shingle-set Jaccard (default) or the signature estimate.
    ///   - banding: the LSH banding; `nil` chooses it for `threshold`, weighted against missed pairs.
    ///   - workers: parallel workers (`nil`: one per processor).
    /// - Throws: `CopyError.invalidArgument` for a threshold outside (0, 1], a shingle size below 1, a
    ///   signature length outside 1…4096 or a banding that does not fit the signature.
    public init(
        threshold: Double = 0.8, shingleSize: Int = 5, numPermutations: Int = 128, seed: UInt64 = MinHash.defaultSeed,
        verification: Verification = .exact, banding: MinHashLSH.Parameters? = nil, workers: Int? = nil
    ) throws(CopyError) {
        guard shingleSize >= 1 else {
            throw CopyError(.invalidArgument, "a shingle holds at least one token, not \(shingleSize)")
        }
        guard (1...4096).contains(numPermutations) else {
            throw CopyError(.invalidArgument, "MinHash permutations must be 1…4096, not \(numPermutations)")
        }
        guard threshold > 0, threshold <= 1 else {
            throw CopyError(.invalidArgument, "the Jaccard threshold \(threshold) is out of range (0, 1]")
        }
        // Every candidate is verified, so a false positive costs one set comparison while a false negative is a
        // copy never reported: the banding is weighted 19 to 1 against misses (16 bands of 8 rows for 0.8 and 128
        // permutations: a pair at the threshold becomes a candidate with probability 0.95, at 0.85 with 0.99),
        // where datasketch's even weights (9 × 13) find only 40 % of the pairs at the threshold.
        let parameters =
            banding
            ?? .optimal(
                threshold: threshold, numPermutations: numPermutations, falsePositiveWeight: 0.05,
                falseNegativeWeight: 0.95)
        emptyIndex = try MinHashLSH(parameters: parameters, numPermutations: numPermutations)
        self.threshold = threshold
        self.shingleSize = shingleSize
        self.numPermutations = numPermutations
        self.seed = seed
        self.verification = verification
        self.workers = workers
    }

    /// Finds the near-duplicates among texts, tokenized by `tokenizer` (words, and CJK characters, by default).
    ///
    /// - Complexity: O(n) to tokenize n characters, then as `find(_:progress:)`.
    public func find(
        texts: [String], tokenizer: some Tokenizer = TextTokenizer(),
        progress: (@Sendable (_ phase: Phase, _ done: Int, _ total: Int) -> Void)? = nil
    ) -> Result {
        find(texts.concurrentMap(workers: workers) { tokenizer.tokenize($0).symbols }, progress: progress)
    }

    /// Finds the near-duplicates among documents given as token symbol arrays (`TokenStream.symbols`,
    /// `CopyDocument.symbols`).
    ///
    /// - Parameters:
    ///   - documents: each document's token symbols, in order.
    ///   - progress: called with the phase and (documents done, documents) as the work advances, from any thread.
    /// - Returns: verified pairs, their clusters, and the documents too short to compare; indices refer to
    ///   `documents`.
    /// - Complexity: see the type's documentation.
    public func find(
        _ documents: [[UInt64]], progress: (@Sendable (_ phase: Phase, _ done: Int, _ total: Int) -> Void)? = nil
    ) -> Result {
        let total = documents.count
        let verification = verification
        let threshold = threshold
        let sketches = signAll(documents, progress: progress)
        let tooShort = documents.indices.filter { sketches[$0] == nil }

        // Identical shingle sets first: each group's first document stands for the rest in the index.
        var groups: [MinHash.Signature: [Int]] = [:]
        var representatives: [Int] = []
        var pairs: [Pair] = []
        for (index, sketch) in sketches.enumerated() {
            guard let sketch else { continue }
            let same = groups[sketch.signature, default: []].first { other in
                verification == .estimate || sketches[other]?.shingles == sketch.shingles
            }
            if let same {
                pairs.append(Pair(a: same, b: index, jaccard: 1))
            } else {
                groups[sketch.signature, default: []].append(index)
                representatives.append(index)
            }
        }

        var index = emptyIndex
        for document in representatives {
            if let sketch = sketches[document] { index.insert(id: UInt32(document), signature: sketch.signature) }
        }

        let done = Atomic<Int>(0)
        let repeated = total - representatives.count
        let lsh = index
        let found = representatives.concurrentMap(workers: workers) { document -> (pairs: [Pair], candidates: Int) in
            defer {
                let finished = done.add(1, ordering: .relaxed).newValue + repeated
                if finished % 256 == 0 || finished == total { progress?(.verifying, finished, total) }
            }
            guard let sketch = sketches[document] else { return ([], 0) }
            var pairs: [Pair] = []
            var candidates = 0
            for candidate in lsh.query(signature: sketch.signature) where Int(candidate) > document {
                guard let other = sketches[Int(candidate)] else { continue }
                candidates += 1
                let jaccard =
                    verification == .exact
                    ? Self.jaccard(sketch.shingles, other.shingles)
                    : sketch.signature.jaccard(estimate: other.signature)
                if jaccard >= threshold { pairs.append(Pair(a: document, b: Int(candidate), jaccard: jaccard)) }
            }
            return (pairs, candidates)
        }
        if representatives.isEmpty, total > 0 { progress?(.verifying, total, total) }
        for entry in found { pairs += entry.pairs }
        pairs.sort { left, right in
            if left.jaccard != right.jaccard { return left.jaccard > right.jaccard }
            return (left.a, left.b) < (right.a, right.b)
        }
        return Result(
            pairs: pairs, clusters: Self.clusters(of: pairs, documentCount: total), tooShort: tooShort,
            candidatePairs: found.reduce(0) { $0 + $1.candidates }, banding: banding)
    }

    /// A document's signature, and its sorted distinct shingles when verification is exact (empty otherwise).
    struct Sketch: Sendable {
        var signature: MinHash.Signature
        var shingles: [UInt64]
    }

    /// Every document's sketch (`nil` for one shorter than a shingle), computed in parallel.
    private func signAll(
        _ documents: [[UInt64]], progress: (@Sendable (_ phase: Phase, _ done: Int, _ total: Int) -> Void)?
    ) -> [Sketch?] {
        let minHash = MinHash(numPermutations: numPermutations, seed: seed)
        let size = shingleSize
        let keepShingles = verification == .exact
        let total = documents.count
        let done = Atomic<Int>(0)
        return documents.concurrentMap(workers: workers) { symbols -> Sketch? in
            defer {
                let finished = done.add(1, ordering: .relaxed).newValue
                if finished % 256 == 0 || finished == total { progress?(.signing, finished, total) }
            }
            guard symbols.count >= size else { return nil }
            var shingles = MinHash.shingles(symbols: symbols, size: size)
            guard keepShingles else {
                return Sketch(signature: minHash.signature(of: shingles), shingles: [])
            }
            shingles.sort()
            Self.removeAdjacentDuplicates(&shingles)
            return Sketch(signature: minHash.signature(of: shingles), shingles: shingles)
        }
    }

    /// Keeps the first of each run of equal elements of a sorted array.
    static func removeAdjacentDuplicates(_ values: inout [UInt64]) {
        var kept = 0
        for index in values.indices where kept == 0 || values[index] != values[kept - 1] {
            values[kept] = values[index]
            kept += 1
        }
        values.removeLast(values.count - kept)
    }

    /// The Jaccard similarity of two sorted arrays of distinct elements: |A ∩ B| ÷ |A ∪ B| (1 for two empty sets).
    ///
    /// - Complexity: O(|A| + |B|).
    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// The connected components of the pairs (union-find with path halving; the smaller index becomes the root,
    /// so the result does not depend on the pairs' order).
    ///
    /// - Complexity: O(N + P · α(N)) for N documents and P pairs, plus sorting the clusters.
    static func clusters(of pairs: [Pair], documentCount: Int) -> [Cluster] {
        var parent = Array(0..<documentCount)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for pair in pairs {
            let a = root(pair.a)
            let b = root(pair.b)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var members: [Int: [Int]] = [:]
        var lowest: [Int: Double] = [:]
        for pair in pairs {
            let top = root(pair.a)
            lowest[top] = min(lowest[top] ?? 1, pair.jaccard)
        }
        for document in 0..<documentCount where lowest[root(document)] != nil {
            members[root(document), default: []].append(document)
        }
        return members.map { top, documents in Cluster(documents: documents, minimumJaccard: lowest[top] ?? 1) }
            .sorted { left, right in
                if left.documents.count != right.documents.count {
                    return left.documents.count > right.documents.count
                }
                return left.documents[0] < right.documents[0]
            }
    }
}
