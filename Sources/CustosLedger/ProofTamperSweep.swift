/// Flips single bits of genuine inclusion and consistency proofs and checks that `MerkleVerifier` rejects every
/// altered proof: the property test, and `custos dev sweep-proofs` for the exhaustive sweep in a release build.
public struct ProofTamperSweep: Sendable {
    /// Which bits of a proof to flip.
    public enum Bits: Sendable {
        /// Every bit of every hash.
        case all
        /// One bit per hash, at a position that varies with the tree size, leaf and hash.
        case onePerHash
    }

    /// What a sweep found.
    public struct Result: Sendable {
        /// How many altered proofs were checked.
        public var checked = 0
        /// Altered proofs the verifier accepted (should be none), described.
        public var accepted: [String] = []

        /// An empty result.
        public init() {}
    }

    /// The largest tree size swept.
    public var maximumSize: UInt64
    /// Which bits to flip for a tree of a given size.
    public var bits: @Sendable (UInt64) -> Bits

    /// Creates a sweep over every tree size from 1 to `maximumSize`.
    public init(maximumSize: UInt64, bits: @escaping @Sendable (UInt64) -> Bits) {
        self.maximumSize = maximumSize
        self.bits = bits
    }

    /// Runs the sweep over trees of sizes `sizes` (a subset of 1…`maximumSize`, so callers can split the work).
    public func run(sizes: ClosedRange<UInt64>) throws(LedgerError) -> Result {
        var tree = MerkleTree()
        for leaf in 0..<maximumSize { tree.append(leafHash: RFC6962.leafHash(Array("leaf \(leaf)".utf8))) }
        var result = Result()
        for size in sizes {
            let root = try tree.root(size: size)
            let mode = bits(size)
            for index in 0..<size {
                let proof = try tree.inclusionProof(leaf: index, size: size)
                let leafHash = try tree.leafHash(at: index)
                for (hashIndex, bit) in Self.positions(proof, mode, salt: Int(size &* 7 &+ index)) {
                    var tampered = proof
                    tampered[hashIndex][bit / 8] ^= 1 << UInt8(bit % 8)
                    result.checked += 1
                    if (try? MerkleVerifier.verifyInclusion(
                        leafIndex: index, treeSize: size, leafHash: leafHash, proof: tampered, root: root)) != nil
                    {
                        result.accepted.append("inclusion of \(index) in \(size), bit \(bit) of hash \(hashIndex)")
                    }
                }
            }
            for old in 1..<size {
                let proof = try tree.consistencyProof(from: old, to: size)
                let oldRoot = try tree.root(size: old)
                for (hashIndex, bit) in Self.positions(proof, mode, salt: Int(size &* 11 &+ old)) {
                    var tampered = proof
                    tampered[hashIndex][bit / 8] ^= 1 << UInt8(bit % 8)
                    result.checked += 1
                    if (try? MerkleVerifier.verifyConsistency(
                        oldSize: old, newSize: size, oldRoot: oldRoot, newRoot: root, proof: tampered)) != nil
                    {
                        result.accepted.append("consistency \(old) → \(size), bit \(bit) of hash \(hashIndex)")
                    }
                }
            }
        }
        return result
    }

    private static func positions(_ proof: [[UInt8]], _ mode: Bits, salt: Int) -> [(Int, Int)] {
        proof.indices.flatMap { hashIndex -> [(Int, Int)] in
            let bits = proof[hashIndex].count * 8
            switch mode {
            case .all: return (0..<bits).map { (hashIndex, $0) }
            case .onePerHash: return [(hashIndex, (salt &* 131 &+ hashIndex &* 37) % bits)]
            }
        }
    }
}
