import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only, signed Merkle log of evidence entries, durable before it acknowledges anything.
///
/// On disk (docs/evidence.md): `journal` (the only source of truth: checksummed entry and checkpoint frames),
/// and derived files rebuilt from it when short or damaged: `entries.idx` (each entry's journal offset),
/// `checkpoints.idx` (each checkpoint's size and offset) and `hashes/level-NN` (see `HashLevelFiles`).
///
/// Appends are group-committed: callers queue entries, and one committer writes every queued entry and a new
/// signed checkpoint with a single write and a single `fsync`, then answers all of them. Only one process may
/// open a log at a time (an exclusive `flock` on `lock`).
public final class EvidenceLog: Sendable {
    /// What a committed append produced.
    public struct Committed: Sendable {
        /// The first appended entry's leaf index; the others follow in order.
        public var firstIndex: UInt64
        /// How many entries were appended.
        public var count: Int
        /// The signed checkpoint of the tree that first includes them.
        public var checkpoint: SignedCheckpoint
    }

    private struct Pending: Sendable {
        var entries: [[UInt8]]
        var continuation: CheckedContinuation<Result<Committed, LedgerError>, Never>
    }

    private struct State: Sendable {
        var size: UInt64 = 0
        var journalEnd: UInt64 = 0
        var checkpointCount: UInt64 = 0
        var latest: SignedCheckpoint?
        var pending: [Pending] = []
        var isCommitting = false
        var failure: LedgerError?
    }

    /// The log's directory.
    public let directory: URL
    /// The key that signs checkpoints.
    public let signer: NoteSigner
    /// What opening the log repaired (torn frames moved aside, derived files rebuilt), for the operator.
    public let recoveryNotes: [String]

    private let journal: Journal
    private let hashes: HashLevelFiles
    private let entryOffsets: RecordFile
    private let checkpointRecords: RecordFile
    private let lockFile: StoreFile
    private let state: Mutex<State>
    private let committer = DispatchQueue(label: "custos.evidence.committer")

    /// The checkpoint key's verifier.
    public var verifier: NoteVerifier { signer.verifier }
    /// The log's origin (the checkpoint's first line and the key's name).
    public var origin: String { signer.name }

    /// Opens (creating when new) the log in `directory`, recovering from an interrupted write.
    ///
    /// - Throws: `LedgerError.io` when another process holds the log or the disk fails, `.tampered` when the
    ///   journal is damaged anywhere but its torn tail or disagrees with a signed checkpoint.
    public init(directory: URL, signer: NoteSigner) throws(LedgerError) {
        self.directory = directory
        self.signer = signer
        try StoreFile.makeDirectory(directory)
        lockFile = try StoreFile(directory.appendingPathComponent("lock"), create: true)
        guard lockFile.lock(waitingUpTo: .seconds(3)) else {
            throw LedgerError(.io, "another custos process is using the evidence log in \(directory.path)")
        }
        journal = try Journal(url: directory.appendingPathComponent("journal"))
        entryOffsets = try RecordFile(url: directory.appendingPathComponent("entries.idx"), fields: 1)
        checkpointRecords = try RecordFile(url: directory.appendingPathComponent("checkpoints.idx"), fields: 2)
        var notes: [String] = []
        var recovered = try Self.recover(
            journal: journal, entryOffsets: entryOffsets, checkpointRecords: checkpointRecords,
            verifier: signer.verifier, directory: directory, notes: &notes)
        let hashDirectory = directory.appendingPathComponent("hashes", isDirectory: true)
        var hashes = try Self.openHashes(
            in: hashDirectory, recovered: recovered, journal: journal, entryOffsets: entryOffsets, notes: &notes)
        if let latest = recovered.latest, try hashes.root(size: latest.checkpoint.size) != latest.checkpoint.rootHash {
            // The derived files disagree with what the log signed: rebuild them, then the journal must agree.
            notes.append("the hash files disagreed with the latest checkpoint; rebuilt them from the journal")
            hashes = try Self.rebuildHashes(
                in: hashDirectory, size: recovered.size, journal: journal, entryOffsets: entryOffsets)
            guard try hashes.root(size: latest.checkpoint.size) == latest.checkpoint.rootHash else {
                throw LedgerError(
                    .tampered,
                    "the tree of the entries in \(journal.file.path) has a different root at size "
                        + "\(latest.checkpoint.size) than the checkpoint the log signed; run `custos evidence audit`")
            }
        }
        self.hashes = hashes
        if recovered.latest?.checkpoint.size != recovered.size || recovered.latest == nil {
            // Entries after the last checkpoint (its frame was torn) or a new log: sign the current tree.
            let checkpoint = try SignedCheckpoint.sign(
                Checkpoint(
                    origin: signer.name, size: recovered.size, rootHash: try self.hashes.root(size: recovered.size)),
                with: signer)
            let frame = Journal.encode(.checkpoint, Array(checkpoint.formatted.utf8))
            try journal.append(frame.bytes, at: recovered.journalEnd)
            try checkpointRecords.write([[recovered.size, recovered.journalEnd]], at: recovered.checkpointCount)
            recovered.journalEnd += UInt64(frame.bytes.count)
            recovered.checkpointCount += 1
            recovered.latest = checkpoint
        }
        recoveryNotes = notes
        state = Mutex(
            State(
                size: recovered.size, journalEnd: recovered.journalEnd, checkpointCount: recovered.checkpointCount,
                latest: recovered.latest))
    }

