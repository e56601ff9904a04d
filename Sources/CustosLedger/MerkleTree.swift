/// An append-only Merkle tree (RFC 9162 §2.1) over leaf hashes, with roots, inclusion proofs and consistency
/// proofs for any earlier size.
///
/// Every perfect subtree's hash is kept by level (level 0 holds the leaf hashes; level k holds the hash of each
/// aligned run of 2^k leaves), the same shape C2SP tlog-tiles stores on disk. A root or proof for any size then
/// needs only O(log n) stored hashes and O(log n) hash computations for the ragged right edge.
///
/// - Complexity: `append` is amortized O(1) hashes; `root(size:)`, `inclusionProof` and `consistencyProof` are
///   O(log² n) hashes at worst (O(log n) lookups plus the right-edge subtrees).
public struct MerkleTree: Sendable {
    private var levels: [[[UInt8]]] = [[]]

    /// Creates an empty tree.
    public init() {}

    /// Creates a tree of the given leaf hashes, in order.
    public init(leafHashes: [[UInt8]]) {
        for hash in leafHashes { append(leafHash: hash) }
    }

    /// How many leaves the tree holds.
    public var size: UInt64 { UInt64(levels[0].count) }

    /// Appends a leaf by its hash (see `RFC6962.leafHash`) and completes every perfect subtree it closes.
    public mutating func append(leafHash: [UInt8]) {
        precondition(leafHash.count == RFC6962.hashSize, "a leaf hash is 32 bytes")
        levels[0].append(leafHash)
        var level = 0
        while levels[level].count % 2 == 0 {
            let count = levels[level].count
            let parent = RFC6962.nodeHash(levels[level][count - 2], levels[level][count - 1])
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(parent)
            level += 1
        }
    }

    /// The leaf hash at `index`.
    public func leafHash(at index: UInt64) throws(LedgerError) -> [UInt8] {
        guard index < size else { throw LedgerError(.outOfRange, "leaf \(index) is beyond the tree of \(size) leaves") }
        return levels[0][Int(index)]
    }

    /// The root hash of the tree's first `size` leaves (RFC 9162 MTH).
    ///
    /// - Throws: `LedgerError.outOfRange` when `size` exceeds the tree.
    public func root(size: UInt64? = nil) throws(LedgerError) -> [UInt8] {
        let size = size ?? self.size
        try checkSize(size)
        return size == 0 ? RFC6962.emptyRoot : subtreeHash(0, size)
    }

    /// The inclusion proof of leaf `index` in the tree of the first `size` leaves (RFC 9162 §2.1.3.1 PATH).
    ///
    /// - Throws: `LedgerError.outOfRange` when `index ≥ size` or `size` exceeds the tree.
    public func inclusionProof(leaf index: UInt64, size: UInt64? = nil) throws(LedgerError) -> [[UInt8]] {
        let size = size ?? self.size
        try checkSize(size)
        guard index < size else {
            throw LedgerError(.outOfRange, "leaf \(index) is not in a tree of \(size) leaves")
        }
        var proof: [[UInt8]] = []
        path(index, 0, size, into: &proof)
        return proof
    }

    /// The consistency proof between the trees of the first `old` and `new` leaves (RFC 9162 §2.1.4.1 PROOF).
    ///
    /// - Throws: `LedgerError.outOfRange` when `old` is 0 or greater than `new`, or `new` exceeds the tree.
    public func consistencyProof(from old: UInt64, to new: UInt64) throws(LedgerError) -> [[UInt8]] {
        try checkSize(new)
        guard old > 0, old <= new else {
            throw LedgerError(.outOfRange, "no consistency proof from size \(old) to size \(new)")
        }
        var proof: [[UInt8]] = []
        subproof(old, 0, new, isComplete: true, into: &proof)
        return proof
    }

    private func checkSize(_ size: UInt64) throws(LedgerError) {
        guard size <= self.size else {
            throw LedgerError(.outOfRange, "size \(size) is beyond the tree of \(self.size) leaves")
        }
    }

    /// MTH of the leaves [start, end); `start` is always aligned to the largest power of two below the width,
    /// because every call comes from RFC 9162's left-heavy splits.
    private func subtreeHash(_ start: UInt64, _ end: UInt64) -> [UInt8] {
        let width = end - start
        if width & (width - 1) == 0 {
            let level = width.trailingZeroBitCount
            return levels[level][Int(start >> UInt64(level))]
        }
        let k = RFC6962.split(width)
        return RFC6962.nodeHash(subtreeHash(start, start + k), subtreeHash(start + k, end))
    }

    private func path(_ m: UInt64, _ start: UInt64, _ end: UInt64, into proof: inout [[UInt8]]) {
        let width = end - start
        guard width > 1 else { return }
        let k = RFC6962.split(width)
        if m < k {
            path(m, start, start + k, into: &proof)
            proof.append(subtreeHash(start + k, end))
        } else {
            path(m - k, start + k, end, into: &proof)
            proof.append(subtreeHash(start, start + k))
        }
    }

    private func subproof(
        _ m: UInt64, _ start: UInt64, _ end: UInt64, isComplete: Bool, into proof: inout [[UInt8]]
    ) {
        let width = end - start
        if m == width {
            if !isComplete { proof.append(subtreeHash(start, end)) }
            return
        }
        let k = RFC6962.split(width)
        if m <= k {
            subproof(m, start, start + k, isComplete: isComplete, into: &proof)
            proof.append(subtreeHash(start + k, end))
        } else {
            subproof(m - k, start + k, end, isComplete: false, into: &proof)
            proof.append(subtreeHash(start, start + k))
        }
    }
}
