import Crypto
import Foundation
import ZIPFoundation

/// Checks an evidence bundle offline: the checkpoint's signature, then for every item the file against its entry,
/// the entry against its inclusion proof to the checkpoint, the deposit-time receipt, and the consistency of the
/// receipt's checkpoint with the bundle's. Every failing item is named with what failed; nothing is extracted to
/// disk unless a media-type check asks for the file.
public struct BundleVerifier: Sendable {
    /// The result of checking one item.
    public struct ItemResult: Codable, Sendable {
        /// The evidence id.
        public var id: String
        /// The deposited file's name, from its entry.
        public var fileName: String?
        /// What failed; empty when the item verifies.
        public var problems: [String]
        /// Whether the item verifies.
        public var isValid: Bool { problems.isEmpty }

        enum CodingKeys: String, CodingKey {
            case id, problems
            case fileName = "file_name"
        }
    }

    /// The result of checking a bundle.
    public struct Report: Codable, Sendable {
        /// Problems with the bundle as a whole (manifest, key, checkpoint).
        public var problems: [String] = []
        /// Per-item results.
        public var items: [ItemResult] = []
        /// Warnings that do not fail the bundle (files not in the manifest, an unpinned key).
        public var warnings: [String] = []
        /// The checkpoint's tree size.
        public var treeSize: UInt64 = 0
        /// The verifier key that was trusted.
        public var trustedKey: String = ""
        /// Whether everything verifies.
        public var isValid: Bool { problems.isEmpty && items.allSatisfy(\.isValid) && !items.isEmpty }

        enum CodingKeys: String, CodingKey {
            case problems, items, warnings
            case treeSize = "tree_size"
            case trustedKey = "trusted_key"
        }
    }

    /// An extra check of a deposited file of some media type (a WARC's record digests, say): given the file
    /// extracted to a temporary path, it returns problems, empty when the file is sound.
    public typealias FileCheck = @Sendable (URL) -> [String]

    /// Keys to trust; when empty, the bundle's own key is used and a warning says so.
    public var trustedKeys: [NoteVerifier]
    /// Extra checks by media type.
    public var fileChecks: [String: FileCheck]

    /// Creates a verifier.
    public init(trustedKeys: [NoteVerifier] = [], fileChecks: [String: FileCheck] = [:]) {
        self.trustedKeys = trustedKeys
        self.fileChecks = fileChecks
    }

    /// The largest JSON or text member read into memory.
    static let maximumMetadataSize = 16 << 20

    /// Verifies the bundle at `url`.
    ///
    /// - Throws: `LedgerError.badBundle` only when the file is not a readable zip; everything else is reported.
    public func verify(_ url: URL, progress: (Int, Int) -> Void = { _, _ in }) throws(LedgerError) -> Report {
        let archive: OpenedArchive
        do {
            archive = OpenedArchive(zip: try Archive(url: url, accessMode: .read))
        } catch {
            throw LedgerError(.badBundle, "\(url.path) is not a readable zip archive (\(error))")
        }
        var report = Report()
        guard let manifestBytes = read(archive, "manifest.json", into: &report.problems) else { return report }
        let manifest: EvidenceBundle.Manifest
        do {
            manifest = try JSONDecoder().decode(EvidenceBundle.Manifest.self, from: Data(manifestBytes))
        } catch {
            report.problems.append("manifest.json is not a valid bundle manifest: \(error)")
            return report
        }
        guard manifest.format == EvidenceBundle.format else {
            report.problems.append("manifest.json has unknown format \"\(manifest.format)\"")
            return report
        }
        var verifiers = trustedKeys
        if verifiers.isEmpty {
            do {
                verifiers = [try NoteVerifier(vkey: manifest.vkey)]
                report.warnings.append(
                    "trusting the key inside the bundle (\(manifest.vkey)); compare it with the log's published key, "
                        + "or pass it with --key")
            } catch {
                report.problems.append("manifest.json: the verifier key is malformed: \(error.message)")
                return report
            }
        }
        report.trustedKey = verifiers.map(\.vkey).joined(separator: ", ")
        guard let checkpointBytes = read(archive, "checkpoint.txt", into: &report.problems) else { return report }
        let checkpoint: Checkpoint
        do {
            checkpoint = try SignedCheckpoint(
                parsing: String(decoding: checkpointBytes, as: UTF8.self), verifiers: verifiers
            ).checkpoint
        } catch {
            report.problems.append("checkpoint.txt: \(error.message)")
            return report
        }
        report.treeSize = checkpoint.size
        if checkpoint.size != manifest.treeSize || Hex.encode(checkpoint.rootHash) != manifest.rootHash {
            report.problems.append("manifest.json: tree size or root differs from the signed checkpoint.txt")
        }
        var listed: Set<String> = ["manifest.json", "checkpoint.txt"]
        for (position, item) in manifest.items.enumerated() {
            report.items.append(check(item, in: archive, checkpoint: checkpoint, verifiers: verifiers))
            listed.formUnion([item.file, item.entry, item.proof, item.receipt, item.consistency])
            progress(position + 1, manifest.items.count)
        }
        if manifest.items.isEmpty { report.problems.append("manifest.json lists no items") }
        let known: Set<String> = [
            "log.vkey", "log-key.pem", "checkpoint-body.txt", "checkpoint.sig", "VERIFY.md",
        ]
        for entry in archive.zip where !listed.contains(entry.path) && !known.contains(entry.path) {
            report.warnings.append("\(entry.path) is in the zip but not in the manifest")
        }
        return report
    }

