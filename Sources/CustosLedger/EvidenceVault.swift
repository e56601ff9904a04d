import Foundation

/// Evidence deposit for one data directory: the blob store, the signed log and its key, behind one API.
///
/// Layout under `<data>/evidence/`: `blobs/` (`BlobStore`), `log/` (`EvidenceLog`), `keys/` (`LedgerKeys`).
/// Every read takes the asking organisation and answers only for its own deposits, as if others' did not exist.
public struct EvidenceVault: Sendable {
    /// The vault's directory (`<data>/evidence`).
    public let directory: URL
    /// The content-addressed files.
    public let blobs: BlobStore
    /// The signed Merkle log of entries.
    public let log: EvidenceLog

    /// Opens the vault under a data directory, making the key pair on first use.
    public init(dataDirectory: URL) throws(LedgerError) {
        directory = dataDirectory.appendingPathComponent("evidence", isDirectory: true)
        let signer = try LedgerKeys.loadOrCreate(in: directory.appendingPathComponent("keys", isDirectory: true))
        blobs = try BlobStore(root: directory.appendingPathComponent("blobs", isDirectory: true))
        log = try EvidenceLog(directory: directory.appendingPathComponent("log", isDirectory: true), signer: signer)
    }

    /// What to record about a file besides its bytes.
    public struct Deposit: Sendable {
        /// The file to deposit.
        public var file: URL
        /// The name to record (default: the file's name).
        public var fileName: String?
        /// The media type (default: sniffed from the name and first bytes).
        public var mediaType: String?
        /// Who deposits it.
        public var depositor: EvidenceEntry.Depositor
        /// Capture metadata, for captured evidence.
        public var capture: JSONValue?
        /// What it concerns.
        public var links: EvidenceEntry.Links?
        /// A description.
        public var description: String?

        /// Creates a deposit request.
        public init(
            file: URL, depositor: EvidenceEntry.Depositor, fileName: String? = nil, mediaType: String? = nil,
            capture: JSONValue? = nil, links: EvidenceEntry.Links? = nil, description: String? = nil
        ) {
            self.file = file
            self.fileName = fileName
            self.mediaType = mediaType
            self.depositor = depositor
            self.capture = capture
            self.links = links
            self.description = description
        }
    }

    /// Stores the files and appends their entries in one commit; returns a receipt per file, in order.
    ///
    /// Each file is stored (durably) before its entry is appended, so an acknowledged entry never points at a
    /// missing blob.
    public func deposit(
        _ deposits: [Deposit], progress: (Int, UInt64) -> Void = { _, _ in }
    ) async throws(LedgerError) -> [EvidenceReceipt] {
        var entries: [[UInt8]] = []
        for (position, deposit) in deposits.enumerated() {
            let stored = try blobs.store(contentsOf: deposit.file) { progress(position, $0) }
            let name = deposit.fileName ?? deposit.file.lastPathComponent
            let entry = EvidenceEntry(
                sha256: stored.sha256, size: stored.size,
                mediaType: deposit.mediaType ?? MediaType.guess(fileName: name, url: deposit.file),
                fileName: name, depositor: deposit.depositor, capture: deposit.capture, links: deposit.links,
                description: deposit.description)
            entries.append(entry.canonicalBytes)
        }
        let committed = try await log.append(entries)
        var receipts: [EvidenceReceipt] = []
        for offset in 0..<committed.count {
            receipts.append(
                try EvidenceReceipt(
                    log: log, leafIndex: committed.firstIndex + UInt64(offset), checkpoint: committed.checkpoint))
        }
        return receipts
    }

    /// The entry at `index`, when `organisation` deposited it.
    ///
    /// - Throws: `LedgerError.notFound` when there is no such entry or another organisation deposited it.
    public func entry(at index: UInt64, for organisation: String) throws(LedgerError) -> EvidenceEntry {
        let entry = try EvidenceEntry(canonicalBytes: try log.entry(at: index))
        guard entry.depositor.organisation == organisation else {
            throw LedgerError(.notFound, "no evidence entry \(index) for organisation \(organisation)")
        }
        return entry
    }

    /// A fresh receipt for entry `index` against the latest checkpoint, when `organisation` deposited it.
    public func receipt(for index: UInt64, organisation: String) throws(LedgerError) -> EvidenceReceipt {
        _ = try entry(at: index, for: organisation)
        return try EvidenceReceipt(log: log, leafIndex: index, checkpoint: log.latestCheckpoint)
    }

    /// The indexes of `organisation`'s entries whose file has this SHA-256, oldest first.
    public func entries(withSHA256 hex: String, for organisation: String) throws(LedgerError) -> [UInt64] {
        var found: [UInt64] = []
        for index in 0..<log.size {
            let entry = try EvidenceEntry(canonicalBytes: try log.entry(at: index))
            if entry.sha256 == hex && entry.depositor.organisation == organisation { found.append(index) }
        }
        return found
    }

    /// For each SHA-256 in `hexes`, the entries whose file has it, oldest first, with their depositing organisation:
    /// one pass over the log however many digests are asked for.
    public func entries(
        withSHA256 hexes: Set<String>
    ) throws(LedgerError) -> [String: [(index: UInt64, organisation: String)]] {
        var found: [String: [(index: UInt64, organisation: String)]] = [:]
        guard !hexes.isEmpty else { return found }
        for index in 0..<log.size {
            let entry = try EvidenceEntry(canonicalBytes: try log.entry(at: index))
            if hexes.contains(entry.sha256) {
                found[entry.sha256, default: []].append((index, entry.depositor.organisation))
            }
        }
        return found
    }
}
