import CustosCore
import CustosStore
import Foundation

/// How far an import has come, for a progress bar.
public struct ImportProgress: Hashable, Sendable {
    /// Bytes of the file read so far.
    public var bytesRead: Int64
    /// The file's size, when known.
    public var totalBytes: Int64?
    /// Records read so far, valid or not.
    public var records: Int

    /// Creates a progress report.
    public init(bytesRead: Int64, totalBytes: Int64?, records: Int) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.records = records
    }
}

/// What an import did.
public struct RightsImportSummary: Hashable, Sendable, Codable {
    /// Records read, valid or not.
    public var read: Int
    /// Rights that were new.
    public var inserted: Int
    /// Rights whose id existed and were replaced.
    public var updated: Int
    /// Records not imported because they are invalid (only with `skipInvalid`).
    public var rejected: Int
    /// The problems of the rejected records, at most the problem limit, in file order.
    public var problems: [ImportProblem]
    /// Problems found beyond those listed in `problems`.
    public var unreportedProblemCount: Int

    /// Creates a summary.
    public init(
        read: Int = 0, inserted: Int = 0, updated: Int = 0, rejected: Int = 0, problems: [ImportProblem] = [],
        unreportedProblemCount: Int = 0
    ) {
        self.read = read
        self.inserted = inserted
        self.updated = updated
        self.rejected = rejected
        self.problems = problems
        self.unreportedProblemCount = unreportedProblemCount
    }
}

/// A record left out of a `skipInvalid` import, for the rejects file.
public struct RejectedRecord: Hashable, Sendable {
    /// The 1-based line where the record starts.
    public var line: Int
    /// The record's source text (see `RightRecord.raw`).
    public var raw: String
    /// Why it was rejected.
    public var problems: [ImportProblem]

    /// Creates a rejected record.
    public init(line: Int, raw: String, problems: [ImportProblem]) {
        self.line = line
        self.raw = raw
        self.problems = problems
    }

    /// The record's lines for a rejects file: one JSON object per problem, with keys `file`, `line`, `field`,
    /// `message` and `record` (the raw record), keys sorted.
    ///
    /// - Returns: One compact JSON text per problem, without line terminators.
    public func jsonLines() -> [String] {
        struct Line: Encodable {
            var file: String
            var line: Int
            var field: String
            var message: String
            var record: String
        }
        let encoder = JSONEncoder.sorted
        return problems.compactMap { problem in
            let line = Line(
                file: problem.file, line: problem.line, field: problem.field, message: problem.message, record: raw)
            return (try? encoder.encode(line)).map { String(decoding: $0, as: UTF8.self) }
        }
    }
}

/// Imports a rights file into a `RightRepository`.
///
/// The file streams through one import transaction in batches (`withImportTransaction`), so nothing is held in
/// memory beyond a batch and the ids seen. By default the import is atomic: when any record is invalid the whole
/// file is checked, every problem is collected, and the transaction is rolled back by throwing
/// `ImportError` (`.invalidRecords`), so nothing is written. With `Options.skipInvalid` the valid records are
/// written and each invalid one is handed to `rejects` and counted in the summary.
///
/// Re-importing a file updates the rights it names (same organisation and id) and never duplicates them.
public struct RightsImporter: Sendable {
    /// How an import behaves.
    public struct Options: Hashable, Sendable {
        /// Write the valid records and reject the rest, instead of importing nothing when any is invalid.
        public var skipInvalid: Bool
        /// Rights written per batch.
        public var batchSize: Int
        /// Problems listed in the summary or error; more are only counted.
        public var problemLimit: Int
        /// The least time between two progress reports.
        public var progressInterval: Duration

        /// Creates options.
        ///
        /// - Parameters:
        ///   - skipInvalid: Write the valid records and reject the rest.
        ///   - batchSize: Rights written per batch.
        ///   - problemLimit: Problems listed; more are counted.
        ///   - progressInterval: The least time between progress reports (10 a second by default).
        public init(
            skipInvalid: Bool = false, batchSize: Int = 1000, problemLimit: Int = 1000,
            progressInterval: Duration = .milliseconds(100)
        ) {
            precondition(batchSize > 0, "batchSize must be positive")
            self.skipInvalid = skipInvalid
            self.batchSize = batchSize
            self.problemLimit = problemLimit
            self.progressInterval = progressInterval
        }
    }

