import CustosCopy
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
    /// Images hashed so far (they are hashed after every record is read).
    public var imagesHashed: Int
    /// Images to hash, known once every record is read; 0 while reading.
    public var imagesToHash: Int

    /// Creates a progress report.
    ///
    /// - Parameters:
    ///   - bytesRead: Bytes of the file read so far.
    ///   - totalBytes: The file's size, when known.
    ///   - records: Records read so far.
    ///   - imagesHashed: Images hashed so far.
    ///   - imagesToHash: Images to hash in all.
    public init(bytesRead: Int64, totalBytes: Int64?, records: Int, imagesHashed: Int = 0, imagesToHash: Int = 0) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.records = records
        self.imagesHashed = imagesHashed
        self.imagesToHash = imagesToHash
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
    /// Images fingerprinted and stored (only with `RightsImporter.images`).
    public var imagesRegistered: Int
    /// Works and trade-secret fingerprint files registered for copy detection (only with `RightsImporter.works`).
    public var worksFingerprinted: Int
    /// Problems with imported records that did not stop them being imported (an image that could not be hashed,
    /// or is too flat to match reliably), at most the problem limit, in file order.
    public var warnings: [ImportProblem]
    /// Warnings found beyond those listed in `warnings`.
    public var unreportedWarningCount: Int

    /// Creates a summary.
    public init(
        read: Int = 0, inserted: Int = 0, updated: Int = 0, rejected: Int = 0, problems: [ImportProblem] = [],
        unreportedProblemCount: Int = 0, imagesRegistered: Int = 0, warnings: [ImportProblem] = [],
        unreportedWarningCount: Int = 0, worksFingerprinted: Int = 0
    ) {
        self.read = read
        self.inserted = inserted
        self.updated = updated
        self.rejected = rejected
        self.problems = problems
        self.unreportedProblemCount = unreportedProblemCount
        self.imagesRegistered = imagesRegistered
        self.worksFingerprinted = worksFingerprinted
        self.warnings = warnings
        self.unreportedWarningCount = unreportedWarningCount
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
///
/// With ``images`` set, the images the records name are fingerprinted and stored after the rights are committed:
/// hashing is slow, and doing it inside the import transaction would hold the store's write lock for as long, and
/// an atomic import that fails would have hashed for nothing. A record naming images replaces its right's stored
/// images with the ones that could be hashed; when none could be, the stored ones are kept, so a moved folder or
/// a remote URL never erases an image uploaded earlier. An image problem is a warning (`RightsImportSummary.warnings`)
/// and never keeps its right out.
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
    /// How the images records name are registered, or `nil` to import the rights only (their `image` fields are
    /// kept as text).
    public var images: RightImageRegistration?
    /// How the works (`work`) and trade-secret fingerprint files (`fingerprint_file`) records name are registered
    /// for copy detection, or `nil` to import the rights only. Registered after the rights commit, like images.
    public var works: RightWorkRegistration?

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - repository: Where rights are written.
    ///   - organisation: The organisation the rights belong to.
    ///   - options: How the import behaves.
    ///   - images: How images are registered, or `nil` to leave them unhashed.
    ///   - works: How works and fingerprint files are registered, or `nil` to leave them unread.
    public init(
        repository: any RightRepository, organisation: Organisation.ID = Organisation.defaultID,
        options: Options = Options(), images: RightImageRegistration? = nil, works: RightWorkRegistration? = nil
    ) {
        self.repository = repository
        self.organisation = organisation
        self.options = options
        self.images = images
        self.works = works
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
        let collectsImages = images != nil
        let collectsWorks = works != nil
        let organisation = organisation
        let written = try await repository.withImportTransaction { writer in
            var summary = RightsImportSummary()
            var pending: [PendingRightImages] = []
            var pendingWorks: [PendingRightWork] = []
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
                        if collectsImages, let field = right.details.image {
                            let sources = RightImageRegistration.sources(in: field)
                            if !sources.isEmpty {
                                pending.append(
                                    PendingRightImages(
                                        organisation: organisation, right: right.id, line: record.line,
                                        sources: sources))
                            }
                        }
                        if collectsWorks, let work = Self.pendingWork(record, right: right) {
                            pendingWorks.append(work)
                        }
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
            if pending.isEmpty {
                progress?(ImportProgress(bytesRead: bytesRead, totalBytes: totalBytes, records: summary.read))
            }
            return (summary, pending, pendingWorks)
        }
        var summary = written.0
        let pending = written.1
        var warnings: [ImportProblem] = []
        var unreportedWarnings = 0
        if let images, !pending.isEmpty {
            let folder = images.baseDirectory ?? url.deletingLastPathComponent()
            let records = summary.read
            try await register(
                pending, with: images, folder: folder, file: reader.displayName, into: &summary,
                progress: { hashed, total in
                    progress?(
                        ImportProgress(
                            bytesRead: totalBytes ?? 0, totalBytes: totalBytes, records: records,
                            imagesHashed: hashed, imagesToHash: total))
                })
            warnings += summary.warnings
            unreportedWarnings = summary.unreportedWarningCount
        }
        if let works, !written.2.isEmpty {
            let folder = works.baseDirectory ?? url.deletingLastPathComponent()
            let (count, problems) = try await register(written.2, with: works, folder: folder, file: reader.displayName)
            summary.worksFingerprinted = count
            warnings += problems
        }
        // Registration finishes out of order; report in file order, like the record problems.
        warnings.sort { $0.line < $1.line }
        summary.warnings = Array(warnings.prefix(options.problemLimit))
        summary.unreportedWarningCount = unreportedWarnings + warnings.count - summary.warnings.count
        return summary
    }

    /// The work or fingerprint file a valid record names, waiting to be registered.
    private static func pendingWork(_ record: RightRecord, right: Right) -> PendingRightWork? {
        switch right.kind {
        case .copyright:
            guard let work = record.work else { return nil }
            return PendingRightWork(
                organisation: right.organisation, right: right.id, line: record.line, kind: .work, source: work,
                language: right.details.workType == "text" ? .text : nil)
        case .tradeSecret:
            guard let file = record.fingerprintFile else { return nil }
            return PendingRightWork(
                organisation: right.organisation, right: right.id, line: record.line, kind: .secret, source: file,
                language: nil)
        default:
            return nil
        }
    }

    /// Fingerprints the pending works, several at a time, and stores each as it is done.
    private func register(
        _ pending: [PendingRightWork], with registration: RightWorkRegistration, folder: URL, file: String
    ) async throws -> (registered: Int, warnings: [ImportProblem]) {
        var registered = 0
        var warnings: [ImportProblem] = []
        try await withThrowingTaskGroup(of: (RightFingerprints?, [ImportProblem]).self) { group in
            var next = 0
            func startNext() {
                guard next < pending.count else { return }
                let item = pending[next]
                next += 1
                group.addTask {
                    try Task.checkCancellation()
                    return registration.register(item, folder: folder, file: file)
                }
            }
            for _ in 0..<registration.concurrency { startNext() }
            while let (fingerprints, problems) = try await group.next() {
                warnings += problems
                if let fingerprints {
                    try await registration.repository.replaceFingerprints(fingerprints)
                    registered += 1
                }
                startNext()
            }
        }
        return (registered, warnings)
    }

    /// Hashes the pending images, several at a time, and stores them in batches.
    private func register(
        _ pending: [PendingRightImages], with registration: RightImageRegistration, folder: URL, file: String,
        into summary: inout RightsImportSummary, progress: (_ hashed: Int, _ total: Int) -> Void
    ) async throws {
        let total = pending.reduce(0) { $0 + $1.sources.count }
        let clock = ContinuousClock()
        var lastReport = clock.now
        var hashed = 0
        var warnings: [ImportProblem] = []
        var unwritten: [RightImage] = []
        progress(0, total)
        try await withThrowingTaskGroup(of: (Int, [RightImage], [ImportProblem]).self) { group in
            var next = 0
            func startNext() {
                guard next < pending.count else { return }
                let item = pending[next]
                next += 1
                group.addTask {
                    try Task.checkCancellation()
                    let (images, problems) = registration.register(item, folder: folder, file: file)
                    return (item.sources.count, images, problems)
                }
            }
            for _ in 0..<registration.concurrency { startNext() }
            while let (count, images, problems) = try await group.next() {
                hashed += count
                warnings += problems
                unwritten += images
                summary.imagesRegistered += images.count
                if unwritten.count >= registration.batchSize {
                    try await registration.repository.replaceImages(unwritten)
                    unwritten.removeAll(keepingCapacity: true)
                }
                let now = clock.now
                if now - lastReport >= options.progressInterval {
                    lastReport = now
                    progress(hashed, total)
                }
                startNext()
            }
        }
        try await registration.repository.replaceImages(unwritten)
        progress(hashed, total)
        // Hashing finishes out of order; report in file order, like the record problems.
        warnings.sort { $0.line < $1.line }
        summary.warnings = Array(warnings.prefix(options.problemLimit))
        summary.unreportedWarningCount = warnings.count - summary.warnings.count
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
