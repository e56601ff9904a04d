/// A set of mark ordinals that remembers insertion order: a bitmap over every ordinal of the index, plus the
/// list of members.
///
/// A search gathers candidates from many posting lists that overlap heavily; a bit per mark makes each
/// insertion one load and one store where a hashed set would hash every posting.
struct CandidateSet {
    /// The members, in the order they were first inserted.
    private(set) var members: [UInt32] = []
    private var bits: [UInt64]

    /// An empty set for ordinals below `capacity`.
    init(capacity: Int) {
        bits = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    /// Inserts the ordinals of `list` that are not members yet.
    mutating func insert<C: Collection<UInt32>>(contentsOf list: C) {
        bits.withUnsafeMutableBufferPointer { bits in
            for ordinal in list {
                let word = Int(ordinal >> 6)
                let bit = UInt64(1) << UInt64(ordinal & 63)
                guard word < bits.count, bits[word] & bit == 0 else { continue }
                bits[word] |= bit
                members.append(ordinal)
            }
        }
    }

    /// Empties the set in time proportional to its size, keeping the bitmap for reuse.
    mutating func removeAll() {
        bits.withUnsafeMutableBufferPointer { bits in
            for ordinal in members { bits[Int(ordinal >> 6)] = 0 }
        }
        members.removeAll(keepingCapacity: true)
    }
}
