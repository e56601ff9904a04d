import Crypto
import Foundation
import ZIPFoundation

/// An evidence bundle: one zip file a court, a platform or an opposing party can check offline, without
/// trusting the operator who made it.
///
/// Layout (docs/evidence.md): `manifest.json`; `VERIFY.md` (how to check everything by hand); `log.vkey` and
/// `log-key.pem` (the verifier key, signed-note and PEM forms); `checkpoint.txt` (the signed checkpoint every
/// proof is to), with `checkpoint-body.txt` and `checkpoint.sig` split out for `openssl`; and per item
/// `files/…` (the deposited bytes), `entries/E<n>.json` (the exact entry bytes), `proofs/E<n>.json` (inclusion
/// in the bundle checkpoint), `receipts/E<n>.json` (the receipt from the deposit's own checkpoint) and
/// `consistency/E<n>.json` (that checkpoint's tree is a prefix of the bundle's).
public enum EvidenceBundle {
    /// The manifest's format tag.
    public static let format = "custos-evidence-bundle/v1"

    /// The manifest.
    public struct Manifest: Codable, Sendable {
        /// The format tag.
        public var format: String
        /// When the bundle was made (RFC 3339, UTC).
        public var createdAt: String
        /// The log's origin.
        public var origin: String
        /// The log's verifier key.
        public var vkey: String
        /// The size of the checkpoint's tree.
        public var treeSize: UInt64
        /// The checkpoint's root, hex.
        public var rootHash: String
        /// The items.
        public var items: [Item]

        enum CodingKeys: String, CodingKey {
            case format, origin, vkey, items
            case createdAt = "created_at"
            case treeSize = "tree_size"
            case rootHash = "root_hash"
        }
    }

    /// One deposit in the bundle.
    public struct Item: Codable, Sendable {
        /// The evidence id (`E<leaf index>`).
        public var id: String
        /// The leaf index.
        public var leafIndex: UInt64
        /// The file's SHA-256, hex.
        public var sha256: String
        /// The file's size.
        public var size: UInt64
        /// The path of the file in the bundle.
        public var file: String
        /// The path of the entry bytes.
        public var entry: String
        /// The path of the inclusion proof to the bundle checkpoint.
        public var proof: String
        /// The path of the deposit-time receipt.
        public var receipt: String
        /// The path of the consistency proof from the receipt's checkpoint to the bundle's.
        public var consistency: String

        enum CodingKeys: String, CodingKey {
            case id, sha256, size, file, entry, proof, receipt, consistency
            case leafIndex = "leaf_index"
        }
    }

    /// An inclusion proof as JSON: a bundle's `proofs/E<n>.json`, and what `custos evidence prove --json` prints.
    public struct InclusionProofFile: Codable, Sendable {
        /// The leaf index.
        public var leafIndex: UInt64
        /// The tree size.
        public var treeSize: UInt64
        /// The leaf hash, hex.
        public var leafHash: String
        /// The root, hex.
        public var rootHash: String
        /// The proof hashes, hex.
        public var proof: [String]

        /// Creates a proof file.
        public init(leafIndex: UInt64, treeSize: UInt64, leafHash: String, rootHash: String, proof: [String]) {
            self.leafIndex = leafIndex
            self.treeSize = treeSize
            self.leafHash = leafHash
            self.rootHash = rootHash
            self.proof = proof
        }

        enum CodingKeys: String, CodingKey {
            case proof
            case leafIndex = "leaf_index"
            case treeSize = "tree_size"
            case leafHash = "leaf_hash"
            case rootHash = "root_hash"
        }
    }

    /// A consistency proof as JSON: a bundle's `consistency/E<n>.json`, and what
    /// `custos evidence consistency --json` prints.
    public struct ConsistencyProofFile: Codable, Sendable {
        /// The older size.
        public var oldSize: UInt64
        /// The newer size.
        public var newSize: UInt64
        /// The older root, hex.
        public var oldRoot: String
        /// The newer root, hex.
        public var newRoot: String
        /// The proof hashes, hex.
        public var proof: [String]

        /// Creates a proof file.
        public init(oldSize: UInt64, newSize: UInt64, oldRoot: String, newRoot: String, proof: [String]) {
            self.oldSize = oldSize
            self.newSize = newSize
            self.oldRoot = oldRoot
            self.newRoot = newRoot
            self.proof = proof
        }

