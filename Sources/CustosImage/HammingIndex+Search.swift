import CustosCore

extension HammingIndex {
    /// Every hash within `maxDistance` bits of `query`, nearest first (ties by identifier): the same matches, in the
    /// same order, as checking every hash.
    ///
    /// - Parameters:
    ///   - query: the hash to look for.
    ///   - maxDistance: the largest Hamming distance to report. A negative distance matches nothing; one over 256
    ///     matches everything, like 256.
    ///   - strategy: how to find the matches (the default picks the cheaper way; all give the same result).
    /// - Returns: the matches, by distance then identifier.
    /// - Complexity: see ``HammingIndex``; for PDQ's threshold 31 and uniformly distributed hashes about n / 240
    ///   hashes are checked.
    public func search(_ query: ImageHash, maxDistance: Int, strategy: Strategy = .automatic) -> [HammingMatch] {
        guard maxDistance >= 0, !isEmpty else { return [] }
        let radius = min(maxDistance, 256)
        let probe = SearchProbe(query: query, radius: radius)
        var matches: [HammingMatch] = []
        let visitsLists: Bool
        switch strategy {
        case .automatic: visitsLists = indexedCount > 0 && listsAreCheaperThanScan(probe)
        case .multiIndex: visitsLists = indexedCount > 0
        case .linearScan: visitsLists = false
        }
        if visitsLists {
            visitLists(probe, into: &matches)
            scan(probe, ids: indexedCount..<count, into: &matches)
            matches.sort()
            return matches
        }
        scan(probe, ids: 0..<count, into: &matches)
        return Self.orderedByDistance(scanned: matches)
    }

    /// A scan's matches (identifiers ascending) by distance then identifier: a stable counting sort on the distance,
    /// linear however many hashes a large radius matches.
    private static func orderedByDistance(scanned matches: [HammingMatch]) -> [HammingMatch] {
        guard matches.count > 32 else { return matches.sorted() }
        var starts = [Int](repeating: 0, count: 258)
        for match in matches { starts[match.distance + 1] += 1 }
        for distance in 1..<starts.count { starts[distance] += starts[distance - 1] }
        var ordered = matches
        for match in matches {
            ordered[starts[match.distance]] = match
            starts[match.distance] += 1
        }
        return ordered
    }

    /// The `count` hashes nearest to `query` within `maxDistance` bits, nearest first (ties by identifier): the
    /// first `count` matches of ``search(_:maxDistance:strategy:)``.
    ///
    /// Searches within 15, 31, 47, ... bits (the radii at which each chunk's lists are visited within one more bit)
    /// until `count` hashes are found or `maxDistance` is reached, so a near neighbour costs a small search.
    ///
    /// - Parameters:
    ///   - query: the hash to look for.
    ///   - count: how many matches to return; none when it is 0 or negative.
    ///   - maxDistance: the largest Hamming distance to report, as for ``search(_:maxDistance:strategy:)``.
    /// - Returns: up to `count` matches, by distance then identifier.
    public func nearest(_ query: ImageHash, count: Int, maxDistance: Int) -> [HammingMatch] {
        guard count > 0, maxDistance >= 0 else { return [] }
        let limit = min(maxDistance, 256)
        var radius = min(limit, 15)
        while true {
            let matches = search(query, maxDistance: radius)
            if matches.count >= count || radius == limit { return Array(matches.prefix(count)) }
            radius = min(limit, radius + 16)
        }
    }

    /// Relative costs of the two ways, per unit of a scan's per-hash check (a sequential read of 32 bytes): looking
    /// up one list's bounds, and checking one hash found in a list (a read at a random place, a cache miss once the
    /// index outgrows the cache). Measured on a million uniformly distributed hashes: about 6 ns per scanned hash,
    /// 70 ns per list candidate, so lists win up to a radius of about 52. Only speed depends on them.
    static let listCost = 8
    static let candidateCost = 12

    /// Whether visiting the lists checks fewer hashes, weighted by their costs, than scanning the indexed hashes;
    /// the lists' lengths are summed exactly, so hashes that share chunks are accounted for.
    private func listsAreCheaperThanScan(_ probe: SearchProbe) -> Bool {
        let budget = indexedCount
        var lists = 0
        for chunk in 0..<Self.chunkCount { lists += HammingBall.size(probe.chunkRadius(chunk)) }
        guard lists * Self.listCost < budget else { return false }
        var cost = lists * Self.listCost
        let masks = HammingBall.masks
        return offsets.withUnsafeBufferPointer { offsetBuffer in
            for chunk in 0..<Self.chunkCount {
                let base = chunk * Self.offsetStride
                let value = probe.chunkValue(chunk)
                for mask in masks.prefix(HammingBall.size(probe.chunkRadius(chunk))) {
                    let bucket = base + Int(value ^ mask)
                    cost += Int(offsetBuffer[bucket + 1] &- offsetBuffer[bucket]) * Self.candidateCost
                }
                if cost >= budget { return false }
            }
            return true
        }
    }

