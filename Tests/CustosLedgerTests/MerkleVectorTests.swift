import CustosLedger
import CustosTestSupport
import Foundation
import Testing

/// Hex helpers for the JSON vectors.
func bytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var iterator = hex.utf8.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
        func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
        result.append(nibble(high) << 4 | nibble(low))
    }
    return result
}

struct ReferenceVectors: Decodable {
    struct Inclusion: Decodable {
        var leaf_index: UInt64
        var tree_size: UInt64
        var audit_path: [String]
    }

    struct Consistency: Decodable {
        var size1: UInt64
        var size2: UInt64
        var proof: [String]
    }

    var leaf_inputs: [String]
    var roots_by_tree_size: [String: String]
    var derived_all_inclusion_proofs: [Inclusion]
    var derived_all_consistency_proofs: [Consistency]

    static func load() throws -> ReferenceVectors {
        try JSONDecoder().decode(
            ReferenceVectors.self, from: Data(contentsOf: Fixtures.url("rfc6962_reference_vectors.json")))
    }
}

/// Whether a verification succeeds (the probes only say accept or reject, not why).
func accepts(_ verification: () throws -> Void) -> Bool {
    do {
        try verification()
        return true
    } catch {
        return false
    }
}

struct ProbeFile<Probe: Decodable>: Decodable {
    var probes: [Probe]
}

struct InclusionProbe: Decodable {
    var file: String
    var leafIdx: UInt64
    var treeSize: UInt64
    var root: String
    var leafHash: String
    var proof: [String]
    var wantErr: Bool
}

struct ConsistencyProbe: Decodable {
    var file: String
    var size1: UInt64
    var size2: UInt64
    var root1: String
    var root2: String
    var proof: [String]
    var wantErr: Bool
}

@Suite struct MerkleVectorTests {
    let vectors: ReferenceVectors
    let tree: MerkleTree

    init() throws {
        vectors = try ReferenceVectors.load()
        tree = MerkleTree(leafHashes: vectors.leaf_inputs.map { RFC6962.leafHash(bytes($0)) })
    }

    @Test func hashesLikeRFC6962() {
        #expect(RFC6962.emptyRoot == bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))
        #expect(
            RFC6962.leafHash([UInt8]()) == bytes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"))
    }

    @Test func computesTheReferenceRootsForEverySize() throws {
        #expect(vectors.roots_by_tree_size.count == 9)
        for (size, root) in vectors.roots_by_tree_size {
            #expect(try tree.root(size: UInt64(size) ?? 99) == bytes(root), "size \(size)")
        }
    }

    @Test func producesEveryReferenceInclusionProof() throws {
        #expect(vectors.derived_all_inclusion_proofs.count == 36)
        for vector in vectors.derived_all_inclusion_proofs {
            let proof = try tree.inclusionProof(leaf: vector.leaf_index, size: vector.tree_size)
            #expect(proof == vector.audit_path.map(bytes), "leaf \(vector.leaf_index) of \(vector.tree_size)")
            try MerkleVerifier.verifyInclusion(
                leafIndex: vector.leaf_index, treeSize: vector.tree_size,
                leafHash: try tree.leafHash(at: vector.leaf_index), proof: proof,
                root: try tree.root(size: vector.tree_size))
        }
    }

    @Test func producesEveryReferenceConsistencyProof() throws {
        #expect(vectors.derived_all_consistency_proofs.count == 36)
        for vector in vectors.derived_all_consistency_proofs {
            let proof = try tree.consistencyProof(from: vector.size1, to: vector.size2)
            #expect(proof == vector.proof.map(bytes), "\(vector.size1) → \(vector.size2)")
            try MerkleVerifier.verifyConsistency(
                oldSize: vector.size1, newSize: vector.size2, oldRoot: try tree.root(size: vector.size1),
                newRoot: try tree.root(size: vector.size2), proof: proof)
        }
    }

    @Test func agreesWithEveryTransparencyDevInclusionProbe() throws {
        let probes = try JSONDecoder().decode(
            ProbeFile<InclusionProbe>.self, from: Data(contentsOf: Fixtures.url("merkle_inclusion_probes_hex.json"))
        ).probes
        #expect(probes.count == 98)
        for probe in probes {
            let accepted = accepts {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: probe.leafIdx, treeSize: probe.treeSize, leafHash: bytes(probe.leafHash),
                    proof: probe.proof.map(bytes), root: bytes(probe.root))
            }
            #expect(accepted == !probe.wantErr, "\(probe.file)")
        }
    }

    @Test func agreesWithEveryTransparencyDevConsistencyProbe() throws {
        let probes = try JSONDecoder().decode(
            ProbeFile<ConsistencyProbe>.self,
            from: Data(contentsOf: Fixtures.url("merkle_consistency_probes_hex.json"))
        ).probes
        #expect(probes.count == 98)
        for probe in probes {
            let accepted = accepts {
                try MerkleVerifier.verifyConsistency(
                    oldSize: probe.size1, newSize: probe.size2, oldRoot: bytes(probe.root1),
                    newRoot: bytes(probe.root2), proof: probe.proof.map(bytes))
            }
            #expect(accepted == !probe.wantErr, "\(probe.file)")
        }
    }
}