    private func check(
        _ item: EvidenceBundle.Item, in archive: OpenedArchive, checkpoint: Checkpoint, verifiers: [NoteVerifier]
    ) -> ItemResult {
        var result = ItemResult(id: item.id, fileName: nil, problems: [])
        guard let entryBytes = read(archive, item.entry, into: &result.problems) else { return result }
        let leafHash = RFC6962.leafHash(entryBytes)
        let entry: EvidenceEntry
        do {
            entry = try EvidenceEntry(canonicalBytes: entryBytes)
        } catch {
            result.problems.append("\(item.entry): \(error.message)")
            return result
        }
        result.fileName = entry.fileName
        if entry.sha256 != item.sha256 || entry.size != item.size {
            result.problems.append("\(item.entry): the entry's sha256/size differ from the manifest's")
        }
        checkFile(item, entry: entry, in: archive, into: &result.problems)
        checkProof(item, leafHash: leafHash, checkpoint: checkpoint, in: archive, into: &result.problems)
        checkReceipt(
            item, entryBytes: entryBytes, checkpoint: checkpoint, verifiers: verifiers, in: archive,
            into: &result.problems)
        return result
    }

    private func checkFile(
        _ item: EvidenceBundle.Item, entry: EvidenceEntry, in archive: OpenedArchive, into problems: inout [String]
    ) {
        guard let member = archive.members[item.file] else {
            problems.append("\(item.file) is missing from the bundle")
            return
        }
        let check = fileChecks[entry.mediaType]
        var hasher = SHA256()
        var size: UInt64 = 0
        var extracted: URL?
        var handle: FileHandle?
        if check != nil {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "custos-verify-\(UUID().uuidString)")
            if FileManager.default.createFile(atPath: url.path, contents: nil) {
                extracted = url
                handle = try? FileHandle(forWritingTo: url)
            }
        }
        defer {
            try? handle?.close()
            if let extracted { try? FileManager.default.removeItem(at: extracted) }
        }
        do {
            _ = try archive.zip.extract(member, skipCRC32: true) { data in
                hasher.update(data: data)
                size += UInt64(data.count)
                try handle?.write(contentsOf: data)
            }
        } catch {
            problems.append("\(item.file) cannot be read from the zip: \(error)")
            return
        }
        let digest = Hex.encode(Array(hasher.finalize()))
        if digest != entry.sha256 {
            problems.append(
                "\(item.file): the file hashes to \(digest), its entry says \(entry.sha256) (the file was changed)")
        } else if size != entry.size {
            problems.append("\(item.file): \(size) bytes, its entry says \(entry.size)")
        }
        if let check, let extracted {
            try? handle?.synchronize()
            problems.append(contentsOf: check(extracted).map { "\(item.file): \($0)" })
        }
    }

    private func checkProof(
        _ item: EvidenceBundle.Item, leafHash: [UInt8], checkpoint: Checkpoint, in archive: OpenedArchive,
        into problems: inout [String]
    ) {
        guard let bytes = read(archive, item.proof, into: &problems) else { return }
        guard let proof = try? JSONDecoder().decode(EvidenceBundle.InclusionProofFile.self, from: Data(bytes)) else {
            problems.append("\(item.proof) is not a valid inclusion proof file")
            return
        }
        guard proof.leafIndex == item.leafIndex, proof.treeSize == checkpoint.size,
            proof.rootHash == Hex.encode(checkpoint.rootHash), proof.leafHash == Hex.encode(leafHash)
        else {
            problems.append(
                "\(item.proof): its leaf index, tree size, root or leaf hash is not the entry's and checkpoint's")
            return
        }
        do {
            try MerkleVerifier.verifyInclusion(
                leafIndex: item.leafIndex, treeSize: checkpoint.size, leafHash: leafHash,
                proof: try decode(proof.proof, item.proof), root: checkpoint.rootHash)
        } catch {
            problems.append("\(item.proof): \(error.message)")
        }
    }

    private func checkReceipt(
        _ item: EvidenceBundle.Item, entryBytes: [UInt8], checkpoint: Checkpoint, verifiers: [NoteVerifier],
        in archive: OpenedArchive, into problems: inout [String]
    ) {
        guard let bytes = read(archive, item.receipt, into: &problems) else { return }
        guard let receipt = try? JSONDecoder().decode(EvidenceReceipt.self, from: Data(bytes)) else {
            problems.append("\(item.receipt) is not a valid receipt")
            return
        }
        if Array(receipt.entry.utf8) != entryBytes || receipt.leafIndex != item.leafIndex {
            problems.append("\(item.receipt): its entry or leaf index is not \(item.entry)'s")
        }
        do {
            _ = try receipt.verify(trusting: verifiers)
        } catch {
            problems.append("\(item.receipt): \(error.message)")
            return
        }
        guard let proofBytes = read(archive, item.consistency, into: &problems) else { return }
        guard let proof = try? JSONDecoder().decode(EvidenceBundle.ConsistencyProofFile.self, from: Data(proofBytes))
        else {
            problems.append("\(item.consistency) is not a valid consistency proof file")
            return
        }
        guard proof.oldSize == receipt.treeSize, proof.oldRoot == receipt.rootHash, proof.newSize == checkpoint.size,
            proof.newRoot == Hex.encode(checkpoint.rootHash), let oldRoot = Hex.decode(proof.oldRoot)
        else {
            problems.append("\(item.consistency): its sizes or roots are not the receipt's and the checkpoint's")
            return
        }
        do {
            try MerkleVerifier.verifyConsistency(
                oldSize: proof.oldSize, newSize: proof.newSize, oldRoot: oldRoot, newRoot: checkpoint.rootHash,
                proof: try decode(proof.proof, item.consistency))
        } catch {
            problems.append("\(item.consistency): \(error.message)")
        }
    }

    private func decode(_ hashes: [String], _ path: String) throws(LedgerError) -> [[UInt8]] {
        var decoded: [[UInt8]] = []
        for (position, hex) in hashes.enumerated() {
            guard let hash = Hex.decode(hex) else {
                throw LedgerError(.malformed, "proof hash \(position) is not hex")
            }
            decoded.append(hash)
        }
        return decoded
    }

    private func read(_ archive: OpenedArchive, _ path: String, into problems: inout [String]) -> [UInt8]? {
        guard let member = archive.members[path] else {
            problems.append("\(path) is missing from the bundle")
            return nil
        }
        guard member.uncompressedSize <= Self.maximumMetadataSize else {
            problems.append("\(path) is \(member.uncompressedSize) bytes, larger than any bundle metadata")
            return nil
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.zip.extract(member) { bytes.append(contentsOf: $0) }
        } catch {
            problems.append("\(path) cannot be read from the zip: \(error)")
            return nil
        }
        return bytes
    }
}

/// A zip opened for reading with its members indexed by path once: ZIPFoundation's lookup by path walks the
/// central directory each time, which made verifying a bundle quadratic in its items.
final class OpenedArchive {
    let zip: Archive
    let members: [String: ZIPFoundation.Entry]

    init(zip: Archive) {
        self.zip = zip
        var members: [String: ZIPFoundation.Entry] = [:]
        for member in zip where members[member.path] == nil { members[member.path] = member }
        self.members = members
    }
}
