import Foundation

/// Dates in the public documents are `YYYY-MM-DDTHH:MM:SSZ` strings written by the engine itself, so the output
/// does not depend on the date strategy of whichever encoder the caller uses.
extension KeyedEncodingContainer {
    mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws {
        try encode(CivilTime.timestamp(date), forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = CivilTime.parseTimestamp(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected a timestamp such as 2025-01-31T12:00:00Z")
        }
        return date
    }
}