        enum CodingKeys: String, CodingKey {
            case proof
            case oldSize = "old_size"
            case newSize = "new_size"
            case oldRoot = "old_root"
            case newRoot = "new_root"
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Writes a bundle of the organisation's deposits `indexes` to `destination`, replacing it atomically.
    ///
    /// - Throws: `LedgerError.notFound` when an index is not the organisation's, `.tampered` when a stored file no
    ///   longer matches its entry (a bundle never carries evidence that does not verify), `.io` on write failure.
    public static func export(
        _ indexes: [UInt64], from vault: EvidenceVault, organisation: String, to destination: URL,
        progress: (Int) -> Void = { _ in }
    ) throws(LedgerError) -> Manifest {
        let checkpoint = vault.log.latestCheckpoint
        let treeSize = checkpoint.checkpoint.size
        let checkpoints = try vault.log.checkpoints()
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        var items: [Item] = []
        do {
            let archive = try Archive(url: temporary, accessMode: .create)
            func add(_ path: String, _ bytes: [UInt8]) throws {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            for (position, index) in Set(indexes).sorted().enumerated() {
                let entry = try vault.entry(at: index, for: organisation)
                let entryBytes = try vault.log.entry(at: index)
                let id = "E\(index)"
                let blob = vault.blobs.url(forSHA256: entry.sha256)
                let actual = try BlobStore.hash(contentsOf: blob)
                guard actual.sha256 == entry.sha256 else {
                    throw LedgerError(
                        .tampered, "\(id): the stored file \(blob.path) no longer matches its entry; run an audit")
                }
                let item = Item(
                    id: id, leafIndex: index, sha256: entry.sha256, size: entry.size,
                    file: "files/\(id)-\(safeName(entry.fileName))", entry: "entries/\(id).json",
                    proof: "proofs/\(id).json", receipt: "receipts/\(id).json", consistency: "consistency/\(id).json")
                try archive.addEntry(with: item.file, fileURL: blob)
                try add(item.entry, entryBytes)
                let proof = InclusionProofFile(
                    leafIndex: index, treeSize: treeSize, leafHash: Hex.encode(RFC6962.leafHash(entryBytes)),
                    rootHash: Hex.encode(checkpoint.checkpoint.rootHash),
                    proof: try vault.log.inclusionProof(leaf: index, size: treeSize).map { Hex.encode($0) })
                try add(item.proof, Array(try encoder.encode(proof)))
                // The receipt the depositor got: against the first checkpoint that included the entry.
                let original = checkpoints.first { $0.checkpoint.size > index } ?? checkpoint
                let receipt = try EvidenceReceipt(log: vault.log, leafIndex: index, checkpoint: original)
                try add(item.receipt, Array(try encoder.encode(receipt)))
                let consistency = ConsistencyProofFile(
                    oldSize: original.checkpoint.size, newSize: treeSize,
                    oldRoot: Hex.encode(original.checkpoint.rootHash),
                    newRoot: Hex.encode(checkpoint.checkpoint.rootHash),
                    proof: try vault.log.consistencyProof(from: original.checkpoint.size, to: treeSize).map {
                        Hex.encode($0)
                    })
                try add(item.consistency, Array(try encoder.encode(consistency)))
                items.append(item)
                progress(position + 1)
            }
            let manifest = Manifest(
                format: format, createdAt: EvidenceEntry.timestamp(Date()), origin: vault.log.origin,
                vkey: vault.log.verifier.vkey, treeSize: treeSize, rootHash: Hex.encode(checkpoint.checkpoint.rootHash),
                items: items)
            try add("manifest.json", Array(try encoder.encode(manifest)))
            try add("log.vkey", Array((vault.log.verifier.vkey + "\n").utf8))
            try add("log-key.pem", Array(pem(publicKey: vault.log.verifier.publicKeyBytes).utf8))
            try add("checkpoint.txt", Array(checkpoint.formatted.utf8))
            try add("checkpoint-body.txt", Array(checkpoint.note.text.utf8))
            if let signature = checkpoint.note.signatures.first(where: { $0.name == vault.log.origin }) {
                try add("checkpoint.sig", signature.signature)
            }
            try add("VERIFY.md", Array(BundleInstructions.text(manifest: manifest).utf8))
            let file = try StoreFile(temporary)
            try file.sync()
            guard rename(temporary.path, destination.path) == 0 else {
                throw LedgerError.system("cannot move the bundle into place", destination.path)
            }
            try StoreFile.syncDirectory(destination.deletingLastPathComponent())
            return manifest
        } catch let error as LedgerError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw LedgerError(.io, "cannot write the bundle \(destination.path): \(error)")
        }
    }

    /// A file name safe inside a zip: no directories, no control characters, at most 100 characters.
    static func safeName(_ name: String) -> String {
        let cleaned = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control
                    ? "_" : Character(scalar)
            })
        let trimmed = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return trimmed.isEmpty ? "file" : String(trimmed.prefix(100))
    }

    /// The SubjectPublicKeyInfo PEM of an Ed25519 public key (RFC 8410), for `openssl pkeyutl -verify`.
    static func pem(publicKey: [UInt8]) -> String {
        let der: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + publicKey
        return "-----BEGIN PUBLIC KEY-----\n\(Data(der).base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EvidenceBundle.InclusionProofFile {
    /// The inclusion proof of leaf `index` in the tree of `size` entries (default: the whole log).
    public static func make(log: EvidenceLog, index: UInt64, size: UInt64? = nil) throws(LedgerError)
        -> EvidenceBundle.InclusionProofFile
    {
        let treeSize = size ?? log.size
        return EvidenceBundle.InclusionProofFile(
            leafIndex: index, treeSize: treeSize, leafHash: Hex.encode(try log.leafHash(at: index)),
            rootHash: Hex.encode(try log.root(size: treeSize)),
            proof: try log.inclusionProof(leaf: index, size: treeSize).map { Hex.encode($0) })
    }
}

extension EvidenceBundle.ConsistencyProofFile {
    /// The consistency proof from the tree of `old` entries to the tree of `new` entries.
    public static func make(log: EvidenceLog, old: UInt64, new: UInt64) throws(LedgerError)
        -> EvidenceBundle.ConsistencyProofFile
    {
        EvidenceBundle.ConsistencyProofFile(
            oldSize: old, newSize: new, oldRoot: Hex.encode(try log.root(size: old)),
            newRoot: Hex.encode(try log.root(size: new)),
            proof: try log.consistencyProof(from: old, to: new).map { Hex.encode($0) })
    }
}
