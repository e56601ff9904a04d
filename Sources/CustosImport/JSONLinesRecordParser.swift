import Foundation

/// Splits JSON Lines into records, streaming: one JSON object per line, blank lines skipped.
///
/// Values are lowered to text for the shared validator: strings as they are, numbers and booleans in their JSON
/// spelling, arrays of scalars joined with `;` (so `"classes": [25, 18]` reads like the CSV `25;18`).
struct JSONLinesRecordParser {
    private let reader: ByteChunkReader
    private var chunk: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private var isFirstLine = true
    private var line = 0

    init(reader: ByteChunkReader) {
        self.reader = reader
    }

    /// The next non-blank line as a record, or `nil` at the end of the file.
    mutating func next() throws -> RawRightRecord? {
        while let (number, bytes, isTooLong) = try nextLine() {
            var bytes = bytes
            if isFirstLine {
                isFirstLine = false
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !isTooLong { continue }
            let raw = String(decoding: bytes, as: UTF8.self)
            var record = RawRightRecord(line: number, raw: raw, fields: [:], bytesRead: reader.bytesRead)
            if isTooLong {
                record.problems.append(("record", "line longer than \(maximumRecordBytes) bytes"))
            } else {
                Self.decode(bytes, into: &record)
            }
            return record
        }
        return nil
    }

    /// The next line without its terminator; lines beyond the record limit are cut and flagged, never buffered.
    private mutating func nextLine() throws -> (Int, [UInt8], Bool)? {
        var bytes: [UInt8] = []
        var isTooLong = false
        var sawAnything = false
        while true {
            if position == chunk.count {
                guard !isAtEnd, let next = try reader.next() else {
                    isAtEnd = true
                    guard sawAnything else { return nil }
                    line += 1
                    return (line, bytes, isTooLong)
                }
                chunk = next
                position = 0
            }
            sawAnything = true
            let end = chunk[position...].firstIndex(of: UInt8(ascii: "\n")) ?? chunk.count
            if !isTooLong {
                bytes.append(contentsOf: chunk[position..<end])
                if bytes.count > maximumRecordBytes {
                    isTooLong = true
                    bytes = Array(bytes.prefix(256))
                }
            }
            if end < chunk.count {
                position = end + 1
                line += 1
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return (line, bytes, isTooLong)
            }
            position = chunk.count
        }
    }

    private static func decode(_ bytes: [UInt8], into record: inout RawRightRecord) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch let error as DecodingError {
            record.problems.append(("json", "malformed JSON: \(Self.describe(error))"))
            return
        } catch {
            record.problems.append(("json", "malformed JSON: \(error.localizedDescription)"))
            return
        }
        guard case .object(let object) = value else {
            record.problems.append(("json", "expected a JSON object, one per line"))
            return
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch value.text {
            case .success(let text?): record.fields[key] = text
            case .success(nil): break
            case .failure(let reason): record.problems.append((key, reason.description))
            }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let value), .keyNotFound(_, let value), .typeMismatch(_, let value),
            .valueNotFound(_, let value):
            context = value
        @unknown default:
            return "\(error)"
        }
        if let underlying = context.underlyingError as NSError?,
            let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
        {
            return detail
        }
        return context.debugDescription
    }
}

/// Any JSON value, decoded without a schema so that every field can be checked and reported by name.
private enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value as field text: `nil` for null, an error for objects and nested arrays.
    var text: Result<String?, FieldError> {
        switch self {
        case .null: return .success(nil)
        case .bool(let value): return .success(value ? "true" : "false")
        case .integer(let value): return .success(String(value))
        case .number(let value): return .success(String(value))
        case .string(let value): return .success(value)
        case .object: return .failure(FieldError("expected a string, number or list, not an object"))
        case .array(let elements):
            var parts: [String] = []
            for element in elements {
                switch element {
                case .null: continue
                case .array, .object:
                    return .failure(FieldError("expected a list of strings or numbers"))
                default:
                    if case .success(let text?) = element.text { parts.append(text) }
                }
            }
            return .success(parts.joined(separator: ";"))
        }
    }
}

/// Why a JSON value cannot be read as field text.
private struct FieldError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
