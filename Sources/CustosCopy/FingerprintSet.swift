import Foundation

/// The portable fingerprints of a registered work or a trade secret: every winnowing fingerprint with the file and
/// line range its k-gram covers, and nothing from which the text could be rebuilt (no tokens, no identifiers, no
/// literals: only 64-bit hashes of 20-token k-grams of abstracted code, keyed with the owner's salt when salted).
///
/// This is what the registry stores for a copyrighted work and what `custos copy fingerprint` writes for a trade
/// secret (`FingerprintFile`).
public struct FingerprintSet: Hashable, Sendable {
    /// One fingerprinted file.
    public struct File: Hashable, Sendable, Codable {
        /// The file's path, or `#1`, `#2`, … when the owner chose not to disclose names.
        public var name: String
        /// The language it was tokenized as.
        public var language: SourceLanguage
        /// Its number of lines.
        public var lineCount: Int
        /// Its number of tokens.
        public var tokenCount: Int

        /// Creates a file entry.
        public init(name: String, language: SourceLanguage, lineCount: Int, tokenCount: Int) {
            self.name = name
            self.language = language
            self.lineCount = lineCount
            self.tokenCount = tokenCount
        }
    }

    /// One fingerprint and where its k-gram lies.
    public struct Entry: Hashable, Sendable {
        /// The (possibly salted) k-gram hash.
        public var hash: UInt64
        /// Index into `files`.
        public var file: Int32
        /// First line of the k-gram.
        public var firstLine: Int32
        /// Last line of the k-gram.
        public var lastLine: Int32

        /// Creates an entry.
        public init(hash: UInt64, file: Int32, firstLine: Int32, lastLine: Int32) {
            self.hash = hash
            self.file = file
            self.firstLine = firstLine
            self.lastLine = lastLine
        }
    }

    /// The winnowing parameters the fingerprints were selected with; a suspect file is fingerprinted with the same.
    public var parameters: WinnowingParameters
    /// The owner's salt when the hashes are keyed (trade secrets), `nil` for plain fingerprints (registered works).
    public var salt: FingerprintSalt?
    /// The files.
    public var files: [File]
    /// The fingerprints, in document order.
    public var entries: [Entry]

    /// Creates a set from its parts.
    public init(parameters: WinnowingParameters, salt: FingerprintSalt?, files: [File], entries: [Entry]) {
        self.parameters = parameters
        self.salt = salt
        self.files = files
        self.entries = entries
    }

    /// Fingerprints a loaded submission.
    ///
    /// - Parameters:
    ///   - document: the submission.
    ///   - salt: the owner's key for trade secrets; `nil` keeps plain hashes.
    ///   - disclosesFileNames: whether file paths are kept (otherwise files are named `#1`, `#2`, … in order).
    /// - Complexity: O(f) for f fingerprints, plus one HMAC per fingerprint when salted.
    public init(document: CopyDocument, salt: FingerprintSalt? = nil, disclosesFileNames: Bool = true) {
        let k = document.parameters.k
        var hashes = document.fingerprints.map(\.hash)
        if let salt { hashes = salt.apply(to: hashes) }
        var entries: [Entry] = []
        entries.reserveCapacity(hashes.count)
        for (fingerprint, hash) in zip(document.fingerprints, hashes) {
            let start = Int(fingerprint.position)
            let location = document.location(of: start..<(start + k))
            entries.append(
                Entry(
                    hash: hash, file: Int32(location.file), firstLine: Int32(location.lines.lowerBound),
                    lastLine: Int32(location.lines.upperBound)))
        }
        let files = document.files.enumerated().map { index, file in
            File(
                name: disclosesFileNames ? file.path : "#\(index + 1)", language: file.language,
                lineCount: file.lineCount, tokenCount: file.tokens.count)
        }
        self.init(parameters: document.parameters, salt: salt, files: files, entries: entries)
    }

    /// The distinct fingerprint hashes.
    public var hashes: Set<UInt64> { Set(entries.map(\.hash)) }

    /// The hashes a suspect document must be compared with this set by: its fingerprints keyed with this set's
    /// salt, in the document's order. The document must have been fingerprinted with `parameters`.
    public func comparableHashes(of document: CopyDocument) -> [UInt64] {
        let hashes = document.fingerprints.map(\.hash)
        return salt.map { $0.apply(to: hashes) } ?? hashes
    }
}