    /// Where rights are written.
    public let repository: any RightRepository
    /// The organisation every imported right belongs to (it must already be stored).
    public let organisation: Organisation.ID
    /// How the import behaves.
    public var options: Options

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - repository: Where rights are written.
    ///   - organisation: The organisation the rights belong to.
    ///   - options: How the import behaves.
    public init(
        repository: any RightRepository, organisation: Organisation.ID = Organisation.defaultID,
        options: Options = Options()
    ) {
        self.repository = repository
        self.organisation = organisation
        self.options = options
    }

    /// Imports the rights in `url`.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - format: Its format, or `nil` to infer it from the extension.
    ///   - displayName: How problems name the file; by default the path as given.
    ///   - rejects: Called with each invalid record, in file order, when `skipInvalid` is set (e.g. to write
    ///     `RejectedRecord.jsonLines()` to a rejects file). Throwing from it aborts the import.
    ///   - progress: Called at most once per `progressInterval`, and once at the end.
    /// - Returns: What was read and written.
    /// - Throws: `ImportError` — `.invalidRecords` (atomic mode, nothing written), `.malformedFile`,
    ///   `.cannotRead`, `.unknownFormat`; `StoreError` when the store fails (nothing written).
    public func importRights(
        from url: URL, format: RightsFormat? = nil, displayName: String? = nil,
        rejects: (@Sendable (RejectedRecord) throws -> Void)? = nil,
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> RightsImportSummary {
        let reader = try RightRecordReader(
            url: url, format: format, organisation: organisation, displayName: displayName)
        let totalBytes = reader.totalBytes
        let options = options
        return try await repository.withImportTransaction { writer in
            var summary = RightsImportSummary()
            var batch: [Right] = []
            batch.reserveCapacity(options.batchSize)
            var invalidRecords = 0
            var bytesRead: Int64 = 0
            let clock = ContinuousClock()
            var lastReport = clock.now

            func flush() throws {
                guard !batch.isEmpty else { return }
                let written = try writer.write(batch)
                summary.inserted += written.inserted
                summary.updated += written.updated
                batch.removeAll(keepingCapacity: true)
            }

            try reader.forEachRecord { record in
                summary.read += 1
                bytesRead = record.bytesRead
                if let right = record.right {
                    // Once an atomic import has failed, writing more only costs time before the rollback.
                    if options.skipInvalid || invalidRecords == 0 {
                        batch.append(right)
                        if batch.count >= options.batchSize { try flush() }
                    }
                } else {
                    invalidRecords += 1
                    for problem in record.problems {
                        if summary.problems.count < options.problemLimit {
                            summary.problems.append(problem)
                        } else {
                            summary.unreportedProblemCount += 1
                        }
                    }
                    if options.skipInvalid {
                        summary.rejected += 1
                        try rejects?(RejectedRecord(line: record.line, raw: record.raw, problems: record.problems))
                    }
                }
                if let progress {
                    let now = clock.now
                    if now - lastReport >= options.progressInterval {
                        lastReport = now
                        progress(ImportProgress(bytesRead: bytesRead, totalBytes: totalBytes, records: summary.read))
                    }
                }
            }
            if !options.skipInvalid && invalidRecords > 0 {
                throw ImportError(
                    .invalidRecords,
                    "\(reader.displayName): \(invalidRecords) of \(summary.read) record\(summary.read == 1 ? "" : "s") "
                        + "invalid; nothing was imported (fix them, or import with --skip-invalid)",
                    problems: summary.problems, unreportedProblemCount: summary.unreportedProblemCount)
            }
            try flush()
            progress?(ImportProgress(bytesRead: bytesRead, totalBytes: totalBytes, records: summary.read))
            return summary
        }
    }
}

/// Writes the rejects of a `skipInvalid` import as JSON Lines (see `RejectedRecord.jsonLines()`).
public final class RejectsFileWriter: Sendable {
    private let handle: FileHandle

    /// Creates (or truncates) the rejects file at `url`.
    ///
    /// - Parameter url: The rejects file.
    /// - Throws: `ImportError` with `.cannotRead` when the file cannot be created.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw ImportError(.cannotRead, "\(url.relativePath): cannot create the rejects file")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Appends the record's lines.
    ///
    /// - Parameter record: A rejected record.
    /// - Throws: When the file cannot be written.
    public func write(_ record: RejectedRecord) throws {
        let text = record.jsonLines().map { $0 + "\n" }.joined()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
