import Foundation

extension EvidenceLog {
    /// The log's state as recovered from disk.
    struct Recovered {
        var size: UInt64
        var journalEnd: UInt64
        var checkpointCount: UInt64
        var latest: SignedCheckpoint?
        /// Entries found in the journal beyond `entries.idx`, already appended to it; their leaf hashes still
        /// need to reach the hash files.
        var newLeafHashes: [[UInt8]]
    }

    /// How many frames are indexed per write during a rescan.
    private static let rescanChunk = 65_536

    /// Brings `entries.idx` and `checkpoints.idx` up to date with the journal, moving a torn last frame aside.
    static func recover(
        journal: Journal, entryOffsets: RecordFile, checkpointRecords: RecordFile, verifier: NoteVerifier,
        directory: URL, notes: inout [String]
    ) throws(LedgerError) -> Recovered {
        var fileSize = try journal.file.size()
        var entryCount = try entryOffsets.count()
        var checkpointCount = try checkpointRecords.count()
        var resume = UInt64(Journal.magic.count)
        var latest: SignedCheckpoint?

        // Trust the indexes only if their last records point at whole frames of the right kind.
        if entryCount > 0 {
            let offset = try entryOffsets.record(at: entryCount - 1)[0]
            if case .frame(let frame) = try journal.readFrame(at: offset, fileSize: fileSize), frame.kind == .entry {
                resume = max(resume, frame.end)
            } else {
                notes.append("entries.idx pointed past the journal; re-indexed every entry")
                entryCount = 0
                checkpointCount = 0
            }
        }
        if checkpointCount > 0 {
            let record = try checkpointRecords.record(at: checkpointCount - 1)
            if case .frame(let frame) = try journal.readFrame(at: record[1], fileSize: fileSize),
                frame.kind == .checkpoint, record[0] <= entryCount
            {
                resume = max(resume, frame.end)
                latest = try SignedCheckpoint(
                    parsing: String(decoding: frame.payload, as: UTF8.self), verifiers: [verifier])
            } else {
                notes.append("checkpoints.idx pointed past the journal; re-indexed every frame")
                entryCount = 0
                checkpointCount = 0
                latest = nil
            }
        }
        if entryCount == 0 && checkpointCount == 0 { resume = UInt64(Journal.magic.count) }
        try entryOffsets.truncate(to: entryCount)
        try checkpointRecords.truncate(to: checkpointCount)

        var offsets: [[UInt64]] = []
        var leafHashes: [[UInt8]] = []
        var offset = resume
        var indexed = entryCount
        scan: while true {
            switch try journal.readFrame(at: offset, fileSize: fileSize) {
            case .end:
                break scan
            case .frame(let frame):
                switch frame.kind {
                case .entry:
                    offsets.append([frame.offset])
                    leafHashes.append(frame.digest)
                    if offsets.count == rescanChunk {
                        try entryOffsets.write(offsets, at: indexed)
                        indexed += UInt64(offsets.count)
                        offsets.removeAll(keepingCapacity: true)
                    }
                case .checkpoint:
                    let checkpoint = try SignedCheckpoint(
                        parsing: String(decoding: frame.payload, as: UTF8.self), verifiers: [verifier])
                    let entriesSoFar = indexed + UInt64(offsets.count)
                    guard checkpoint.checkpoint.size == entriesSoFar else {
                        throw LedgerError(
                            .tampered,
                            "\(journal.file.path): the checkpoint at byte \(frame.offset) is for \(checkpoint.checkpoint.size) "
                                + "entries, but \(entriesSoFar) precede it")
                    }
                    try checkpointRecords.write([[entriesSoFar, frame.offset]], at: checkpointCount)
                    checkpointCount += 1
                    latest = checkpoint
                }
                offset = frame.end
            case .truncated(let start, _), .corrupt(let start, fileSize, _):
                // Only the last frame can be torn by a crash: it was never acknowledged. Keep its bytes aside.
                let aside = directory.appendingPathComponent("journal.torn-\(start)")
                let torn = try journal.file.read(count: Int(fileSize - start), at: start)
                try StoreFile.writeAtomically(torn, to: aside)
                try journal.file.truncate(to: start)
                try journal.file.sync()
                notes.append(
                    "the journal ended in a torn frame at byte \(start) (\(fileSize - start) bytes, never acknowledged); "
                        + "moved to \(aside.lastPathComponent)")
                fileSize = start
                break scan
            case .corrupt(let start, _, let reason):
                throw LedgerError(
                    .tampered,
                    "\(journal.file.path): the frame at byte \(start) is damaged (\(reason)) and more frames follow it; "
                        + "run `custos evidence audit`")
            }
        }
        if !offsets.isEmpty {
            try entryOffsets.write(offsets, at: indexed)
            indexed += UInt64(offsets.count)
        }
        if indexed > entryCount {
            notes.append("indexed \(indexed - entryCount) entries the journal held beyond entries.idx")
        }
        return Recovered(
            size: indexed, journalEnd: offset, checkpointCount: checkpointCount, latest: latest,
            newLeafHashes: leafHashes)
    }

    /// Opens the hash files for the recovered tree, rebuilding them from the journal when they are short.
    static func openHashes(
        in directory: URL, recovered: Recovered, journal: Journal, entryOffsets: RecordFile, notes: inout [String]
    ) throws(LedgerError) -> HashLevelFiles {
        let alreadyHashed = recovered.size - UInt64(recovered.newLeafHashes.count)
        do {
            let hashes = try HashLevelFiles(directory: directory, size: alreadyHashed)
            try hashes.append(leafHashes: recovered.newLeafHashes)
            return hashes
        } catch  where error.code == .tampered {
            notes.append("\(error.message); rebuilt the hash files from the journal")
            return try rebuildHashes(
                in: directory, size: recovered.size, journal: journal, entryOffsets: entryOffsets)
        }
    }

    /// Recomputes every hash file from the journal's entry frames.
    static func rebuildHashes(
        in directory: URL, size: UInt64, journal: Journal, entryOffsets: RecordFile
    ) throws(LedgerError) -> HashLevelFiles {
        HashLevelFiles.remove(in: directory)
        let hashes = try HashLevelFiles(directory: directory, size: 0)
        let fileSize = try journal.file.size()
        var batch: [[UInt8]] = []
        for index in 0..<size {
            let offset = try entryOffsets.record(at: index)[0]
            guard case .frame(let frame) = try journal.readFrame(at: offset, fileSize: fileSize) else {
                throw LedgerError(.tampered, "\(journal.file.path): entry \(index) at byte \(offset) is damaged")
            }
            batch.append(frame.digest)
            if batch.count == rescanChunk {
                try hashes.append(leafHashes: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try hashes.append(leafHashes: batch)
        return hashes
    }
}
