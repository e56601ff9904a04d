import Foundation

/// The statement the log commits to for one deposit: what the file is (hash, size, type, name), who deposited
/// it, when Custos received it, how it was captured and what it concerns.
///
/// Its canonical bytes (`canonicalBytes`) are JSON with keys sorted and no insignificant whitespace; those exact
/// bytes are the Merkle leaf (leaf hash = SHA-256(0x00 ‖ bytes)) and travel verbatim in receipts and bundles, so a
/// verifier hashes what it was given and never re-serializes. docs/evidence.md lists every field.
public struct EvidenceEntry: Codable, Sendable, Hashable {
    /// The format tag, fixed for this version of the statement.
    public static let currentFormat = "custos-evidence-entry/v1"

    /// Who deposited the evidence.
    public struct Depositor: Codable, Sendable, Hashable {
        /// The depositing organisation (tenant).
        public var organisation: String
        /// The person or service account within it.
        public var user: String

        /// Creates a depositor.
        public init(organisation: String, user: String) {
            self.organisation = organisation
            self.user = user
        }
    }

    /// What the evidence concerns, by the registry's identifiers.
    public struct Links: Codable, Sendable, Hashable {
        /// A right in the registry.
        public var right: String?
        /// An infringement clue.
        public var clue: String?
        /// An enforcement case.
        public var `case`: String?

        /// Creates links.
        public init(right: String? = nil, clue: String? = nil, case: String? = nil) {
            self.right = right
            self.clue = clue
            self.case = `case`
        }

        /// Whether no link is set.
        public var isEmpty: Bool { right == nil && clue == nil && `case` == nil }
    }

    /// The statement's format tag.
    public var format: String
    /// SHA-256 of the file, lowercase hex.
    public var sha256: String
    /// The file's size in bytes.
    public var size: UInt64
    /// The file's media type (RFC 6838), e.g. `image/png` or `application/warc`.
    public var mediaType: String
    /// The file's name as deposited (no directories).
    public var fileName: String
    /// Who deposited it.
    public var depositor: Depositor
    /// When Custos received it: RFC 3339, UTC, milliseconds.
    public var receivedAt: String
    /// 128 random bits, hex, so that an entry's hash reveals nothing to someone guessing its contents.
    public var nonce: String
    /// How the evidence was captured (a web capture's summary), when it was.
    public var capture: JSONValue?
    /// What it concerns.
    public var links: Links?
    /// A free-text description from the depositor.
    public var description: String?

    enum CodingKeys: String, CodingKey {
        case format, sha256, size, depositor, nonce, capture, links, description
        case mediaType = "media_type"
        case fileName = "file_name"
        case receivedAt = "received_at"
    }

    /// Creates an entry stamped with the current time and a fresh nonce.
    public init(
        sha256: String, size: UInt64, mediaType: String, fileName: String, depositor: Depositor,
        receivedAt: Date = Date(), capture: JSONValue? = nil, links: Links? = nil, description: String? = nil
    ) {
        self.format = Self.currentFormat
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.fileName = fileName
        self.depositor = depositor
        self.receivedAt = Self.timestamp(receivedAt)
        var generator = SystemRandomNumberGenerator()
        self.nonce = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        self.capture = capture
        self.links = links.flatMap { $0.isEmpty ? nil : $0 }
        self.description = description
    }

    /// The canonical bytes: sorted keys, no whitespace, slashes unescaped.
    public var canonicalBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and nested values of this type cannot fail.
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// Parses an entry from its canonical bytes, checking the fields a verifier relies on.
    public init(canonicalBytes bytes: [UInt8]) throws(LedgerError) {
        let entry: EvidenceEntry
        do {
            entry = try JSONDecoder().decode(EvidenceEntry.self, from: Data(bytes))
        } catch {
            throw LedgerError(.malformed, "the entry is not a valid evidence statement: \(Self.describe(error))")
        }
        guard entry.format == Self.currentFormat else {
            throw LedgerError(.malformed, "unknown entry format \"\(entry.format)\"")
        }
        guard entry.sha256.count == 64, Hex.decode(entry.sha256) != nil, entry.sha256 == entry.sha256.lowercased()
        else {
            throw LedgerError(.malformed, "the entry's sha256 \"\(entry.sha256)\" is not 64 lowercase hex digits")
        }
        self = entry
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-22T09:30:00.123Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "field \"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }
}
