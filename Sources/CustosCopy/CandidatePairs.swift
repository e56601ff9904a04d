import Foundation
import Synchronization

/// Two documents that share fingerprints: a pair worth aligning.
public struct CandidatePair: Hashable, Sendable, Codable {
    /// The lower document identifier.
    public var a: UInt32
    /// The higher document identifier.
    public var b: UInt32
    /// How many distinct hashes both hold (after boilerplate suppression).
    public var shared: Int

    /// Creates a pair; `a` should be below `b`.
    public init(a: UInt32, b: UInt32, shared: Int) {
        self.a = a
        self.b = b
        self.shared = shared
    }

    /// The output order: most shared first, then by `a`, then by `b`.
    @inline(__always)
    static func ranksBefore(_ left: CandidatePair, _ right: CandidatePair) -> Bool {
        if left.shared != right.shared { return left.shared > right.shared }
        if left.a != right.a { return left.a < right.a }
        return left.b < right.b
    }
}

/// All-pairs candidate generation over a set of submissions ("which of these 10,000 assignments share code?")
/// without quadratic memory: an inverted index from hash to documents, then, for each document d, shared-hash
/// counts with every later document through the postings of d's hashes, in a counter array reused across documents
/// (O(N) memory per worker, never N²).
///
/// Hashes held by more than `maximumShare` of the documents (starter code every student received, a language's
/// idioms) and hashes in `ignoring` (the instructor's base code) are skipped. Documents are processed in parallel
/// chunks; the output is sorted (most shared first, then identifiers), so it is the same for any number of workers.
///
/// - Complexity: O(Σ_h df(h)²) over the kept hashes h, i.e. linear in the number of pairs sharing each hash, which the
///   `maximumShare` cap bounds; memory O(postings + N · workers + pairs kept).
public struct CandidatePairs: Sendable {
    /// Pairs sharing fewer distinct hashes are dropped.
    public var minimumShared: Int
    /// Hashes held by more than this fraction of the documents are ignored (`nil`: none are); a hash held by only
    /// two documents is always kept, since that is exactly what copying between two submissions looks like.
    public var maximumShare: Double?
    /// Hashes that never count (the fingerprints of base or template code).
    public var ignoring: Set<UInt64>
    /// When set, only the `limit` best pairs are returned.
    public var limit: Int?
    /// Parallel workers: `nil` uses every processor, 1 runs on the calling thread.
    public var workers: Int?

    /// Creates a generator.
    ///
    /// - Parameters:
    ///   - minimumShared: the fewest distinct shared hashes a pair needs (at least 1).
    ///   - maximumShare: the document-frequency cap as a fraction of the documents, or `nil` for none.
    ///   - ignoring: hashes never counted.
    ///   - limit: the most pairs returned, best first, or `nil` for all.
    ///   - workers: parallel workers, or `nil` for one per processor.
    public init(
        minimumShared: Int = 1, maximumShare: Double? = 0.1, ignoring: Set<UInt64> = [], limit: Int? = nil,
        workers: Int? = nil
    ) {
        self.minimumShared = minimumShared
        self.maximumShare = maximumShare
        self.ignoring = ignoring
        self.limit = limit
        self.workers = workers
    }

    /// The largest document frequency a hash may have and still count, for `documents` documents.
    public func documentFrequencyCap(documents: Int) -> Int {
        guard let maximumShare else { return Int.max }
        let share = (maximumShare * Double(documents)).rounded(.down)
        return max(2, share < Double(Int.max) ? Int(max(0, share)) : Int.max)
    }

    /// The candidate pairs among `documents` (hash arrays with their identifiers; an identifier listed twice is one
    /// document holding both lists).
    ///
    /// - Returns: pairs with `a < b`, sorted by `shared` descending, then `a`, then `b`.
    /// - Complexity: see the type.
    public func pairs(among documents: some Sequence<(document: UInt32, hashes: [UInt64])>) -> [CandidatePair] {
        pairs(in: FingerprintIndex(documents))
    }

    /// The candidate pairs among documents given as hash arrays, identified by their position in `documents`.
    ///
    /// - Complexity: see the type.
    public func pairs(amongHashLists documents: [[UInt64]]) -> [CandidatePair] {
        pairs(in: FingerprintIndex(hashLists: documents))
    }

