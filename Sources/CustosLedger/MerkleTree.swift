/// An append-only Merkle tree (RFC 9162 §2.1) over leaf hashes, held in memory, with roots, inclusion proofs and
/// consistency proofs for any earlier size (see `MerkleHashSource`).
///
/// Every perfect subtree's hash is kept by level (level 0 holds the leaf hashes; level k holds the hash of each
/// aligned run of 2^k leaves), so a root or proof for any size needs only O(log n) stored hashes and O(log n)
/// hash computations for the ragged right edge. `HashLevelFiles` keeps the same levels on disk.
///
/// - Complexity: `append` is amortized O(1) hashes; roots and proofs are O(log² n) hashes at worst.
public struct MerkleTree: MerkleHashSource, Sendable {
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

    /// The hash of the perfect subtree of 2^`level` leaves starting at leaf `index << level`.
    public func perfectSubtreeHash(level: Int, index: UInt64) throws(LedgerError) -> [UInt8] {
        guard level < levels.count, index < UInt64(levels[level].count) else {
            throw LedgerError(.outOfRange, "no complete subtree \(index) at level \(level) in \(size) leaves")
        }
        return levels[level][Int(index)]
    }
}
