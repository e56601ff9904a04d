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

    @Test func rejectsEverySingleBitChangeOfAProofUpTo16LeavesAndOneBitPerHashUpTo128() async throws {
        // Every bit of every hash of every proof up to 16 leaves; beyond, one bit per hash (its position varies
        // with size, leaf and hash) up to 128, which keeps a debug test run under a minute. The exhaustive sweep
        // to 128 runs in a release build: `custos dev sweep-proofs` (BENCHMARKS.md).
        let sweep = ProofTamperSweep(maximumSize: 128) { $0 <= 16 ? .all : .onePerHash }
        let ranges: [ClosedRange<UInt64>] = [1...16, 17...80, 81...104, 105...120, 121...128]
        let results = try await withThrowingTaskGroup(of: ProofTamperSweep.Result.self) { group in
            for range in ranges { group.addTask { try sweep.run(sizes: range) } }
            return try await group.reduce(into: [ProofTamperSweep.Result]()) { $0.append($1) }
        }
        let accepted = results.flatMap(\.accepted)
        #expect(accepted.isEmpty, "accepted tampered proofs: \(accepted.prefix(5))")
        #expect(results.map(\.checked).reduce(0, +) > 300_000)
    }

    @Test func refusesRequestsOutsideTheTree() {
        let tree = Self.makeTree(5)
        #expect(throws: LedgerError.self) { try tree.inclusionProof(leaf: 5, size: 5) }
        #expect(throws: LedgerError.self) { try tree.root(size: 6) }
        #expect(throws: LedgerError.self) { try tree.consistencyProof(from: 0, to: 3) }
        #expect(throws: LedgerError.self) { try tree.consistencyProof(from: 4, to: 3) }
    }
}
