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

/// Compares every pair of a set of submissions without quadratic work or memory: boilerplate is suppressed
/// (base code, and fingerprints in more than `maximumShare` of the submissions), an inverted index finds the
/// pairs that share any fingerprint (``CandidatePairs``), and only those are aligned (``PairComparer``).
/// Pairs sharing nothing score 0 and are not listed.
public struct CorpusComparer: Sendable {
    /// Fingerprints in more than this share of the submissions are boilerplate (`nil`: no corpus suppression).
    public var maximumShare: Double?
    /// Pairs below this similarity are dropped from the result.
    public var minimumSimilarity: Double
    /// Pairs sharing fewer fingerprints are not aligned at all.
    public var minimumSharedFingerprints: Int
    /// Parallel workers (`nil`: one per processor).
    public var workers: Int?

    /// Creates a comparer.
    public init(
        maximumShare: Double? = 0.5, minimumSimilarity: Double = 0, minimumSharedFingerprints: Int = 1,
        workers: Int? = nil
    ) {
        self.maximumShare = maximumShare
        self.minimumSimilarity = minimumSimilarity
        self.minimumSharedFingerprints = minimumSharedFingerprints
        self.workers = workers
    }

    /// Compares every pair of `documents`, all fingerprinted with the same parameters.
    ///
    /// - Parameters:
    ///   - documents: the submissions.
    ///   - base: code every submission was given; its k-grams never count.
    ///   - progress: called with (pairs aligned, pairs to align) as the alignment advances, from any thread.
    /// - Returns: pairs with a similarity above 0 and at least `minimumSimilarity`, most similar first (ties by
    ///   the larger directional share, then by indices).
    /// - Complexity: O(F + C · m) for F fingerprints in the corpus and C candidate pairs of m tokens; memory
    ///   O(F + N · workers + C).
    public func compare(
        _ documents: [CopyDocument], base: [CopyDocument] = [],
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) -> [RankedPair] {
        var filter = BoilerplateFilter()
        for document in base { filter.addBase(document) }
        if let maximumShare { filter.addFrequent(in: documents, share: maximumShare) }
        let candidates = CandidatePairs(
            minimumShared: max(1, minimumSharedFingerprints), maximumShare: nil, ignoring: filter.hashes,
            workers: workers
        ).pairs(amongHashLists: documents.map { $0.fingerprints.map(\.hash) })
        guard !candidates.isEmpty else { return [] }
        let comparer = PairComparer(boilerplate: filter)
        let prepared = documents.concurrentMap(workers: workers) { comparer.prepare($0) }
        let done = Atomic<Int>(0)
        let total = candidates.count
        let threshold = minimumSimilarity
        let compared = candidates.concurrentMap(workers: workers) { candidate -> RankedPair? in
            let comparison = comparer.compare(prepared[Int(candidate.a)], prepared[Int(candidate.b)])
            let finished = done.add(1, ordering: .relaxed).newValue
            if finished % 256 == 0 || finished == total { progress?(finished, total) }
            guard comparison.similarity > 0, comparison.similarity >= threshold else { return nil }
            return RankedPair(
                a: Int(candidate.a), b: Int(candidate.b), sharedFingerprints: candidate.shared,
                comparison: comparison)
        }
        return compared.compactMap { $0 }.sorted { left, right in
            let l = left.comparison
            let r = right.comparison
            if l.similarity != r.similarity { return l.similarity > r.similarity }
            let lMax = max(l.aInB, l.bInA)
            let rMax = max(r.aInB, r.bInA)
            if lMax != rMax { return lMax > rMax }
            return (left.a, left.b) < (right.a, right.b)
        }
    }
}