    /// Checks the hashes in every list within each chunk's radius of the query's chunk.
    private func visitLists(_ probe: SearchProbe, into matches: inout [HammingMatch]) {
        let n = indexedCount
        let masks = HammingBall.masks
        words.withUnsafeBufferPointer { wordBuffer in
            offsets.withUnsafeBufferPointer { offsetBuffer in
                postings.withUnsafeBufferPointer { postingBuffer in
                    guard let hashes = wordBuffer.baseAddress, let offsetBase = offsetBuffer.baseAddress,
                        let listBase = postingBuffer.baseAddress
                    else { return }
                    for chunk in 0..<Self.chunkCount {
                        let chunkRadius = probe.chunkRadius(chunk)
                        guard chunkRadius >= 0 else { continue }
                        let offsets = offsetBase + chunk * Self.offsetStride
                        let lists = listBase + chunk * n
                        let value = probe.chunkValue(chunk)
                        for mask in masks.prefix(HammingBall.size(chunkRadius)) {
                            let bucket = Int(value ^ mask)
                            for position in Int(offsets[bucket])..<Int(offsets[bucket + 1]) {
                                let id = Int(lists[position])
                                let hash = hashes + 4 * id
                                let distance = probe.distance(to: hash)
                                // Reported from the first chunk that reaches it, which its bits tell.
                                if distance <= probe.radius && !probe.isReachedBefore(chunk, hash) {
                                    matches.append(HammingMatch(id: id, distance: distance))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Checks the hashes `ids` one by one.
    private func scan(_ probe: SearchProbe, ids: Range<Int>, into matches: inout [HammingMatch]) {
        guard !ids.isEmpty else { return }
        words.withUnsafeBufferPointer { wordBuffer in
            guard let hashes = wordBuffer.baseAddress else { return }
            for id in ids {
                let distance = probe.distance(to: hashes + 4 * id)
                if distance <= probe.radius { matches.append(HammingMatch(id: id, distance: distance)) }
            }
        }
    }
}

/// A query's words and radius, and the radius each chunk's lists are visited within.
struct SearchProbe {
    let words: (UInt64, UInt64, UInt64, UInt64)
    let radius: Int
    /// `radius = 16 · full + partial`: chunks `0 ... partial` are visited within `full` bits, the rest within
    /// `full - 1` (none when that is -1). A hash within `radius` has a chunk within its chunk's radius, or the
    /// chunks' distances would add up to at least `(partial + 1)(full + 1) + (15 - partial) full = radius + 1`.
    let full: Int
    let partial: Int

    init(query: ImageHash, radius: Int) {
        words = query.words
        self.radius = radius
        full = radius >> 4
        partial = radius & 15
    }

    @inline(__always)
    func chunkRadius(_ chunk: Int) -> Int {
        chunk <= partial ? full : full - 1
    }

    @inline(__always)
    func chunkValue(_ chunk: Int) -> UInt16 {
        let word: UInt64
        switch chunk >> 2 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return UInt16(truncatingIfNeeded: word >> UInt64(48 - 16 * (chunk & 3)))
    }

    @inline(__always)
    func distance(to hash: UnsafePointer<UInt64>) -> Int {
        (hash[0] ^ words.0).nonzeroBitCount &+ (hash[1] ^ words.1).nonzeroBitCount
            &+ (hash[2] ^ words.2).nonzeroBitCount &+ (hash[3] ^ words.3).nonzeroBitCount
    }

    /// Whether a chunk before `chunk` is within its radius of the query: then the hash was found (and reported) there.
    @inline(__always)
    func isReachedBefore(_ chunk: Int, _ hash: UnsafePointer<UInt64>) -> Bool {
        var earlier = 0
        while earlier < chunk {
            let chunkRadius = chunkRadius(earlier)
            if chunkRadius < 0 { return false }
            let value = UInt16(truncatingIfNeeded: hash[earlier >> 2] >> UInt64(48 - 16 * (earlier & 3)))
            if (value ^ chunkValue(earlier)).nonzeroBitCount <= chunkRadius { return true }
            earlier += 1
        }
        return false
    }
}
