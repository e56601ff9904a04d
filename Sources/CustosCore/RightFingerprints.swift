import Foundation

/// The copy-detection fingerprints registered for a right, as the store keeps them: the winnowing fingerprints of
/// a copyrighted work (text or source code) or of a trade secret, with the files they came from.
///
/// CustosCore does not depend on the copy-detection engine, so the fingerprints themselves travel as one opaque
/// blob (``entries``, the engine's packed form: hash, file, first and last line per fingerprint); CustosCopy's
/// `FingerprintSet` reads and writes it. The summary fields beside it let pages and the API describe the
/// registration without unpacking it. Not `Codable` on purpose: the salt must never leave the store by accident.
public struct RightFingerprints: Sendable, Hashable {
    /// What was fingerprinted.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A copyrighted work (text or source code), fingerprinted from its content at registration: plain
        /// hashes, file names kept.
        case work
        /// A trade secret, registered only as the owner's fingerprint file (`custos copy fingerprint`): salted
        /// hashes, from which the secret cannot be rebuilt.
        case secret
    }

    /// One fingerprinted file, as disclosed by whoever fingerprinted it.
    public struct File: Sendable, Hashable, Codable {
        /// The file's path, or `#1`, `#2`, … when the owner did not disclose names.
        public var name: String
        /// The language it was tokenized as (`java`, `python`, `text`, …).
        public var language: String
        /// Its number of lines.
        public var lineCount: Int
        /// Its number of tokens.
        public var tokenCount: Int

        /// Creates a file summary.
        ///
        /// - Parameters:
        ///   - name: the file's path or its number.
        ///   - language: the language it was tokenized as.
        ///   - lineCount: its lines.
        ///   - tokenCount: its tokens.
        public init(name: String, language: String, lineCount: Int, tokenCount: Int) {
            self.name = name
            self.language = language
            self.lineCount = lineCount
            self.tokenCount = tokenCount
        }

        enum CodingKeys: String, CodingKey {
            case name, language
            case lineCount = "line_count"
            case tokenCount = "token_count"
        }
    }

    /// The organisation holding the right.
    public var organisation: Organisation.ID
    /// The right.
    public var right: Right.ID
    /// Whether this is a work's content or a trade secret's fingerprint file.
    public var kind: Kind
    /// The k-gram length the fingerprints were selected with.
    public var k: Int
    /// The winnowing window the fingerprints were selected with.
    public var window: Int
    /// The owner's salt as hexadecimal digits when the hashes are keyed (trade secrets), `nil` for plain hashes.
    /// Needed to key a suspect's hashes the same way; never shown to anyone.
    public var saltHex: String?
    /// The fingerprinted files, in order (a fingerprint's file number indexes this list).
    public var files: [File]
    /// How many fingerprints ``entries`` holds.
    public var fingerprintCount: Int
    /// The fingerprints in CustosCopy's packed form.
    public var entries: Data
    /// Where the fingerprints came from: the path a record named, or the upload's name.
    public var source: String
    /// When they were registered.
    public var recordedAt: Date

    /// Creates a registration.
    ///
    /// - Parameters:
    ///   - organisation: the organisation holding the right.
    ///   - right: the right.
    ///   - kind: a work or a trade secret.
    ///   - k: the k-gram length.
    ///   - window: the winnowing window.
    ///   - saltHex: the owner's salt in hexadecimal, or `nil` for plain hashes.
    ///   - files: the fingerprinted files.
    ///   - fingerprintCount: how many fingerprints `entries` holds.
    ///   - entries: the packed fingerprints.
    ///   - source: where they came from.
    ///   - recordedAt: when they were registered.
    public init(
        organisation: Organisation.ID, right: Right.ID, kind: Kind, k: Int, window: Int, saltHex: String?,
        files: [File], fingerprintCount: Int, entries: Data, source: String, recordedAt: Date
    ) {
        self.organisation = organisation
        self.right = right
        self.kind = kind
        self.k = k
        self.window = window
        self.saltHex = saltHex
        self.files = files
        self.fingerprintCount = fingerprintCount
        self.entries = entries
        self.source = source
        self.recordedAt = recordedAt
    }

    /// Whether the hashes are keyed with an owner's salt.
    public var isSalted: Bool { saltHex != nil }
}
