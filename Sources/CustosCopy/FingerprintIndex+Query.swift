extension FingerprintIndex {
    /// The documents sharing the most distinct hashes with `hashes`, best first (most shared, then lowest
    /// identifier).
    ///
    /// Counts go in a small open-addressing map sized to the postings the query visits, never in an array over every
    /// document, so a query costs the same against ten documents as against a million.
    ///
    /// - Parameters:
    ///   - hashes: the query's fingerprint hashes; duplicates count once.
    ///   - limit: the most candidates returned.
    ///   - minimumShared: candidates sharing fewer distinct hashes are left out.
    ///   - maximumDocumentFrequency: hashes held by more documents than this are skipped, as boilerplate (a licence
    ///     header, a framework's generated code) that says nothing about copying; `nil` keeps every hash.
    /// - Returns: at most `limit` candidates, sorted by `shared` descending, then by document identifier.
    /// - Complexity: O(q log q + P + k log k) for q query hashes visiting P postings, k candidates tied at or above
    ///   the `limit`-th best count.
    public func candidates(
        for hashes: some Sequence<UInt64>, limit: Int = 10, minimumShared: Int = 1,
        maximumDocumentFrequency: Int? = nil
    ) -> [Candidate] {
        guard limit > 0, !documentIDs.isEmpty else { return [] }
        var query = Array(hashes)
        query.sort()
        let cap = maximumDocumentFrequency ?? Int.max

        // Find each distinct hash's postings first, so that the map is sized once.
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(query.count)
        var visited = 0
        var previous: UInt64?
        for hash in query where hash != previous {
            previous = hash
            guard let position = position(of: hash) else { continue }
            let range = Int(offsets[position])..<Int(offsets[position + 1])
            guard range.count <= cap else { continue }
            ranges.append(range)
            visited += range.count
        }
        guard visited > 0 else { return [] }

        var counter = SparseCounter(expected: visited)
        postings.withUnsafeBufferPointer { postings in
            for range in ranges {
                for index in range { counter.increment(postings[index]) }
            }
        }
        // Only the best `limit` are returned: a histogram of the shared counts (at most the query's distinct hashes)
        // gives the lowest count that can make the cut, so a boilerplate hash that touched thousands of documents
        // does not cost a sort of thousands of candidates.
        var histogram = [Int](repeating: 0, count: ranges.count + 1)
        counter.forEach { _, shared in histogram[Int(shared)] += 1 }
        var floor = max(1, minimumShared)
        var atLeast = 0
        var level = ranges.count
        while level >= floor {
            atLeast += histogram[level]
            if atLeast >= limit {
                floor = level
                break
            }
            level -= 1
        }
        var found: [Candidate] = []
        counter.forEach { ordinal, shared in
            guard shared >= floor else { return }
            found.append(
                Candidate(
                    document: documentIDs[Int(ordinal)], shared: Int(shared),
                    documentFingerprints: Int(fingerprintCounts[Int(ordinal)])))
        }
        found.sort { $0.shared != $1.shared ? $0.shared > $1.shared : $0.document < $1.document }
        if found.count > limit { found.removeLast(found.count - limit) }
        return found
    }
}

/// Counts per document ordinal in an open-addressing table with linear probing, sized to at most half full.
struct SparseCounter {
    /// Ordinal + 1 per slot; 0 marks an empty slot.
    private var keys: [UInt32]
    private var counts: [UInt32]
    private let mask: Int

    /// A counter for at most `expected` distinct keys.
    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        keys = [UInt32](repeating: 0, count: capacity)
        counts = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    @inline(__always)
    mutating func increment(_ ordinal: UInt32) {
        let key = ordinal &+ 1
        // Fibonacci hashing: ordinals are dense and often consecutive, so spread them.
        var slot = Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while true {
            let held = keys[slot]
            if held == key {
                counts[slot] &+= 1
                return
            }
            if held == 0 {
                keys[slot] = key
                counts[slot] = 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with every ordinal counted and its count, in slot order.
    func forEach(_ body: (UInt32, UInt32) -> Void) {
        for slot in 0..<keys.count where keys[slot] != 0 { body(keys[slot] - 1, counts[slot]) }
    }
}