    /// The candidate pairs among the documents of `index`.
    ///
    /// - Complexity: see the type.
    public func pairs(in index: FingerprintIndex) -> [CandidatePair] {
        let documentCount = index.count
        guard documentCount >= 2, limit.map({ $0 > 0 }) ?? true else { return [] }
        let forward = ForwardLists(
            index: index, cap: documentFrequencyCap(documents: documentCount), ignoring: ignoring)
        let processors = ProcessInfo.processInfo.activeProcessorCount
        let workerCount = max(1, min(workers ?? processors, documentCount))
        // Several chunks a worker, so that the triangular workload (document d pairs only with later ones) balances.
        let chunkCount = workerCount == 1 ? 1 : min(documentCount, workerCount * 16)
        let chunkSize = (documentCount + chunkCount - 1) / chunkCount
        let floor = max(1, minimumShared)
        let limit = self.limit
        let run = { @Sendable (chunk: Int) -> [CandidatePair] in
            let range = min(documentCount, chunk * chunkSize)..<min(documentCount, (chunk + 1) * chunkSize)
            return Self.pairs(of: range, index: index, forward: forward, minimumShared: floor, limit: limit)
        }
        var chunks: [[CandidatePair]]
        if chunkCount == 1 {
            chunks = [run(0)]
        } else {
            let results = Mutex([[CandidatePair]](repeating: [], count: chunkCount))
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let found = run(chunk)
                results.withLock { $0[chunk] = found }
            }
            chunks = results.withLock { $0 }
        }
        var all = chunks.flatMap { $0 }
        chunks = []
        all.sort(by: CandidatePair.ranksBefore)
        if let limit, all.count > limit { all.removeLast(all.count - limit) }
        return all
    }

    /// The pairs (d, e) with d in `range` and e > d, in ordinal terms, mapped to identifiers.
    static func pairs(
        of range: Range<Int>, index: FingerprintIndex, forward: ForwardLists, minimumShared: Int, limit: Int?
    ) -> [CandidatePair] {
        var counts = [UInt32](repeating: 0, count: index.count)
        var touched: [UInt32] = []
        var found: [CandidatePair] = []
        index.postings.withUnsafeBufferPointer { postings in
            index.offsets.withUnsafeBufferPointer { offsets in
                forward.hashes.withUnsafeBufferPointer { hashes in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for document in range {
                            let ordinal = UInt32(document)
                            for slot in Int(forward.offsets[document])..<Int(forward.offsets[document + 1]) {
                                let hash = Int(hashes[slot])
                                var low = Int(offsets[hash])
                                let high = Int(offsets[hash + 1])
                                // Postings are ascending: skip to the first document after this one.
                                var top = high
                                while low < top {
                                    let middle = (low + top) >> 1
                                    if postings[middle] <= ordinal { low = middle + 1 } else { top = middle }
                                }
                                while low < high {
                                    let other = Int(postings[low])
                                    if counts[other] == 0 { touched.append(UInt32(other)) }
                                    counts[other] &+= 1
                                    low += 1
                                }
                            }
                            let id = index.documentIDs[document]
                            for other in touched {
                                let shared = Int(counts[Int(other)])
                                counts[Int(other)] = 0
                                guard shared >= minimumShared else { continue }
                                let otherID = index.documentIDs[Int(other)]
                                found.append(
                                    CandidatePair(a: min(id, otherID), b: max(id, otherID), shared: shared))
                            }
                            touched.removeAll(keepingCapacity: true)
                            // Keep at most 2 × limit: sort and cut when the buffer doubles (amortised O(log limit)
                            // a pair, and the same pairs survive as with a bounded heap).
                            if let limit, found.count >= 2 * limit + 1024 {
                                found.sort(by: CandidatePair.ranksBefore)
                                found.removeLast(found.count - limit)
                            }
                        }
                    }
                }
            }
        }
        return found
    }
}

/// For each document ordinal, the positions (in the index's hash array) of the hashes that count for pairing:
/// held by at least two documents, at most `cap`, and not ignored.
struct ForwardLists: Sendable {
    var offsets: [UInt32]
    var hashes: [UInt32]

    init(index: FingerprintIndex, cap: Int, ignoring: Set<UInt64>) {
        var skipped = [Bool](repeating: false, count: index.hashCount)
        for hash in ignoring {
            if let position = index.position(of: hash) { skipped[position] = true }
        }
        for position in 0..<index.hashCount {
            let frequency = Int(index.offsets[position + 1] - index.offsets[position])
            if frequency < 2 || frequency > cap { skipped[position] = true }
        }
        var counts = [UInt32](repeating: 0, count: index.count + 1)
        for position in 0..<index.hashCount where !skipped[position] {
            for posting in Int(index.offsets[position])..<Int(index.offsets[position + 1]) {
                counts[Int(index.postings[posting]) + 1] += 1
            }
        }
        for document in 0..<index.count { counts[document + 1] += counts[document] }
        var cursor = counts
        var hashes = [UInt32](repeating: 0, count: Int(counts[index.count]))
        for position in 0..<index.hashCount where !skipped[position] {
            for posting in Int(index.offsets[position])..<Int(index.offsets[position + 1]) {
                let document = Int(index.postings[posting])
                hashes[Int(cursor[document])] = UInt32(position)
                cursor[document] += 1
            }
        }
        offsets = counts
        self.hashes = hashes
    }
}
