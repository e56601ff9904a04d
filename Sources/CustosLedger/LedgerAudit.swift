import Foundation

/// Re-derives everything in an evidence vault from its journal and its blobs, and reports each disagreement:
/// damaged or torn frames, checkpoints whose root is not the re-derived tree's (so the tree was rewritten),
/// derived files (indexes, hash levels) that are short or differ, and blobs that are missing or whose bytes no
/// longer hash to their entry.
///
/// It reads the files directly, without opening the log for writing, so it works on a log that refuses to open.
public struct LedgerAudit: Sendable {
    /// One thing found wrong.
    public struct Finding: Codable, Sendable, Hashable {
        /// What kind of problem: `journal`, `checkpoint`, `index`, `hashes`, `blob`, `key`.
        public var kind: String
        /// The file and position, or the entry, concerned.
        public var location: String
        /// What is wrong.
        public var message: String
    }

    /// The audit's outcome.
    public struct Report: Codable, Sendable {
        /// Entries read from the journal.
        public var entries: UInt64 = 0
        /// Checkpoints read and checked.
        public var checkpoints: UInt64 = 0
        /// Blobs re-hashed.
        public var blobsChecked: Int = 0
        /// Bytes re-hashed across blobs.
        public var blobBytes: UInt64 = 0
        /// The root of the re-derived tree, hex.
        public var rootHash: String = ""
        /// Everything found wrong; empty when the vault is intact.
        public var findings: [Finding] = []
        /// Whether nothing was found wrong.
        public var isClean: Bool { findings.isEmpty }

        enum CodingKeys: String, CodingKey {
            case entries, checkpoints, findings
            case blobsChecked = "blobs_checked"
            case blobBytes = "blob_bytes"
            case rootHash = "root_hash"
        }
    }

    /// The vault directory (`<data>/evidence`).
    public let directory: URL

    /// Audits the vault under a data directory.
    public init(dataDirectory: URL) {
        directory = dataDirectory.appendingPathComponent("evidence", isDirectory: true)
    }

