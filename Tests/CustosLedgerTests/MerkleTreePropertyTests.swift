import CustosLedger
import Testing

@Suite struct MerkleTreePropertyTests {
    /// A tree of `count` distinct leaves.
    static func makeTree(_ count: Int) -> MerkleTree {
        MerkleTree(leafHashes: (0..<count).map { RFC6962.leafHash(Array("leaf \($0)".utf8)) })
    }

    /// The root computed by the plain recursive definition of RFC 9162 §2.1.1, for cross-checking.
    static func referenceRoot(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leaves.count {
        case 0: return RFC6962.emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            var k = 1
            while k * 2 < leaves.count { k *= 2 }
            let middle = leaves.startIndex + k
            return RFC6962.nodeHash(referenceRoot(leaves[..<middle]), referenceRoot(leaves[middle...]))
        }
    }

    @Test func matchesTheRecursiveDefinitionForEverySizeUpTo128() throws {
        let leaves = (0..<128).map { RFC6962.leafHash(Array("leaf \($0)".utf8)) }
        let tree = MerkleTree(leafHashes: leaves)
        for size in 0...128 {
            #expect(try tree.root(size: UInt64(size)) == Self.referenceRoot(leaves[..<size]), "size \(size)")
        }
    }

    @Test func verifiesEveryInclusionAndConsistencyProofUpTo128() throws {
        let tree = Self.makeTree(128)
        for size in UInt64(1)...128 {
            let root = try tree.root(size: size)
            for index in 0..<size {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: index, treeSize: size, leafHash: try tree.leafHash(at: index),
                    proof: try tree.inclusionProof(leaf: index, size: size), root: root)
            }
            for old in 1...size {
                try MerkleVerifier.verifyConsistency(
                    oldSize: old, newSize: size, oldRoot: try tree.root(size: old), newRoot: root,
                    proof: try tree.consistencyProof(from: old, to: size))
            }
        }
    }

    @Test func rejectsEverySingleBitChangeOfAProof() throws {
        // Every proof up to 20 leaves: up to 8 leaves every bit of every hash is flipped in turn; beyond, one
        // bit in every byte (a different bit position per byte), which keeps a debug-build test run short.
        let tree = Self.makeTree(20)
        var rejected = 0
        var accepted: [String] = []
        for size in UInt64(1)...20 {
            let root = try tree.root(size: size)
            for index in 0..<size {
                let proof = try tree.inclusionProof(leaf: index, size: size)
                for (hashIndex, bit) in Self.bits(of: proof, every: size <= 8) {
                    var tampered = proof
                    tampered[hashIndex][bit / 8] ^= 1 << UInt8(bit % 8)
                    do {
                        try MerkleVerifier.verifyInclusion(
                            leafIndex: index, treeSize: size, leafHash: try tree.leafHash(at: index), proof: tampered,
                            root: root)
                        accepted.append("inclusion of \(index) in \(size), bit \(bit) of hash \(hashIndex)")
                    } catch {
                        rejected += 1
                    }
                }
            }
            for old in 1..<size {
                let proof = try tree.consistencyProof(from: old, to: size)
                let oldRoot = try tree.root(size: old)
                for (hashIndex, bit) in Self.bits(of: proof, every: size <= 8) {
                    var tampered = proof
                    tampered[hashIndex][bit / 8] ^= 1 << UInt8(bit % 8)
                    do {
                        try MerkleVerifier.verifyConsistency(
                            oldSize: old, newSize: size, oldRoot: oldRoot, newRoot: root, proof: tampered)
                        accepted.append("consistency \(old) → \(size), bit \(bit) of hash \(hashIndex)")
                    } catch {
                        rejected += 1
                    }
                }
            }
        }
        #expect(accepted.isEmpty, "accepted tampered proofs: \(accepted.prefix(5))")
        #expect(rejected > 20_000)
    }

    @Test func refusesRequestsOutsideTheTree() {
        let tree = Self.makeTree(5)
        #expect(throws: LedgerError.self) { try tree.inclusionProof(leaf: 5, size: 5) }
        #expect(throws: LedgerError.self) { try tree.root(size: 6) }
        #expect(throws: LedgerError.self) { try tree.consistencyProof(from: 0, to: 3) }
        #expect(throws: LedgerError.self) { try tree.consistencyProof(from: 4, to: 3) }
    }

    /// Bit positions to flip: all of them, or one per byte (bit `byte % 8` of each byte).
    static func bits(of proof: [[UInt8]], every: Bool) -> [(Int, Int)] {
        proof.indices.flatMap { hashIndex in
            every
                ? (0..<(proof[hashIndex].count * 8)).map { (hashIndex, $0) }
                : (0..<proof[hashIndex].count).map { (hashIndex, $0 * 8 + $0 % 8) }
        }
    }
}
