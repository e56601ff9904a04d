import CustosCore
import Foundation

/// A JSON value written in one canonical form, so that equal values give byte-identical text for the ledger.
///
/// The form is RFC 8785 (JSON Canonicalization Scheme) for the values Custos writes: object members sorted by the
/// UTF-16 code units of their names, no whitespace, strings escaped minimally (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
/// `\t`, other control characters as `\u00xx` in lower-case hex, everything else literal UTF-8). Only integers are
/// written, so RFC 8785's number rules reduce to decimal integers. Strings are not Unicode-normalised (neither does
/// RFC 8785 normalise).
enum CanonicalJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// `.string(text)`, or `.null` when `text` is `nil`.
    static func optional(_ text: String?) -> CanonicalJSON {
        text.map(CanonicalJSON.string) ?? .null
    }

    /// The canonical text.
    var text: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, name) in names.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(name, to: &output)
                output += ":"
                members[name, default: .null].write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

/// Dates in canonical encodings: ISO 8601 in UTC with milliseconds, `YYYY-MM-DDTHH:MM:SS.sssZ`, always 24 characters
/// (``MillisecondTimestamp``: rounded to the millisecond, clamped to the years 0000–9999). The store keeps instants
/// in the same form, so an event's dates read back unchanged.
enum CanonicalDate {
    /// The canonical text of `date`.
    static func string(from date: Date) -> String { MillisecondTimestamp.string(from: date) }

    /// The date `text` names, or `nil` unless it has exactly the canonical form.
    static func date(from text: String) -> Date? { MillisecondTimestamp.date(from: text) }
}