    /// Runs the audit; `progress` gets (entries scanned, blob bytes hashed) now and then.
    public func run(progress: (UInt64, UInt64) -> Void = { _, _ in }) throws(LedgerError) -> Report {
        var report = Report()
        let keys = directory.appendingPathComponent("keys", isDirectory: true)
        let verifier: NoteVerifier
        do {
            let vkey = try String(
                contentsOf: keys.appendingPathComponent(LedgerKeys.verifierKeyFile), encoding: .utf8)
            verifier = try NoteVerifier(vkey: vkey.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.notFound, "no evidence log in \(directory.path) (\(error.localizedDescription))")
        }
        let logDirectory = directory.appendingPathComponent("log", isDirectory: true)
        let lock = try StoreFile(logDirectory.appendingPathComponent("lock"), create: true)
        guard lock.tryLock() else {
            throw LedgerError(.io, "another custos process is using the evidence log in \(logDirectory.path)")
        }
        let journal = try Journal(url: logDirectory.appendingPathComponent("journal"))
        let fileSize = try journal.file.size()
        var frontier = CompactRange()
        var offsets: [UInt64] = []
        var checkpointRecords: [[UInt64]] = []
        let levels = HashFileComparer(directory: logDirectory.appendingPathComponent("hashes", isDirectory: true))
        var entries: [(index: UInt64, entry: EvidenceEntry)] = []
        var offset = UInt64(Journal.magic.count)
        scan: while true {
            switch try journal.readFrame(at: offset, fileSize: fileSize) {
            case .end:
                break scan
            case .truncated(let start, let declaredEnd):
                report.findings.append(
                    Finding(
                        kind: "journal", location: "journal byte \(start)",
                        message: "the last frame is torn: it declares \(declaredEnd - start) bytes, "
                            + "\(fileSize - start) are present (opening the log moves it aside)"))
                break scan
            case .corrupt(let start, let end, let reason):
                report.findings.append(
                    Finding(
                        kind: "journal", location: "journal byte \(start)",
                        message: "\(reason); \(fileSize - end) bytes follow"))
                // The frame's length was readable: skip it and keep checking the rest.
                offset = end
                continue scan
            case .frame(let frame):
                offset = frame.end
                switch frame.kind {
                case .entry:
                    let index = report.entries
                    offsets.append(frame.offset)
                    for completed in frontier.append(frame.digest) {
                        levels.check(
                            level: completed.level, index: completed.index, hash: completed.hash, into: &report)
                    }
                    do {
                        entries.append((index, try EvidenceEntry(canonicalBytes: frame.payload)))
                    } catch {
                        report.findings.append(
                            Finding(kind: "journal", location: "entry \(index)", message: error.message))
                    }
                    report.entries += 1
                    if report.entries % 10_000 == 0 { progress(report.entries, 0) }
                case .checkpoint:
                    report.checkpoints += 1
                    checkpointRecords.append([report.entries, frame.offset])
                    let text = String(decoding: frame.payload, as: UTF8.self)
                    let location = "checkpoint at journal byte \(frame.offset)"
                    do {
                        let signed = try SignedCheckpoint(parsing: text, verifiers: [verifier])
                        if signed.checkpoint.size != report.entries {
                            report.findings.append(
                                Finding(
                                    kind: "checkpoint", location: location,
                                    message: "signed for \(signed.checkpoint.size) entries, but \(report.entries) "
                                        + "precede it"))
                        } else if signed.checkpoint.rootHash != frontier.root {
                            report.findings.append(
                                Finding(
                                    kind: "checkpoint", location: location,
                                    message: "the signed root for \(report.entries) entries is not the root of the "
                                        + "entries in the journal: the log was rewritten"))
                        }
                    } catch {
                        report.findings.append(Finding(kind: "checkpoint", location: location, message: error.message))
                    }
                }
            }
        }
        report.rootHash = Hex.encode(frontier.root)
        levels.finish(size: report.entries, into: &report)
        compareIndex(
            logDirectory.appendingPathComponent("entries.idx"), expected: offsets.map { [$0] }, fields: 1, into: &report
        )
        compareIndex(
            logDirectory.appendingPathComponent("checkpoints.idx"), expected: checkpointRecords, fields: 2,
            into: &report)
        try checkBlobs(entries, into: &report, progress: progress)
        return report
    }

    private func compareIndex(_ url: URL, expected: [[UInt64]], fields: Int, into report: inout Report) {
        guard let file = try? RecordFile(url: url, fields: fields), let count = try? file.count() else {
            report.findings.append(Finding(kind: "index", location: url.lastPathComponent, message: "cannot be read"))
            return
        }
        if count < UInt64(expected.count) {
            report.findings.append(
                Finding(
                    kind: "index", location: url.lastPathComponent,
                    message: "holds \(count) records, the journal has \(expected.count) (truncated; rebuilt on open)"))
        }
        for (index, record) in expected.enumerated() where UInt64(index) < count {
            if (try? file.record(at: UInt64(index))) != record {
                report.findings.append(
                    Finding(
                        kind: "index", location: "\(url.lastPathComponent) record \(index)",
                        message: "differs from the journal"))
                return
            }
        }
    }

    private func checkBlobs(
        _ entries: [(index: UInt64, entry: EvidenceEntry)], into report: inout Report,
        progress: (UInt64, UInt64) -> Void
    ) throws(LedgerError) {
        let blobs = try BlobStore(root: directory.appendingPathComponent("blobs", isDirectory: true))
        var checked: [String: (sha256: String, size: UInt64)?] = [:]
        for (index, entry) in entries {
            let actual: (sha256: String, size: UInt64)?
            if let known = checked[entry.sha256] {
                actual = known
            } else {
                actual = try? blobs.rehash(sha256: entry.sha256)
                checked[entry.sha256] = actual
                if let actual {
                    report.blobsChecked += 1
                    report.blobBytes += actual.size
                    progress(report.entries, report.blobBytes)
                }
            }
            let location = "entry \(index) (\(entry.fileName)), blob \(entry.sha256)"
            guard let actual else {
                report.findings.append(Finding(kind: "blob", location: location, message: "the file is missing"))
                continue
            }
            if actual.sha256 != entry.sha256 {
                report.findings.append(
                    Finding(
                        kind: "blob", location: location,
                        message: "the stored bytes hash to \(actual.sha256): the file was changed"))
            } else if actual.size != entry.size {
                report.findings.append(
                    Finding(
                        kind: "blob", location: location,
                        message: "is \(actual.size) bytes, the entry says \(entry.size)"))
            }
        }
    }
}

