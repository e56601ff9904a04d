/// Anything that can hand out a Merkle tree's perfect-subtree hashes: the in-memory `MerkleTree` and the on-disk
/// `HashLevelFiles` alike. Roots and proofs (RFC 9162 §2.1) are computed from these hashes by the shared
/// algorithms below, so both stores produce byte-identical results.
public protocol MerkleHashSource {
    /// How many leaves the tree holds.
    var size: UInt64 { get }

    /// The hash of the perfect subtree of 2^`level` leaves starting at leaf `index << level`.
    ///
    /// Callers only ask for subtrees that lie wholly inside the tree.
    func perfectSubtreeHash(level: Int, index: UInt64) throws(LedgerError) -> [UInt8]

    /// A remembered hash of the subtree of leaves [start, end) that is not perfect (one along a tree's ragged
    /// right edge), or nil. Proofs for the same tree size share these, so a store may keep them.
    func rememberedSubtreeHash(start: UInt64, end: UInt64) -> [UInt8]?

    /// Offers the hash of a subtree that is not perfect for remembering.
    func remember(subtreeHash: [UInt8], start: UInt64, end: UInt64)
}

extension MerkleHashSource {
    /// Remembers nothing by default.
    public func rememberedSubtreeHash(start: UInt64, end: UInt64) -> [UInt8]? { nil }

    /// Remembers nothing by default.
    public func remember(subtreeHash: [UInt8], start: UInt64, end: UInt64) {}
}

extension MerkleHashSource {
    /// The leaf hash at `index`.
    public func leafHash(at index: UInt64) throws(LedgerError) -> [UInt8] {
        guard index < size else { throw LedgerError(.outOfRange, "leaf \(index) is beyond the tree of \(size) leaves") }
        return try perfectSubtreeHash(level: 0, index: index)
    }

    /// The root hash of the tree's first `size` leaves (RFC 9162 MTH).
    ///
    /// - Throws: `LedgerError.outOfRange` when `size` exceeds the tree.
    public func root(size: UInt64? = nil) throws(LedgerError) -> [UInt8] {
        let size = size ?? self.size
        try checkSize(size)
        return size == 0 ? RFC6962.emptyRoot : try subtreeHash(0, size)
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
        try path(index, 0, size, into: &proof)
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
        try subproof(old, 0, new, isComplete: true, into: &proof)
        return proof
    }

    private func checkSize(_ size: UInt64) throws(LedgerError) {
        guard size <= self.size else {
            throw LedgerError(.outOfRange, "size \(size) is beyond the tree of \(self.size) leaves")
        }
    }

    /// MTH of the leaves [start, end); `start` is always aligned to the largest power of two below the width,
    /// because every call comes from RFC 9162's left-heavy splits.
    private func subtreeHash(_ start: UInt64, _ end: UInt64) throws(LedgerError) -> [UInt8] {
        let width = end - start
        if width & (width - 1) == 0 {
            let level = width.trailingZeroBitCount
            return try perfectSubtreeHash(level: level, index: start >> UInt64(level))
        }
        if let remembered = rememberedSubtreeHash(start: start, end: end) { return remembered }
        let k = RFC6962.split(width)
        let hash = RFC6962.nodeHash(try subtreeHash(start, start + k), try subtreeHash(start + k, end))
        remember(subtreeHash: hash, start: start, end: end)
        return hash
    }

    private func path(_ m: UInt64, _ start: UInt64, _ end: UInt64, into proof: inout [[UInt8]]) throws(LedgerError) {
        let width = end - start
        guard width > 1 else { return }
        let k = RFC6962.split(width)
        if m < k {
            try path(m, start, start + k, into: &proof)
            proof.append(try subtreeHash(start + k, end))
        } else {
            try path(m - k, start + k, end, into: &proof)
            proof.append(try subtreeHash(start, start + k))
        }
    }

    private func subproof(
        _ m: UInt64, _ start: UInt64, _ end: UInt64, isComplete: Bool, into proof: inout [[UInt8]]
    ) throws(LedgerError) {
        let width = end - start
        if m == width {
            if !isComplete { proof.append(try subtreeHash(start, end)) }
            return
        }
        let k = RFC6962.split(width)
        if m <= k {
            try subproof(m, start, start + k, isComplete: isComplete, into: &proof)
            proof.append(try subtreeHash(start + k, end))
        } else {
            try subproof(m - k, start + k, end, isComplete: false, into: &proof)
            proof.append(try subtreeHash(start, start + k))
        }
    }
}
