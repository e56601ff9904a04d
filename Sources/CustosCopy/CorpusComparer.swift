import Foundation
import Synchronization

/// One compared pair of a corpus run.
public struct RankedPair: Hashable, Sendable {
    /// Index of the first submission in the compared array.
    public var a: Int
    /// Index of the second submission (`a < b`).
    public var b: Int
    /// Distinct fingerprints the two share (after boilerplate suppression).
    public var sharedFingerprints: Int
    /// The token-level comparison.
    public var comparison: PairComparison

    /// Creates a ranked pair.
    public init(a: Int, b: Int, sharedFingerprints: Int, comparison: PairComparison) {
        self.a = a
        self.b = b
        self.sharedFingerprints = sharedFingerprints
        self.comparison = comparison
    }
}

/// The outcome of a corpus run: the best pairs, and how many pairs shared anything at all.
public struct CorpusComparison: Hashable, Sendable {
    /// The listed pairs, most similar first.
    public var pairs: [RankedPair]
    /// Pairs that share at least one fingerprint (all were aligned).
    public var candidatePairs: Int
    /// Pairs with a similarity above 0 and at least the minimum (listed or not).
    public var similarPairs: Int

    /// Creates a result.
    public init(pairs: [RankedPair], candidatePairs: Int, similarPairs: Int) {
        self.pairs = pairs
        self.candidatePairs = candidatePairs
        self.similarPairs = similarPairs
    }
}

/// Compares every pair of a set of submissions without quadratic work or memory: boilerplate is suppressed
/// (base code, and fingerprints in more than `maximumShare` of the submissions), an inverted index finds the
/// pairs that share any fingerprint (``CandidatePairs``), and only those are aligned (``PairComparer``), in
/// batches whose results are folded into the `limit` best, so memory stays bounded however many pairs share code.
/// Pairs sharing nothing score 0 and are not listed.
public struct CorpusComparer: Sendable {
    /// Fingerprints in more than this share of the submissions are boilerplate (`nil`: no corpus suppression).
    public var maximumShare: Double?
    /// Pairs below this similarity are dropped from the result.
    public var minimumSimilarity: Double
    /// Pairs sharing fewer fingerprints are not aligned at all.
    public var minimumSharedFingerprints: Int
    /// The most pairs kept (the most similar), `nil` for all.
    public var limit: Int?
    /// Parallel workers (`nil`: one per processor).
    public var workers: Int?

    /// Candidate pairs aligned per batch before the results are folded into the kept pairs.
    static let batchSize = 65_536

    /// Creates a comparer.
    public init(
        maximumShare: Double? = 0.5, minimumSimilarity: Double = 0, minimumSharedFingerprints: Int = 1,
        limit: Int? = nil, workers: Int? = nil
    ) {
        self.maximumShare = maximumShare
        self.minimumSimilarity = minimumSimilarity
        self.minimumSharedFingerprints = minimumSharedFingerprints
        self.limit = limit
        self.workers = workers
    }

    /// Compares every pair of `documents`, all fingerprinted with the same parameters.
    ///
    /// - Parameters:
    ///   - documents: the submissions.
    ///   - base: code every submission was given; its k-grams never count.
    ///   - progress: called with (pairs aligned, pairs to align) as the alignment advances, from any thread.
    /// - Returns: pairs with a similarity above 0 and at least `minimumSimilarity`, the `limit` most similar first
    ///   (ties by the larger directional share, then by indices), with the counts of candidate and similar pairs.
    /// - Complexity: O(F + C · m) for F fingerprints in the corpus and C candidate pairs of m tokens; memory
    ///   O(F + N · workers + batch + limit).
    public func compare(
        _ documents: [CopyDocument], base: [CopyDocument] = [],
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) -> CorpusComparison {
        var filter = BoilerplateFilter()
        for document in base { filter.addBase(document) }
        if let maximumShare { filter.addFrequent(in: documents, share: maximumShare) }
        let candidates = CandidatePairs(
            minimumShared: max(1, minimumSharedFingerprints), maximumShare: nil, ignoring: filter.hashes,
            workers: workers
        ).pairs(amongHashLists: documents.map { $0.fingerprints.map(\.hash) })
        guard !candidates.isEmpty else { return CorpusComparison(pairs: [], candidatePairs: 0, similarPairs: 0) }
        let comparer = PairComparer(boilerplate: filter)
        let prepared = documents.concurrentMap(workers: workers) { comparer.prepare($0) }
        let threshold = minimumSimilarity
        var kept: [RankedPair] = []
        var similar = 0
        var done = 0
        for start in stride(from: 0, to: candidates.count, by: Self.batchSize) {
            let batch = Array(candidates[start..<min(candidates.count, start + Self.batchSize)])
            let compared = batch.concurrentMap(workers: workers) { candidate -> RankedPair? in
                let comparison = comparer.compare(prepared[Int(candidate.a)], prepared[Int(candidate.b)])
                guard comparison.similarity > 0, comparison.similarity >= threshold else { return nil }
                return RankedPair(
                    a: Int(candidate.a), b: Int(candidate.b), sharedFingerprints: candidate.shared,
                    comparison: comparison)
            }
            let found = compared.compactMap { $0 }
            similar += found.count
            kept += found
            kept.sort(by: Self.ranksBefore)
            if let limit, kept.count > limit { kept.removeLast(kept.count - limit) }
            done += batch.count
            progress?(done, candidates.count)
        }
        return CorpusComparison(pairs: kept, candidatePairs: candidates.count, similarPairs: similar)
    }

    /// The listing order: most similar first, then the larger directional share, then indices.
    static func ranksBefore(_ left: RankedPair, _ right: RankedPair) -> Bool {
        let l = left.comparison
        let r = right.comparison
        if l.similarity != r.similarity { return l.similarity > r.similarity }
        let lMax = max(l.aInB, l.bInA)
        let rMax = max(r.aInB, r.bInA)
        if lMax != rMax { return lMax > rMax }
        return (left.a, left.b) < (right.a, right.b)
    }
}