/// The RFC 9162 tree's right frontier: the roots of its perfect subtrees, largest first. Appending a leaf
/// merges equal-sized subtrees; the root of the whole tree folds the frontier from the right. O(log n) memory,
/// so an audit can check every checkpoint of any log in one pass.
struct CompactRange {
    private var hashes: [[UInt8]] = []
    private var levels: [Int] = []
    private(set) var size: UInt64 = 0

    /// Appends a leaf hash and returns every subtree it completes (level ≥ 0, index, hash), leaf first.
    mutating func append(_ leaf: [UInt8]) -> [(level: Int, index: UInt64, hash: [UInt8])] {
        var completed: [(level: Int, index: UInt64, hash: [UInt8])] = [(0, size, leaf)]
        var hash = leaf
        var level = 0
        while let last = levels.last, last == level {
            hash = RFC6962.nodeHash(hashes.removeLast(), hash)
            levels.removeLast()
            level += 1
            completed.append((level, (size + 1) >> UInt64(level) - 1, hash))
        }
        hashes.append(hash)
        levels.append(level)
        size += 1
        return completed
    }

    /// The root of the tree so far.
    var root: [UInt8] {
        guard var hash = hashes.last else { return RFC6962.emptyRoot }
        for left in hashes.dropLast().reversed() { hash = RFC6962.nodeHash(left, hash) }
        return hash
    }
}

/// Compares streamed subtree hashes with the hash-level files, reporting the first difference per level and
/// levels that are short.
final class HashFileComparer {
    private let directory: URL
    private var files: [Int: StoreFile?] = [:]
    private var reported: Set<Int> = []

    init(directory: URL) { self.directory = directory }

    private func file(_ level: Int) -> StoreFile? {
        if let file = files[level] { return file }
        let url = directory.appendingPathComponent(String(format: "level-%02d", level))
        let file = FileManager.default.fileExists(atPath: url.path) ? try? StoreFile(url, readOnly: true) : nil
        files[level] = file
        return file
    }

    func check(level: Int, index: UInt64, hash: [UInt8], into report: inout LedgerAudit.Report) {
        guard !reported.contains(level), let file = file(level), let size = try? file.size() else { return }
        guard (index + 1) * 32 <= size else { return }  // short files are reported once, by `finish`
        if (try? file.read(count: 32, at: index * 32)) != hash {
            reported.insert(level)
            report.findings.append(
                LedgerAudit.Finding(
                    kind: "hashes", location: String(format: "hashes/level-%02d", level) + " hash \(index)",
                    message: "differs from the hash re-derived from the journal (rebuilt on open)"))
        }
    }

    func finish(size: UInt64, into report: inout LedgerAudit.Report) {
        var level = 0
        while size >> UInt64(level) > 0 {
            let needed = (size >> UInt64(level)) * 32
            let name = String(format: "hashes/level-%02d", level)
            if let file = file(level), let actual = try? file.size() {
                if actual < needed {
                    report.findings.append(
                        LedgerAudit.Finding(
                            kind: "hashes", location: name,
                            message:
                                "truncated: \(actual) bytes, \(needed) needed for \(size) entries (rebuilt on open)"))
                }
            } else {
                report.findings.append(LedgerAudit.Finding(kind: "hashes", location: name, message: "is missing"))
            }
            level += 1
        }
    }
}
