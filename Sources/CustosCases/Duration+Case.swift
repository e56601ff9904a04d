import Foundation

extension Duration {
    /// `hours` hours.
    static func hours(_ hours: Int) -> Duration { .seconds(hours * 3_600) }

    /// `days` days of 24 hours; deadlines count calendar time, not working days.
    static func days(_ days: Int) -> Duration { .seconds(days * 86_400) }

    /// The duration in seconds, as Foundation's date arithmetic wants it.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

extension Date {
    /// The instant `duration` after this one.
    func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.timeInterval) }
}

/// Durations in configuration travel as seconds (a JSON number), not as `Duration`'s two-integer encoding.
enum DurationCoding {
    /// Writes `duration` as a number of seconds.
    static func encode<Key: CodingKey>(
        _ duration: Duration, forKey key: Key, in container: inout KeyedEncodingContainer<Key>
    ) throws {
        try container.encode(duration.timeInterval, forKey: key)
    }

    /// Reads a positive number of seconds.
    static func decode<Key: CodingKey>(forKey key: Key, in container: KeyedDecodingContainer<Key>) throws -> Duration {
        let seconds = try container.decode(Double.self, forKey: key)
        guard seconds.isFinite, seconds > 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(key.stringValue) must be a positive number of seconds")
        }
        return .seconds(seconds)
    }
}
