import CustosCopy
import CustosCore
import CustosStore
import Foundation

/// How a rights import registers copy-detection fingerprints: the content of copyrighted works (a record's `work`
/// field: a text or source file, or a folder of them) is fingerprinted with CustosCopy's `SubmissionLoader`
/// (plain hashes, file names kept), and a trade secret's `.fp` file (its `fingerprint_file` field, written by
/// `custos copy fingerprint`) is stored as given, salted, without the secret ever reaching the platform.
///
/// Paths resolve and are confined exactly like ``RightImageRegistration``'s: against ``baseDirectory`` (the import
/// file's folder unless set), absolute paths and `..` followed unless ``isConfinedToBaseDirectory`` is set; `http`
/// and `https` URLs are never fetched.
///
/// A work that is missing, binary, wrongly encoded, over the limits or empty, and a fingerprint file that is
/// missing or corrupt, is a warning on its record (problems with single files of a folder are warnings too, the
/// rest of the folder is still registered); the right is imported all the same.
public struct RightWorkRegistration: Sendable {
    /// Where the fingerprints are stored.
    public var repository: any RightFingerprintRepository
    /// Size limits on a work's files.
    public var limits: SourceFileLimits
    /// The folder relative paths resolve against; `nil` for the import file's folder.
    public var baseDirectory: URL?
    /// Refuse absolute paths and paths that leave ``baseDirectory`` (after following symbolic links).
    public var isConfinedToBaseDirectory: Bool
    /// Works fingerprinted at the same time; by default one per processor.
    public var concurrency: Int

    /// Creates the settings.
    ///
    /// - Parameters:
    ///   - repository: where the fingerprints are stored.
    ///   - limits: size limits on a work's files.
    ///   - baseDirectory: the folder relative paths resolve against; `nil` for the import file's folder.
    ///   - isConfinedToBaseDirectory: refuse paths outside the folder.
    ///   - concurrency: works fingerprinted at the same time.
    public init(
        repository: any RightFingerprintRepository, limits: SourceFileLimits = .defaults, baseDirectory: URL? = nil,
        isConfinedToBaseDirectory: Bool = false, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.repository = repository
        self.limits = limits
        self.baseDirectory = baseDirectory
        self.isConfinedToBaseDirectory = isConfinedToBaseDirectory
        self.concurrency = max(1, concurrency)
    }

    /// Fingerprints one right's work, or reads its fingerprint file.
    ///
    /// - Parameters:
    ///   - pending: the right and the path its record named.
    ///   - folder: the folder relative paths resolve against.
    ///   - file: the import file as problems name it.
    /// - Returns: the registration, or `nil` when nothing could be registered, and the warnings.
    func register(_ pending: PendingRightWork, folder: URL, file: String) -> (RightFingerprints?, [ImportProblem]) {
        let field = pending.kind == .secret ? "fingerprint_file" : "work"
        var warnings: [ImportProblem] = []
        func warn(_ message: String) {
            warnings.append(ImportProblem(file: file, line: pending.line, field: field, message: message))
        }
        let path: String
        switch resolve(pending.source, folder: folder) {
        case .failure(let reason):
            warn(reason.message)
            return (nil, warnings)
        case .success(let resolved): path = resolved
        }
        let set: FingerprintSet
        switch pending.kind {
        case .secret:
            do {
                set = try FingerprintFile.read(from: URL(fileURLWithPath: path))
            } catch {
                warn("fingerprint file not registered: " + relative(error.message, path: path, source: pending.source))
                return (nil, warnings)
            }
        case .work:
            let loaded = SubmissionLoader().load(path: path, language: pending.language, limits: limits)
            for problem in loaded.problems {
                warn(relative(problem.error.message, path: path, source: pending.source))
            }
            guard let document = loaded.document else {
                // The loader has said why (missing, binary, empty); a second sentence would only repeat it.
                if warnings.isEmpty { warn("work not fingerprinted: \(pending.source) has nothing to fingerprint") }
                return (nil, warnings)
            }
            var fingerprinted = FingerprintSet(document: document)
            // A single file is named by the loader with the path it was read from, which is this machine's; the
            // record's own name for it is what a match should show.
            if document.files.count == 1, document.files[0].path == path {
                fingerprinted.files[0].name = URL(fileURLWithPath: pending.source).lastPathComponent
            }
            set = fingerprinted
            guard !set.entries.isEmpty else {
                warn("work not fingerprinted: \(pending.source) is too short to fingerprint")
                return (nil, warnings)
            }
        }
        let registered = RightFingerprints(
            set, organisation: pending.organisation, right: pending.right, kind: pending.kind, source: pending.source,
            recordedAt: Date())
        return (registered, warnings)
    }

    /// The local path `source` names, or why it is not read.
    func resolve(_ source: String, folder: URL) -> Result<String, CopyError> {
        RecordFilePath(isConfinedToBaseDirectory: isConfinedToBaseDirectory).resolve(source, folder: folder)
            .mapError { CopyError(.unreadable, "not fingerprinted: \($0.reason)") }
    }

    /// The engine names files by their resolved path; the record named them relative to the rights file.
    private func relative(_ message: String, path: String, source: String) -> String {
        message.replacingOccurrences(of: path, with: source)
    }
}

/// A written right whose record named a work or a fingerprint file, waiting to be registered after the rights are
/// committed.
struct PendingRightWork: Sendable {
    var organisation: Organisation.ID
    var right: Right.ID
    var line: Int
    var kind: RightFingerprints.Kind
    var source: String
    /// The language every file is read as (`text` for a text work), or `nil` to go by each file's extension.
    var language: SourceLanguage?
}

extension RightFingerprints {
    /// The stored form of a fingerprint set.
    ///
    /// - Parameters:
    ///   - set: the fingerprints.
    ///   - organisation: the organisation holding the right.
    ///   - right: the right.
    ///   - kind: a work or a trade secret.
    ///   - source: where the fingerprints came from.
    ///   - recordedAt: when they were registered.
    public init(
        _ set: FingerprintSet, organisation: Organisation.ID, right: Right.ID, kind: Kind, source: String,
        recordedAt: Date
    ) {
        self.init(
            organisation: organisation, right: right, kind: kind, k: set.parameters.k, window: set.parameters.window,
            saltHex: set.salt?.hex,
            files: set.files.map {
                File(name: $0.name, language: $0.language.rawValue, lineCount: $0.lineCount, tokenCount: $0.tokenCount)
            },
            fingerprintCount: set.entries.count, entries: FingerprintFile.pack(set.entries), source: source,
            recordedAt: recordedAt)
    }
}
