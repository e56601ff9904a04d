import Foundation

/// What a depositor keeps: the entry's exact bytes, its leaf index, a signed checkpoint and the inclusion proof
/// that ties the entry to it. Anyone with the log's verifier key can check it offline (`verify(trusting:)`).
///
/// `tlogProof` carries the same proof and checkpoint in the C2SP `tlog-proof@v1` text form, for tools that speak
/// it. JSON field names are snake_case; hashes are lowercase hex.
public struct EvidenceReceipt: Codable, Sendable, Hashable {
    /// The format tag of this version.
    public static let currentFormat = "custos-evidence-receipt/v1"

    /// The receipt's format tag.
    public var format: String
    /// The entry's position in the log.
    public var leafIndex: UInt64
    /// The entry's canonical bytes, as UTF-8 JSON text.
    public var entry: String
    /// SHA-256(0x00 ‖ entry), hex.
    public var leafHash: String
    /// The size of the tree the proof and checkpoint are for.
    public var treeSize: UInt64
    /// That tree's root hash, hex.
    public var rootHash: String
    /// The inclusion proof, hex hashes from the leaf up.
    public var inclusionProof: [String]
    /// The signed checkpoint (C2SP signed note).
    public var checkpoint: String
    /// The same proof as C2SP `tlog-proof@v1` text.
    public var tlogProof: String

    enum CodingKeys: String, CodingKey {
        case format, entry, checkpoint
        case leafIndex = "leaf_index"
        case leafHash = "leaf_hash"
        case treeSize = "tree_size"
        case rootHash = "root_hash"
        case inclusionProof = "inclusion_proof"
        case tlogProof = "tlog_proof"
    }

    /// Builds the receipt of entry `leafIndex` against `checkpoint` from the log.
    public init(log: EvidenceLog, leafIndex: UInt64, checkpoint: SignedCheckpoint) throws(LedgerError) {
        let entry = try log.entry(at: leafIndex)
        let proof = try log.inclusionProof(leaf: leafIndex, size: checkpoint.checkpoint.size)
        format = Self.currentFormat
        self.leafIndex = leafIndex
        self.entry = String(decoding: entry, as: UTF8.self)
        leafHash = Hex.encode(RFC6962.leafHash(entry))
        treeSize = checkpoint.checkpoint.size
        rootHash = Hex.encode(checkpoint.checkpoint.rootHash)
        inclusionProof = proof.map { Hex.encode($0) }
        self.checkpoint = checkpoint.formatted
        tlogProof = try TlogProof(leafIndex: leafIndex, proof: proof, checkpoint: checkpoint.note).formatted
    }

    /// Checks everything the receipt claims, offline: the checkpoint's signature by a trusted key, that its size
    /// and root are the receipt's, that the leaf hash is the entry's, and the inclusion proof. Returns the entry.
    ///
    /// - Throws: `LedgerError.badSignature`, `.invalidProof`, `.tampered` or `.malformed`, naming what failed.
    public func verify(trusting verifiers: [NoteVerifier]) throws(LedgerError) -> EvidenceEntry {
        guard format == Self.currentFormat else {
            throw LedgerError(.malformed, "unknown receipt format \"\(format)\"")
        }
        let signed = try SignedCheckpoint(parsing: checkpoint, verifiers: verifiers)
        guard signed.checkpoint.size == treeSize else {
            throw LedgerError(
                .tampered, "the checkpoint is for \(signed.checkpoint.size) entries, the receipt says \(treeSize)")
        }
        guard Hex.encode(signed.checkpoint.rootHash) == rootHash else {
            throw LedgerError(.tampered, "the receipt's root hash is not the signed checkpoint's")
        }
        let bytes = Array(entry.utf8)
        let computed = RFC6962.leafHash(bytes)
        guard Hex.encode(computed) == leafHash else {
            throw LedgerError(.tampered, "the entry does not hash to the receipt's leaf hash (the entry was changed)")
        }
        var proof: [[UInt8]] = []
        for (position, hex) in inclusionProof.enumerated() {
            guard let hash = Hex.decode(hex) else {
                throw LedgerError(.malformed, "inclusion proof hash \(position) is not hex")
            }
            proof.append(hash)
        }
        try MerkleVerifier.verifyInclusion(
            leafIndex: leafIndex, treeSize: treeSize, leafHash: computed, proof: proof,
            root: signed.checkpoint.rootHash)
        return try EvidenceEntry(canonicalBytes: bytes)
    }
}
