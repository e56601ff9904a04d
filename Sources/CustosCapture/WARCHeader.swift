import Foundation

/// One named field of a WARC record header or of an `application/warc-fields` block.
public struct WARCField: Hashable, Sendable, Codable {
    /// The field name, as written (names compare case-insensitively).
    public var name: String
    /// The field value, on one line.
    public var value: String

    /// Creates a field.
    ///
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value; line breaks are replaced by spaces when written, because a WARC field is one line.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The kinds of WARC record in WARC/1.1 (ISO 28500:2017, section 6).
public enum WARCRecordType: String, Hashable, Sendable, Codable, CaseIterable {
    /// Describes the records that follow it in the file.
    case warcinfo
    /// A complete scheme-specific response, such as the HTTP response bytes.
    case response
    /// A resource without protocol framing, such as a screenshot.
    case resource
    /// The complete request that was sent.
    case request
    /// Content describing another record.
    case metadata
    /// A revisit of content seen before.
    case revisit
    /// An alternative version of another record's content.
    case conversion
    /// A segment of a record split across files.
    case continuation
}

/// A WARC record identifier: a `urn:uuid:` URI, written in angle brackets.
public struct WARCRecordID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The identifier as it appears in a header, angle brackets included.
    public let rawValue: String

    /// Creates a fresh identifier from a random UUID.
    public init() {
        rawValue = "<urn:uuid:\(UUID().uuidString.lowercased())>"
    }

    /// Wraps an identifier read from a header.
    ///
    /// - Parameter rawValue: The header value, angle brackets included.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The identifier as it appears in a header.
    public var description: String { rawValue }
}

/// The named fields of a WARC record header, in order.
public struct WARCHeader: Hashable, Sendable {
    /// The version line without its line break, such as `WARC/1.1`.
    public var version: String
    /// The fields in the order they appear.
    public var fields: [WARCField]

    /// Creates a header.
    ///
    /// - Parameters:
    ///   - version: The version line, `WARC/1.1` unless reading another version.
    ///   - fields: The fields in order.
    public init(version: String = "WARC/1.1", fields: [WARCField] = []) {
        self.version = version
        self.fields = fields
    }

    /// The value of the first field called `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// The record's `WARC-Type`, when it is one of the standard types.
    public var type: WARCRecordType? { self["WARC-Type"].flatMap(WARCRecordType.init(rawValue:)) }
    /// The record's `WARC-Record-ID`.
    public var recordID: WARCRecordID? { self["WARC-Record-ID"].map(WARCRecordID.init(rawValue:)) }
    /// The record's `WARC-Target-URI`.
    public var targetURI: String? { self["WARC-Target-URI"] }
    /// The record's `Content-Type`.
    public var contentType: String? { self["Content-Type"] }
    /// The record's `Content-Length`, when it is a valid non-negative integer.
    public var contentLength: Int? {
        self["Content-Length"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The header as written in a file: version line, one line per field, then the empty line, all ending in CRLF.
    var serialized: Data {
        var text = version + "\r\n"
        for field in fields {
            let value = field.value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            text += "\(field.name): \(value)\r\n"
        }
        text += "\r\n"
        return Data(text.utf8)
    }
}

/// Formats WARC-Date values: UTC, RFC 3339, with microseconds as WARC/1.1 allows (section 5.4).
enum WARCDate {
    static func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        var micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded())
        var whole = Date(timeIntervalSince1970: seconds)
        if micros >= 1_000_000 {
            micros -= 1_000_000
            whole = whole.addingTimeInterval(1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(micros, 6))Z"
    }
}
