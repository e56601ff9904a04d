import CustosStore
import Foundation

/// Conversions between domain values and their stored text.
enum StoredValue {
    /// The enumeration case stored as `text`; a value the CHECK constraints should have kept out means the
    /// database was edited by hand or written by another program.
    static func enumeration<T: RawRepresentable>(_ type: T.Type, _ text: String) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw StoreError(
                .incompatibleSchema, "The store holds a value this version of Custos does not know.",
                underlying: "\(T.self): \(text)")
        }
        return value
    }

    /// The instant stored as `text`.
    static func date(_ text: String) throws -> Date {
        guard let date = StoredTimestamp.date(from: text) else {
            throw StoreError(
                .incompatibleSchema, "The store holds a timestamp in an unexpected form.", underlying: text)
        }
        return date
    }

    /// The optional instant stored as `text`.
    static func date(_ text: String?) throws -> Date? {
        try text.map { try date($0) }
    }

    /// `value` as compact JSON text with sorted keys, so equal values are stored identically.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError(.io, "Cannot encode a value for storage.", underlying: String(describing: error))
        }
    }

    /// The value stored as JSON `text`.
    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(
                .incompatibleSchema, "The store holds JSON in an unexpected shape.",
                underlying: String(describing: error))
        }
    }
}