    /// How many entries the log holds (all committed).
    public var size: UInt64 { state.withLock { $0.size } }

    /// The newest signed checkpoint.
    public var latestCheckpoint: SignedCheckpoint {
        // `init` always leaves a checkpoint, so this never falls back in practice.
        state.withLock { $0.latest }
            ?? (try? SignedCheckpoint.sign(
                Checkpoint(origin: signer.name, size: 0, rootHash: RFC6962.emptyRoot), with: signer))!
    }

    // MARK: Appending

    /// Appends entries (each an entry's canonical bytes) and returns once they are durable and signed into a
    /// checkpoint. Concurrent callers share commits.
    ///
    /// - Throws: `LedgerError.malformed` for an empty or oversized entry, `.io` when the write fails (the log
    ///   then refuses further appends until it is reopened, so nothing half-written is acknowledged).
    public func append(_ entries: [[UInt8]]) async throws(LedgerError) -> Committed {
        for (position, entry) in entries.enumerated() {
            guard !entry.isEmpty, entry.count <= Journal.maximumPayload else {
                throw LedgerError(
                    .malformed,
                    "entry \(position + 1) is \(entry.count) bytes; entries hold 1 to \(Journal.maximumPayload)")
            }
        }
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Committed, LedgerError>, Never>) in
            let start = state.withLock { state -> Bool in
                state.pending.append(Pending(entries: entries, continuation: continuation))
                guard !state.isCommitting else { return false }
                state.isCommitting = true
                return true
            }
            if start { committer.async { self.commitQueued() } }
        }
        return try result.get()
    }

    private func commitQueued() {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.isCommitting = false }
                return batch
            }
            if batch.isEmpty { return }
            let failure = state.withLock { $0.failure }
            let outcome: Result<Committed, LedgerError>
            if let failure {
                outcome = .failure(failure)
            } else {
                outcome = Result { () throws(LedgerError) in try commit(batch.flatMap(\.entries)) }
                if case .failure(let error) = outcome { state.withLock { $0.failure = error } }
            }
            var next = (try? outcome.get())?.firstIndex ?? 0
            for request in batch {
                request.continuation.resume(
                    returning: outcome.map { committed in
                        defer { next += UInt64(request.entries.count) }
                        return Committed(
                            firstIndex: next, count: request.entries.count, checkpoint: committed.checkpoint)
                    })
            }
        }
    }

    /// Writes entries and a checkpoint with one write and one fsync; called on the committer queue only.
    private func commit(_ entries: [[UInt8]]) throws(LedgerError) -> Committed {
        let (size, journalEnd, checkpointCount) = state.withLock { ($0.size, $0.journalEnd, $0.checkpointCount) }
        var bytes: [UInt8] = []
        var offsets: [[UInt64]] = []
        var leafHashes: [[UInt8]] = []
        offsets.reserveCapacity(entries.count)
        leafHashes.reserveCapacity(entries.count)
        for entry in entries {
            let frame = Journal.encode(.entry, entry)
            offsets.append([journalEnd + UInt64(bytes.count)])
            leafHashes.append(frame.digest)
            bytes.append(contentsOf: frame.bytes)
        }
        try hashes.append(leafHashes: leafHashes)
        let newSize = size + UInt64(entries.count)
        let checkpoint = try SignedCheckpoint.sign(
            Checkpoint(origin: signer.name, size: newSize, rootHash: try hashes.root(size: newSize)), with: signer)
        let checkpointOffset = journalEnd + UInt64(bytes.count)
        bytes.append(contentsOf: Journal.encode(.checkpoint, Array(checkpoint.formatted.utf8)).bytes)
        try journal.append(bytes, at: journalEnd)
        try entryOffsets.write(offsets, at: size)
        try checkpointRecords.write([[newSize, checkpointOffset]], at: checkpointCount)
        state.withLock { state in
            state.size = newSize
            state.journalEnd = journalEnd + UInt64(bytes.count)
            state.checkpointCount = checkpointCount + 1
            state.latest = checkpoint
        }
        return Committed(firstIndex: size, count: entries.count, checkpoint: checkpoint)
    }

    /// Waits for queued commits to finish and releases the log's lock, so another process (or a new
    /// `EvidenceLog` in this one) can open it at once. Appends after closing fail.
    public func close() {
        state.withLock { $0.failure = LedgerError(.io, "the evidence log in \(directory.path) is closed") }
        committer.sync {}
        lockFile.unlock()
    }

    // MARK: Reading

    /// The canonical bytes of the entry at `index`.
    public func entry(at index: UInt64) throws(LedgerError) -> [UInt8] {
        try checkIndex(index)
        let offset = try entryOffsets.record(at: index)[0]
        guard case .frame(let frame) = try journal.readFrame(at: offset, fileSize: try journal.file.size()),
            frame.kind == .entry
        else {
            throw LedgerError(
                .tampered, "\(journal.file.path): the frame of entry \(index) at byte \(offset) is damaged")
        }
        return frame.payload
    }

    /// The leaf hash of the entry at `index`.
    public func leafHash(at index: UInt64) throws(LedgerError) -> [UInt8] {
        try checkIndex(index)
        return try hashes.leafHash(at: index)
    }

    /// The root of the tree of the first `size` entries (default: all).
    public func root(size: UInt64? = nil) throws(LedgerError) -> [UInt8] {
        let size = try checkSize(size)
        return try hashes.root(size: size)
    }

    /// The inclusion proof of entry `index` in the tree of the first `size` entries (default: all).
    public func inclusionProof(leaf index: UInt64, size: UInt64? = nil) throws(LedgerError) -> [[UInt8]] {
        let size = try checkSize(size)
        return try hashes.inclusionProof(leaf: index, size: size)
    }

    /// The consistency proof from the tree of `old` entries to the tree of `new` entries.
    public func consistencyProof(from old: UInt64, to new: UInt64) throws(LedgerError) -> [[UInt8]] {
        _ = try checkSize(new)
        return try hashes.consistencyProof(from: old, to: new)
    }

    /// Every checkpoint the log has signed, oldest first.
    public func checkpoints() throws(LedgerError) -> [SignedCheckpoint] {
        let count = state.withLock { $0.checkpointCount }
        let fileSize = try journal.file.size()
        var found: [SignedCheckpoint] = []
        for index in 0..<count {
            let offset = try checkpointRecords.record(at: index)[1]
            guard case .frame(let frame) = try journal.readFrame(at: offset, fileSize: fileSize),
                frame.kind == .checkpoint
            else {
                throw LedgerError(.tampered, "\(journal.file.path): checkpoint frame at byte \(offset) is damaged")
            }
            found.append(
                try SignedCheckpoint(parsing: String(decoding: frame.payload, as: UTF8.self), verifiers: [verifier]))
        }
        return found
    }

    /// The path of the journal, for audits.
    var journalURL: URL { directory.appendingPathComponent("journal") }

    private func checkIndex(_ index: UInt64) throws(LedgerError) {
        let size = self.size
        guard index < size else { throw LedgerError(.notFound, "no evidence entry \(index); the log holds \(size)") }
    }

    private func checkSize(_ size: UInt64?) throws(LedgerError) -> UInt64 {
        let current = self.size
        guard let size else { return current }
        guard size <= current else {
            throw LedgerError(.outOfRange, "size \(size) is beyond the log of \(current) entries")
        }
        return size
    }
}

extension StoreFile {
    /// Takes an exclusive advisory lock without waiting; false when another process holds it.
    func tryLock() -> Bool {
        flock(descriptorForLocking, LOCK_EX | LOCK_NB) == 0
    }

    /// Takes an exclusive advisory lock, retrying for a while: a log being closed in this process (its committer
    /// finishing) or a short-lived command in another releases it soon.
    func lock(waitingUpTo limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while !tryLock() {
            guard ContinuousClock.now < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// Releases the advisory lock.
    func unlock() { _ = flock(descriptorForLocking, LOCK_UN) }
}
